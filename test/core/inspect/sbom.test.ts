// SBOMs in both formats list every package with version, USE, licence and size, and follow the
// specs' required fields.
import { describe, expect, it } from 'vitest';
import type { PackageSize } from '../../../src/core/inspect/package-sizes.js';
import { licenseNames } from '../../../src/core/inspect/sbom/license-names.js';
import { renderSbom } from '../../../src/core/inspect/sbom/sbom.js';

const pkg = (cpv: string, cp: string, version: string, license: string | null, use: string[], size: number): PackageSize => ({
  cpv, cp, version, slot: '0', repository: 'gentoo', use, license, size, files: 3, missing: 0, recordedSize: size, estimated: false, largest: [],
});

const input = {
  image: { id: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', name: 'example/app:1' },
  packages: [pkg('net-misc/curl-8.10.1', 'net-misc/curl', '8.10.1', 'MIT', ['http2', 'ssl'], 2120), pkg('dev-libs/openssl-3.3.2-r2', 'dev-libs/openssl', '3.3.2-r2', '|| ( Apache-2.0 openssl )', [], 9000), pkg('app-misc/x-1', 'app-misc/x', '1', null, [], 1)],
  tool: { name: 'gentoo-wb', version: '0.1.0' },
  timestamp: '2026-01-01T00:00:00.000Z',
  uuid: '3f2b7c1e-1111-4222-8333-444455556666',
};

describe('licences', () => {
  it('takes the names out of Gentoo LICENSE strings', () => {
    expect(licenseNames('|| ( MIT GPL-2+ ) ssl? ( OpenSSL ) MIT')).toEqual(['MIT', 'GPL-2+', 'OpenSSL']);
    expect(licenseNames(null)).toEqual([]);
  });
  it('translates simple shapes to SPDX expressions over LicenseRef-s', () => {
    const spdxLicense = (license: string | null) => {
      const doc = JSON.parse(renderSbom('spdx', { ...input, packages: [pkg('a/b-1', 'a/b', '1', license, [], 1)] })) as { packages: { name: string; licenseDeclared: string }[] };
      return doc.packages.find((p) => p.name === 'a/b')?.licenseDeclared;
    };
    expect(spdxLicense('MIT')).toBe('LicenseRef-gentoo-MIT');
    expect(spdxLicense('|| ( MIT GPL-2+ )')).toBe('(LicenseRef-gentoo-MIT OR LicenseRef-gentoo-GPL-2-)');
    expect(spdxLicense('MIT ssl? ( OpenSSL )')).toBe('LicenseRef-gentoo-MIT AND LicenseRef-gentoo-OpenSSL');
    expect(spdxLicense(null)).toBe('NOASSERTION');
  });
});

describe('CycloneDX 1.5', () => {
  const doc = JSON.parse(renderSbom('cyclonedx', input)) as Record<string, unknown> & { components: Record<string, unknown>[]; metadata: Record<string, unknown> };
  it('carries the required top-level fields', () => {
    expect(doc).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: `urn:uuid:${input.uuid}`, version: 1 });
    expect(doc.metadata).toMatchObject({ timestamp: input.timestamp, component: { type: 'container', name: 'example/app:1' } });
  });
  it('lists every package with version, purl, licence, USE and size', () => {
    expect(doc.components).toHaveLength(3);
    expect(doc.components[0]).toMatchObject({
      type: 'library', group: 'net-misc', name: 'curl', version: '8.10.1', purl: 'pkg:ebuild/net-misc/curl@8.10.1', licenses: [{ license: { name: 'MIT' } }],
      properties: expect.arrayContaining([{ name: 'gentoo:use', value: 'http2 ssl' }, { name: 'gentoo:size', value: '2120' }, { name: 'gentoo:slot', value: '0' }]),
    });
    expect(doc.components[1]!.licenses).toEqual([{ license: { name: 'Apache-2.0' } }, { license: { name: 'openssl' } }]);
  });
});

describe('SPDX 2.3', () => {
  const doc = JSON.parse(renderSbom('spdx', input)) as { packages: Record<string, unknown>[]; relationships: Record<string, string>[]; hasExtractedLicensingInfos: { licenseId: string }[] } & Record<string, unknown>;
  it('carries the required document fields', () => {
    expect(doc).toMatchObject({ spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'example/app:1', creationInfo: { created: input.timestamp, creators: ['Tool: gentoo-wb-0.1.0'] } });
    expect(doc.documentNamespace).toContain(input.uuid);
  });
  it('has the image plus every package, each contained in the image, with licence refs declared', () => {
    expect(doc.packages).toHaveLength(4);
    expect(doc.packages[1]).toMatchObject({ name: 'net-misc/curl', versionInfo: '8.10.1', licenseDeclared: 'LicenseRef-gentoo-MIT', comment: 'USE="http2 ssl" size=2120 files=3 slot=0 repository=gentoo' });
    expect(doc.relationships.filter((r) => r.relationshipType === 'CONTAINS')).toHaveLength(3);
    const ids = new Set(doc.packages.map((p) => p.SPDXID));
    expect(ids.size).toBe(4);
    for (const r of doc.relationships) expect(ids.has(r.relatedSpdxElement!)).toBe(true);
    expect(doc.hasExtractedLicensingInfos.map((l) => l.licenseId)).toEqual(['LicenseRef-gentoo-Apache-2.0', 'LicenseRef-gentoo-MIT', 'LicenseRef-gentoo-openssl']);
  });
});
