// One entry for both SBOM formats: the document as JSON text.
import { cycloneDx } from './cyclonedx.js';
import type { SbomFormat, SbomInput } from './sbom-input.js';
import { spdxDocument } from './spdx.js';

/** The SBOM text (JSON, newline at the end) in the chosen format. */
export function renderSbom(format: SbomFormat, input: SbomInput): string {
  const doc = format === 'spdx' ? spdxDocument(input) : cycloneDx(input);
  return `${JSON.stringify(doc, null, 2)}\n`;
}
