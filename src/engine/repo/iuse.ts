// A package's IUSE as the workbench needs it: flag names with their ebuild defaults (+flag, -flag),
// read from the metadata cache when the tree has one (eclass flags included) or from the ebuild text.
// Pure; the reader fetches the files.
import type { PackageAtom } from '../../core/portage/atom-types.js';
import { atomMatches } from '../../core/portage/atom-match.js';
import { compareVersions } from '../../core/portage/version.js';

export interface IuseFlag {
  name: string;
  /** `+flag` in IUSE: on unless configured off; `-flag`: off unless configured on; null: no default. */
  default: 'on' | 'off' | null;
}

/** Parse an IUSE value (`+ssl -debug test ${VAR}`); variable references and duplicates are skipped. */
function parseIuse(value: string): IuseFlag[] {
  const seen = new Set<string>();
  const out: IuseFlag[] = [];
  for (const token of value.split(/\s+/)) {
    if (token === '' || token.includes('$')) continue;
    const sign = token[0] === '+' ? 'on' : token[0] === '-' ? 'off' : null;
    const name = sign ? token.slice(1) : token;
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, default: sign });
  }
  return out;
}

/** IUSE of an ebuild: every `IUSE=` / `IUSE+=` assignment (quoted, possibly over several lines). */
export function ebuildIuse(text: string): IuseFlag[] {
  const values: string[] = [];
  for (const m of text.matchAll(/^[ \t]*IUSE\+?=(?:"([^"]*)"|'([^']*)'|(\S*))/gm)) values.push(m[1] ?? m[2] ?? m[3] ?? '');
  return parseIuse(values.join(' '));
}

/** IUSE from a metadata/md5-cache entry (`IUSE=…` line). */
export function md5CacheIuse(text: string): IuseFlag[] | null {
  const line = text.split('\n').find((l) => l.startsWith('IUSE='));
  return line === undefined ? null : parseIuse(line.slice(5));
}

/** Versions from the ebuild file names of a package folder (`curl-8.11.1-r1.ebuild` → `8.11.1-r1`). */
export function ebuildVersions(pn: string, fileNames: readonly string[]): string[] {
  const prefix = `${pn}-`;
  return fileNames
    .filter((f) => f.startsWith(prefix) && f.endsWith('.ebuild'))
    .map((f) => f.slice(prefix.length, -'.ebuild'.length))
    .sort((a, b) => compareVersions(b, a));
}

/** KEYWORDS of an ebuild or metadata cache entry (`KEYWORDS="amd64 ~arm64"` or `KEYWORDS=amd64`). */
export function ebuildKeywords(text: string): string[] {
  const m = /^[ \t]*KEYWORDS=(?:"([^"]*)"|'([^']*)'|(\S*))/m.exec(text);
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').split(/\s+/).filter(Boolean);
}

/**
 * The version Portage would most likely pick for the atom: among the versions it selects (all when
 * none), the newest with a stable keyword, else the newest with any keyword (a live 9999 ebuild has
 * none), else the newest. Null without ebuilds.
 */
export function bestVersion(atom: PackageAtom, versions: readonly string[], keywordsOf: (version: string) => readonly string[] = () => ['*']): string | null {
  const cp = `${atom.category}/${atom.name}`;
  const sorted = [...versions].sort((a, b) => compareVersions(b, a));
  const matching = sorted.filter((v) => atomMatches(atom, { cpv: `${cp}-${v}` }));
  const pool = matching.length > 0 ? matching : sorted;
  const stable = pool.find((v) => keywordsOf(v).some((k) => !k.startsWith('~') && !k.startsWith('-')));
  const keyworded = pool.find((v) => keywordsOf(v).some((k) => !k.startsWith('-')));
  return stable ?? keyworded ?? pool[0] ?? null;
}
