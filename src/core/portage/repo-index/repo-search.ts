// eix-like search while typing: names first (exact name, prefix, substring), then descriptions;
// when nothing matches, the closest names ("did you mean").
import { parsePackageAtom } from '../atom-parser.js';
import { closestNames } from './closest-names.js';
import { findPackage } from './repo-index.js';
import type { IndexedPackage, RepoIndex } from './repo-index-types.js';

export type SearchRank = 'exact' | 'prefix' | 'substring' | 'description' | 'similar';

export interface SearchHit {
  pkg: IndexedPackage;
  rank: SearchRank;
}

const ORDER: Record<SearchRank, number> = { exact: 0, prefix: 1, substring: 2, description: 3, similar: 4 };

/** What to look for in what was typed: an atom's `cat/pn`, or the text without operators, slot or USE. */
function searchTerm(typed: string): string {
  const text = typed.trim();
  const atom = parsePackageAtom(text);
  if (atom.ok) return `${atom.atom.category}/${atom.atom.name}`.toLowerCase();
  return text.replace(/^[<>=~!]+/, '').replace(/[:[].*$/, '').toLowerCase();
}

function rankOf(pkg: IndexedPackage, term: string): SearchRank | null {
  const name = pkg.name.toLowerCase();
  const cp = pkg.cp.toLowerCase();
  if (term.includes('/')) {
    if (cp === term) return 'exact';
    if (cp.startsWith(term)) return 'prefix';
    if (cp.includes(term)) return 'substring';
    return null;
  }
  if (name === term) return 'exact';
  if (name.startsWith(term)) return 'prefix';
  if (cp.includes(term)) return 'substring';
  if (pkg.description.toLowerCase().includes(term)) return 'description';
  return null;
}

/** Packages matching `typed`, best first, at most `limit`; nothing for an empty query. */
export function searchRepo(index: RepoIndex, typed: string, limit = 50): SearchHit[] {
  const term = searchTerm(typed);
  if (term === '') return [];
  const hits: SearchHit[] = [];
  for (const pkg of index.packages) {
    const rank = rankOf(pkg, term);
    if (rank !== null) hits.push({ pkg, rank });
  }
  hits.sort((a, b) => ORDER[a.rank] - ORDER[b.rank] || a.pkg.name.length - b.pkg.name.length || (a.pkg.cp < b.pkg.cp ? -1 : 1));
  if (hits.length > 0) return hits.slice(0, limit);
  const slash = term.indexOf('/');
  const similar = slash >= 0 ? closestNames(index, term.slice(0, slash), term.slice(slash + 1)) : closestNames(index, null, term);
  return similar.flatMap((cp) => {
    const pkg = findPackage(index, cp);
    return pkg ? [{ pkg, rank: 'similar' as const }] : [];
  });
}
