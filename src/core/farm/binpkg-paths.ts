// Which files of a binary package cache (PKGDIR) hold the given packages, in the layouts Portage
// writes: with FEATURES=binpkg-multi-instance (the default) `CAT/PN/PF-BUILDID.gpkg.tar` or `.xpak`,
// without it `CAT/PF.gpkg.tar`, `.xpak` or `.tbz2` (Portage 3.0.82 portage/dbapi/bintree.py:
// _allocate_filename_multi, _allocate_filename). The Packages index is not among them: the receiving
// side rebuilds its own with `emaint binhost --fix`.
import { splitCpv } from '../portage/names.js';

const SUFFIX = /^(?:\.gpkg\.tar|\.xpak|\.tbz2)$/;

/** A matcher for PKGDIR-relative paths (`app-misc/hello/hello-1.0-1.gpkg.tar`, folders with a trailing slash) that belong to `cpvs`. */
export function binpkgMatcher(cpvs: readonly string[]): (relative: string) => boolean {
  const parsed = cpvs.flatMap((c) => {
    const s = splitCpv(c);
    return s ? [{ category: s.category, pn: s.name, pf: c.slice(c.indexOf('/') + 1) }] : [];
  });
  const folders = new Set(parsed.flatMap((p) => [`${p.category}/`, `${p.category}/${p.pn}/`]));
  return (relative) => {
    if (folders.has(relative)) return true;
    const parts = relative.split('/');
    return parsed.some((p) => {
      if (parts.length === 3 && parts[0] === p.category && parts[1] === p.pn) {
        const file = parts[2]!;
        const rest = file.startsWith(`${p.pf}-`) ? file.slice(p.pf.length + 1) : null;
        const m = rest === null ? null : /^(\d+)(.*)$/.exec(rest);
        return m !== null && SUFFIX.test(m[2]!);
      }
      return parts.length === 2 && parts[0] === p.category && parts[1]!.startsWith(p.pf) && SUFFIX.test(parts[1]!.slice(p.pf.length));
    });
  };
}
