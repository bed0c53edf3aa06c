// Helpers for tests that run real Portage: the test images the global setup built (Debian + Portage from
// PyPI + the project's test repository; see test/fixtures/portage-image/README.md).
import { inject } from 'vitest';

/** The real-Portage test image tags; throws the build error when the global setup could not build them. */
export function realPortageImages(): { base: string; tree: string } {
  const p = inject('realPortage');
  if (!p.base || !p.tree) throw new Error(p.error || 'the real-Portage test images are not available');
  return { base: p.base, tree: p.tree };
}

/**
 * Build environment for tests that do not need packages to overlap: the test repository's ebuilds
 * sleep GWB_TEST_COMPILE_SECONDS (default 2) in src_compile so that `--jobs` builds really run side by side.
 */
export const FAST_BUILD_ENV: Record<string, string> = { GWB_TEST_COMPILE_SECONDS: '0' };

/** Build environment whose compile phases last `seconds` each (for overlap, detach and kill tests). */
export function compileSeconds(seconds: number): Record<string, string> {
  return { GWB_TEST_COMPILE_SECONDS: String(seconds) };
}
