// Does an atom select a given package? Used to apply package.* entries to a merge-list package.
import type { PackageAtom } from './atom-types.js';
import { splitCpv } from './names.js';
import { parseVersion, versionMatches } from './version.js';

/** A concrete package: cpv plus what is known of its slot and repository. */
export interface PackageRef {
  cpv: string;
  slot?: string | null;
  subslot?: string | null;
  repo?: string | null;
}

/**
 * True when the atom selects the package. USE dependencies and blockers are ignored (they
 * constrain a dependency, not which package an entry applies to); an unknown slot or repository
 * on the package is treated as matching.
 */
export function atomMatches(atom: PackageAtom, pkg: PackageRef): boolean {
  const cpv = splitCpv(pkg.cpv);
  if (!cpv || cpv.category !== atom.category || cpv.name !== atom.name) return false;
  if (atom.version && atom.operator) {
    const candidate = parseVersion(cpv.version);
    if (!candidate || !versionMatches(atom.operator, atom.version, candidate, atom.wildcard)) return false;
  }
  if (atom.slot && atom.slot.slot !== null && pkg.slot != null) {
    if (atom.slot.slot !== pkg.slot) return false;
    if (atom.slot.subslot !== null && pkg.subslot != null && atom.slot.subslot !== pkg.subslot) return false;
  }
  if (atom.repo !== null && pkg.repo != null && atom.repo !== pkg.repo) return false;
  return true;
}
