// Which files of a PKGDIR the farm publishes: the packages' own, in both of Portage's layouts, and nothing else.
import { describe, expect, it } from 'vitest';
import { binpkgMatcher } from '../../../src/core/farm/binpkg-paths.js';

describe('binpkgMatcher', () => {
  const wanted = binpkgMatcher(['dev-libs/libfoo-1.0', 'app-misc/hello-2.1-r1']);

  it('takes the multi-instance files and their folders (FEATURES=binpkg-multi-instance)', () => {
    expect(['dev-libs/', 'dev-libs/libfoo/', 'dev-libs/libfoo/libfoo-1.0-1.gpkg.tar', 'dev-libs/libfoo/libfoo-1.0-12.xpak', 'app-misc/hello/hello-2.1-r1-3.gpkg.tar'].filter(wanted)).toHaveLength(5);
  });

  it('takes the single-instance files', () => {
    expect(['dev-libs/libfoo-1.0.tbz2', 'dev-libs/libfoo-1.0.gpkg.tar', 'app-misc/hello-2.1-r1.xpak'].every(wanted)).toBe(true);
  });

  it('leaves the index, other versions, other packages and look-alikes', () => {
    for (const p of ['Packages', 'Packages.gz', 'dev-libs/libfoo/libfoo-1.0.1-1.gpkg.tar', 'dev-libs/libfoo/libfoo-1.0-r1-1.gpkg.tar', 'dev-libs/libfoo-1.0-r1.tbz2', 'dev-libs/libbar/libbar-1.0-1.gpkg.tar', 'app-misc/hello/hello-2.1-1.gpkg.tar', 'dev-libs/libfoo/libfoo-1.0-1.gpkg.tar.partial', 'sys-libs/']) {
      expect(wanted(p), p).toBe(false);
    }
  });
});
