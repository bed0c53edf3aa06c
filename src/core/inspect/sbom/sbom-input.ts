// What both SBOM writers need: the image, its packages with sizes, who wrote the document and when.
// Time and identity come in as values so the documents are reproducible in tests.
import type { PackageSize } from '../package-sizes.js';

export interface SbomInput {
  image: { id: string; name: string };
  packages: readonly PackageSize[];
  tool: { name: string; version: string };
  /** ISO 8601. */
  timestamp: string;
  /** A random UUID (v4) for the document's serial number / namespace. */
  uuid: string;
}

export type SbomFormat = 'cyclonedx' | 'spdx';

/** Package URL of a Gentoo package (the `ebuild` type, as syft writes it). */
export function packageUrl(cp: string, version: string): string {
  return `pkg:ebuild/${cp.split('/').map(encodeURIComponent).join('/')}@${encodeURIComponent(version)}`;
}
