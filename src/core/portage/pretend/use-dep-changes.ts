// USE changes Portage asks for without its autounmask section. With --binpkg-respect-use=y (or when
// autounmask is off) emerge does not print "The following USE changes are necessary to proceed";
// it says "there are no ebuilds built with USE flags to satisfy …" and lists the package with
// "(Change USE: +flag -flag)". That is the same request, so it becomes the same package.use change.
import { CHANGE_FILES } from './autounmask.js';
import type { DependencyParent, PackageChange, PretendProblem } from './pretend-types.js';

/** A chain line in autounmask's `# required by` form: `net-misc/hurl-6.0::gentoo`, `net-misc/hurl (argument)`. */
function requiredByEntry(p: DependencyParent): string {
  return p.type === 'argument' ? `${p.parent} (argument)` : p.parent;
}

/**
 * The package.use entries the no-ebuilds problems ask for, shaped as autounmask writes them
 * (`>=net-misc/curl-8.11.1 http2`); entries already among `existing` are left out. Missing IUSE
 * is no change: no flag setting gives a package a flag it does not have.
 */
export function useChangesFromProblems(problems: readonly PretendProblem[], existing: readonly PackageChange[]): PackageChange[] {
  const seen = new Set(existing.filter((c) => c.kind === 'use').map((c) => c.line));
  const out: PackageChange[] = [];
  for (const p of problems) {
    if (p.kind !== 'no-ebuilds') continue;
    for (const c of p.candidates) {
      if (c.useChanges.length === 0) continue;
      const atom = `>=${c.cpv}`;
      const line = `${atom} ${c.useChanges.join(' ')}`;
      if (seen.has(line)) continue;
      seen.add(line);
      out.push({
        kind: 'use', line, atom, values: [...c.useChanges],
        requiredBy: p.requiredBy.map(requiredByEntry),
        comments: c.violation ? [`# ${c.violation}`] : [],
        file: CHANGE_FILES.use,
      });
    }
  }
  return out;
}
