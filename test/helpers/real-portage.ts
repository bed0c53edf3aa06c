// Helpers for tests that run real Portage: the test images the global setup built (Debian + Portage from
// PyPI + the project's test repository; see test/fixtures/portage-image/README.md).
import { inject } from 'vitest';

/** The real-Portage test image tags; throws the build error when the global setup could not build them. */
export function realPortageImages(): { base: string; tree: string } {
  const p = inject('realPortage');
  if (!p.base || !p.tree) throw new Error(p.error || 'the real-Portage test images are not available');
  return { base: p.base, tree: p.tree };
}
