// Atoms of a recipe checked against the tree's package index: an atom that matches no package
// (with the closest names), no version, or only versions emerge will not take (testing keywords,
// no keywords, masked) is a problem — unless the recipe itself accepts or unmasks them.
import { atomMatches } from '../portage/atom-match.js';
import { parseAtom, parsePackageAtom } from '../portage/atom-parser.js';
import type { PackageAtom } from '../portage/atom-types.js';
import { closestNames } from '../portage/repo-index/closest-names.js';
import { findPackage } from '../portage/repo-index/repo-index.js';
import type { IndexedPackage, IndexedVersion, RepoIndex } from '../portage/repo-index/repo-index-types.js';
import type { RecipeProblem } from './recipe-problems.js';
import type { Recipe } from './recipe-schema.js';

/** What the recipe adds to the profile's keywords and masks. */
export interface Acceptance {
  /** make.conf ACCEPT_KEYWORDS words (on top of the profile's ARCH). */
  keywords: string[];
  packageKeywords: { atom: string; keywords: string[] }[];
  mask: string[];
  unmask: string[];
}

const NO_ACCEPTANCE: Acceptance = { keywords: [], packageKeywords: [], mask: [], unmask: [] };

/** The recipe's keywords, masks and unmasks. */
export function acceptanceOf(recipe: Recipe): Acceptance {
  return {
    keywords: (recipe.makeConf.ACCEPT_KEYWORDS ?? '').split(/\s+/).filter(Boolean),
    packageKeywords: recipe.packageAcceptKeywords,
    mask: recipe.packageMask,
    unmask: recipe.packageUnmask,
  };
}

export type AtomCheck =
  | { kind: 'skipped' }
  | { kind: 'ok'; pkg: IndexedPackage; best: IndexedVersion }
  | { kind: 'missing'; cp: string; suggestions: string[] }
  | { kind: 'no-version'; pkg: IndexedPackage }
  | { kind: 'hidden'; pkg: IndexedPackage; versions: { version: IndexedVersion; why: string }[] };

const parsedList = (atoms: readonly string[]) => atoms.map((a) => parsePackageAtom(a)).flatMap((r) => (r.ok ? [r.atom] : []));

/** Why emerge would not take this version (null: it would). */
function hiddenBecause(index: RepoIndex, pkg: IndexedPackage, v: IndexedVersion, accept: Acceptance): string | null {
  const cpv = `${pkg.cp}-${v.version}`;
  const ref = { cpv, slot: v.slot };
  const selects = (atoms: readonly PackageAtom[]) => atoms.some((a) => atomMatches(a, ref));
  if (selects(parsedList(accept.mask))) return 'masked by the recipe';
  if (v.mask !== null && !selects(parsedList(accept.unmask))) return `masked by ${v.mask.file}${v.mask.reason ? `: ${v.mask.reason}` : ''}`;
  const arch = index.arch;
  if (arch === null) return null;
  const accepted = new Set([arch, ...accept.keywords]);
  for (const entry of accept.packageKeywords) {
    const atom = parsePackageAtom(entry.atom);
    if (atom.ok && atomMatches(atom.atom, ref)) for (const k of entry.keywords.length > 0 ? entry.keywords : [`~${arch}`]) accepted.add(k);
  }
  if (accepted.has('**')) return null;
  if (v.keywords.some((k) => accepted.has(k))) return null;
  if (accepted.has('~*') && v.keywords.some((k) => k.startsWith('~'))) return null;
  if (accepted.has('*') && v.keywords.some((k) => !k.startsWith('~') && !k.startsWith('-'))) return null;
  if (v.state === 'testing') return `keyworded ~${arch} only`;
  return v.keywords.length === 0 ? 'has no keywords' : `not keyworded for ${arch}`;
}

