// "Did you mean": the packages whose names are nearest a name that matched nothing — the same name
// in another category first, then by edit distance.
import type { IndexedPackage, RepoIndex } from './repo-index-types.js';

/**
 * Edit distance counting a swap of neighbours as one edit (optimal string alignment: `pph` is one
 * from `php`), giving up (returning limit + 1) once it cannot stay within `limit`.
 */
function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How far `cp` may be from a suggestion: about a third of the name, at least 1, at most 4. */
function allowance(name: string): number {
  return Math.min(4, Math.max(1, Math.floor(name.length / 3)));
}

/** Up to `count` package names close to `category/name` (the name itself excluded); a null category compares names only. */
export function closestNames(index: RepoIndex, category: string | null, name: string, count = 3): string[] {
  const cp = `${category ?? ''}/${name}`;
  const lowerName = name.toLowerCase();
  const limit = allowance(name);
  const scored: { pkg: IndexedPackage; score: number }[] = [];
  for (const pkg of index.packages) {
    if (pkg.cp === cp) continue;
    const sameCategory = category === null || pkg.category === category;
    // The same name elsewhere is the likeliest slip (wrong category): it sorts before any typo.
    if (pkg.name.toLowerCase() === lowerName) {
      scored.push({ pkg, score: sameCategory ? 0 : 0.5 });
      continue;
    }
    const byName = editDistance(lowerName, pkg.name.toLowerCase(), limit) + (sameCategory ? 0 : 1);
    const byCp = category === null ? Infinity : editDistance(cp, pkg.cp, limit);
    const score = Math.min(byName, byCp);
    if (score <= limit) scored.push({ pkg, score });
  }
  scored.sort((a, b) => a.score - b.score || a.pkg.cp.length - b.pkg.cp.length || (a.pkg.cp < b.pkg.cp ? -1 : 1));
  return scored.slice(0, count).map((s) => s.pkg.cp);
}
