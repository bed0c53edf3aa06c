// An SPDX 2.3 JSON document: the image as a package that CONTAINS every installed package, each
// with version, purl, declared licence (Gentoo's licence names as LicenseRef- identifiers, since
// they are not SPDX IDs), USE flags and installed size in the package comment.
import { licenseNames, licenseRef } from './license-names.js';
import { packageUrl, type SbomInput } from './sbom-input.js';
import { shortId } from '../../format/short-id.js';

function spdxId(text: string): string {
  return `SPDXRef-${text.replace(/[^A-Za-z0-9.-]/g, '-')}`;
}

/** Gentoo LICENSE as an SPDX expression over LicenseRef-s (any-of groups become OR, the rest AND). */
function spdxLicense(license: string | null): string {
  const names = licenseNames(license);
  if (names.length === 0) return 'NOASSERTION';
  const tokens = (license ?? '').split(/\s+/).filter(Boolean);
  // Only the simple shapes are translated exactly; anything with flag conditionals is listed with AND,
  // which claims no more than the package may carry.
  if (tokens[0] === '||' && tokens[1] === '(' && tokens.at(-1) === ')' && tokens.slice(2, -1).every((t) => !['(', ')', '||'].includes(t) && !t.endsWith('?'))) {
    return names.length === 1 ? licenseRef(names[0]!) : `(${names.map(licenseRef).join(' OR ')})`;
  }
  return names.length === 1 ? licenseRef(names[0]!) : names.map(licenseRef).join(' AND ');
}

/** The SPDX 2.3 document for an image. */
export function spdxDocument(input: SbomInput): Record<string, unknown> {
  const imageId = spdxId(`image-${shortId(input.image.id)}`);
  const packages = input.packages.map((p) => ({
    SPDXID: spdxId(`package-${p.cpv}`),
    name: p.cp,
    versionInfo: p.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: spdxLicense(p.license),
    copyrightText: 'NOASSERTION',
    comment: `USE="${p.use.join(' ')}" size=${p.size} files=${p.files}${p.slot ? ` slot=${p.slot}` : ''}${p.repository ? ` repository=${p.repository}` : ''}`,
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: packageUrl(p.cp, p.version) }],
  }));
  const refs = [...new Set(input.packages.flatMap((p) => licenseNames(p.license)))].sort();
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: input.image.name,
    documentNamespace: `https://gentoo-wb.invalid/spdx/${encodeURIComponent(input.image.name)}-${input.uuid}`,
    creationInfo: { created: input.timestamp, creators: [`Tool: ${input.tool.name}-${input.tool.version}`] },
    packages: [
      { SPDXID: imageId, name: input.image.name, versionInfo: input.image.id, downloadLocation: 'NOASSERTION', filesAnalyzed: false, licenseConcluded: 'NOASSERTION', licenseDeclared: 'NOASSERTION', copyrightText: 'NOASSERTION', primaryPackagePurpose: 'CONTAINER' },
      ...packages,
    ],
    hasExtractedLicensingInfos: refs.map((name) => ({ licenseId: licenseRef(name), name, extractedText: `The ${name} licence as shipped in the Gentoo repository's licenses/${name} file.` })),
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
      ...packages.map((p) => ({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: p.SPDXID })),
    ],
  };
}