/** Check one atom; sets, bad syntax and blockers are left to the syntax checks. */
export function checkAtom(index: RepoIndex, text: string, accept: Acceptance = NO_ACCEPTANCE): AtomCheck {
  const parsed = parseAtom(text.trim());
  if (!parsed.ok || parsed.atom.kind !== 'package' || parsed.atom.blocker) return { kind: 'skipped' };
  const atom = parsed.atom;
  const cp = `${atom.category}/${atom.name}`;
  const pkg = findPackage(index, cp);
  if (!pkg) return { kind: 'missing', cp, suggestions: closestNames(index, atom.category, atom.name) };
  const matching = pkg.versions.filter((v) => atomMatches(atom, { cpv: `${cp}-${v.version}`, slot: v.slot }));
  if (matching.length === 0) return { kind: 'no-version', pkg };
  const judged = matching.map((version) => ({ version, why: hiddenBecause(index, pkg, version, accept) }));
  const visible = judged.filter((j) => j.why === null);
  if (visible.length > 0) return { kind: 'ok', pkg, best: visible.at(-1)!.version };
  return { kind: 'hidden', pkg, versions: judged.map((j) => ({ version: j.version, why: j.why! })) };
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The sentence for a check that failed, or null; `nameTree: false` leaves out "in <tree>" (a screen that shows it already). */
export function atomCheckProblem(index: RepoIndex, text: string, check: AtomCheck, nameTree = true): { problem: string; hint?: string } | null {
  const atom = text.trim();
  const inTree = nameTree ? ` in ${index.source}` : '';
  switch (check.kind) {
    case 'skipped':
    case 'ok':
      return null;
    case 'missing':
      return check.suggestions.length > 0
        ? { problem: `${atom} matches no package${inTree}; did you mean ${orList(check.suggestions)}?` }
        : { problem: `${atom} matches no package${inTree}`, hint: 'search the tree on the Recipe screen (Packages, a) for the right name' };
    case 'no-version':
      return { problem: `${atom} matches no version of ${check.pkg.cp}${inTree} (it has ${check.pkg.versions.map((v) => v.version).join(', ')})` };
    case 'hidden': {
      const hidden = check.versions.map((h) => `${h.version.version} (${h.why})`);
      const testing = check.versions.some((h) => h.why.startsWith('keyworded') || h.why.includes('keywords') || h.why.startsWith('not keyworded'));
      const masked = check.versions.some((h) => h.why.startsWith('masked'));
      const hint = [testing ? 'accept its keywords on the Keywords tab' : '', masked ? 'unmask it (packageUnmask)' : ''].filter(Boolean).join(', or ');
      return { problem: `${atom} matches only versions emerge will not take: ${check.pkg.cp}-${hidden.join(', ')}`, hint: `${hint}, or choose another version` };
    }
  }
}

/** Problems of every atom the recipe lists, against the index (packages: every failure; other lists: unknown names). */
export function checkRecipeAtoms(index: RepoIndex, recipe: Recipe, nameTree = true): RecipeProblem[] {
  const accept = acceptanceOf(recipe);
  const out: RecipeProblem[] = [];
  recipe.packages.forEach((atom, i) => {
    const p = atomCheckProblem(index, atom, checkAtom(index, atom, accept), nameTree);
    if (p) out.push({ field: `packages[${i}]`, ...p });
  });
  const namesOnly = (field: string, atom: string) => {
    const check = checkAtom(index, atom, accept);
    const p = check.kind === 'missing' ? atomCheckProblem(index, atom, check, nameTree) : null;
    if (p) out.push({ field, ...p });
  };
  recipe.packageUse.forEach((e, i) => namesOnly(`packageUse[${i}].atom`, e.atom));
  recipe.packageAcceptKeywords.forEach((e, i) => namesOnly(`packageAcceptKeywords[${i}].atom`, e.atom));
  recipe.packageUnmask.forEach((a, i) => namesOnly(`packageUnmask[${i}]`, a));
  return out;
}
