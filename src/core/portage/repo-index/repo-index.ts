// Builds the RepoIndex from md5-cache entries and the profile's files.
import { atomMatches } from '../atom-match.js';
import { parsePackageAtom } from '../atom-parser.js';
import type { PackageAtom } from '../atom-types.js';
import { splitCpv } from '../names.js';
import { compareVersions } from '../version.js';
import { profileStack, stackArch, stackedMasks, type ProfileFiles } from './profile-stack.js';
import type { CacheEntry, IndexedPackage, KeywordState, MaskEntry, RepoIndex } from './repo-index-types.js';

export interface RepoIndexInput {
  source: string;
  /** `cat/pf` and its parsed md5-cache file. */
  entries: Iterable<{ cpf: string; entry: CacheEntry }>;
  /** Profile path under profiles/ (from /etc/portage/make.profile), or null when unknown. */
  profile: string | null;
  profileFiles: ProfileFiles;
}

/** How KEYWORDS stand for `arch`. */
function keywordState(keywords: readonly string[], arch: string | null): KeywordState {
  if (arch === null) return keywords.some((k) => !k.startsWith('-') && !k.startsWith('~')) ? 'stable' : keywords.some((k) => k.startsWith('~')) ? 'testing' : 'unkeyworded';
  if (keywords.includes(arch) || keywords.includes('*')) return 'stable';
  if (keywords.includes(`~${arch}`) || keywords.includes('~*')) return 'testing';
  return 'unkeyworded';
}

/** The mask of a package version, or null. */
function maskOf(masks: readonly { atom: PackageAtom; entry: MaskEntry }[], cpv: string, slot: string): MaskEntry | null {
  return masks.find((m) => atomMatches(m.atom, { cpv, slot }))?.entry ?? null;
}

/** The index: packages sorted by cp, versions oldest first, each with keyword state and mask. */
export function buildRepoIndex(input: RepoIndexInput): RepoIndex {
  const stack = input.profile !== null ? profileStack(input.profile, input.profileFiles) : [];
  const masks = stackedMasks(stack, input.profileFiles);
  const arch = stackArch(stack, input.profileFiles);
  const masksByCp = new Map<string, { atom: PackageAtom; entry: MaskEntry }[]>();
  for (const entry of masks) {
    const parsed = parsePackageAtom(entry.atom);
    if (!parsed.ok) continue;
    const cp = `${parsed.atom.category}/${parsed.atom.name}`;
    masksByCp.set(cp, [...(masksByCp.get(cp) ?? []), { atom: parsed.atom, entry }]);
  }
  const byCp = new Map<string, { pkg: IndexedPackage; descriptions: Map<string, string> }>();
  for (const { cpf, entry } of input.entries) {
    const cpv = splitCpv(cpf);
    if (!cpv) continue;
    let slot = byCp.get(cpv.cp);
    if (!slot) {
      slot = { pkg: { cp: cpv.cp, category: cpv.category, name: cpv.name, description: '', versions: [] }, descriptions: new Map() };
      byCp.set(cpv.cp, slot);
    }
    const [slotName = '0'] = entry.slot.split('/');
    slot.pkg.versions.push({
      version: cpv.version,
      slot: slotName,
      keywords: entry.keywords,
      state: keywordState(entry.keywords, arch),
      mask: maskOf(masksByCp.get(cpv.cp) ?? [], cpf, slotName),
    });
    slot.descriptions.set(cpv.version, entry.description);
  }
  const packages = [...byCp.values()].map(({ pkg, descriptions }) => {
    pkg.versions.sort((a, b) => compareVersions(a.version, b.version));
    // The newest version that is not live describes the package best; a live one if that is all.
    const described = [...pkg.versions].reverse().find((v) => !/^9999/.test(v.version)) ?? pkg.versions.at(-1);
    pkg.description = described ? descriptions.get(described.version) ?? '' : '';
    return pkg;
  });
  packages.sort((a, b) => (a.cp < b.cp ? -1 : a.cp > b.cp ? 1 : 0));
  return { source: input.source, arch, profile: input.profile, packages, masks };
}

/** The package `cp`, or undefined (binary search over the sorted list). */
export function findPackage(index: RepoIndex, cp: string): IndexedPackage | undefined {
  let lo = 0;
  let hi = index.packages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const here = index.packages[mid]!.cp;
    if (here === cp) return index.packages[mid];
    if (here < cp) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
