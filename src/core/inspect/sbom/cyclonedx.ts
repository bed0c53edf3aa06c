// A CycloneDX 1.5 JSON document: the image as the described component, every installed package as a
// component with version, USE flags, licence and installed size (as properties under `gentoo:`).
import { licenseNames } from './license-names.js';
import { packageUrl, type SbomInput } from './sbom-input.js';

interface Property {
  name: string;
  value: string;
}

/** The CycloneDX 1.5 document for an image. */
export function cycloneDx(input: SbomInput): Record<string, unknown> {
  const imageRef = `image:${input.image.id}`;
  const components = input.packages.map((p) => {
    const purl = packageUrl(p.cp, p.version);
    const properties: Property[] = [
      { name: 'gentoo:cpv', value: p.cpv },
      { name: 'gentoo:use', value: p.use.join(' ') },
      { name: 'gentoo:size', value: String(p.size) },
      { name: 'gentoo:files', value: String(p.files) },
    ];
    if (p.slot) properties.push({ name: 'gentoo:slot', value: p.slot });
    if (p.repository) properties.push({ name: 'gentoo:repository', value: p.repository });
    if (p.license) properties.push({ name: 'gentoo:license', value: p.license });
    if (p.recordedSize !== null) properties.push({ name: 'gentoo:recorded-size', value: String(p.recordedSize) });
    const [group, name] = p.cp.split('/');
    return {
      type: 'library',
      'bom-ref': purl,
      group,
      name,
      version: p.version,
      purl,
      licenses: licenseNames(p.license).map((l) => ({ license: { name: l } })),
      properties,
    };
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${input.uuid}`,
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      tools: { components: [{ type: 'application', name: input.tool.name, version: input.tool.version }] },
      component: { type: 'container', 'bom-ref': imageRef, name: input.image.name, version: input.image.id },
    },
    components,
    dependencies: [{ ref: imageRef, dependsOn: components.map((c) => c['bom-ref']) }],
  };
}
