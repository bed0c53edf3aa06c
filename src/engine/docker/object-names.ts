// Fresh names for the objects gentoo-wb creates: build IDs and temporary image/container names.
import { randomBytes } from 'node:crypto';

/** Repository prefix of temporary images; cleanup also recognises leaked ones by it. */
export const TEMP_IMAGE_REPO = 'gentoo-wb-tmp';

/** A new build ID: sortable by time, unique enough to label one build's objects. */
export function newBuildId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** A temporary image name such as `gentoo-wb-tmp/flatten-1a2b3c4d:latest`. */
export function temporaryImageName(purpose: string): string {
  return `${TEMP_IMAGE_REPO}/${purpose}-${randomBytes(4).toString('hex')}:latest`;
}
