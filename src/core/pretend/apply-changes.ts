// Portage's requested changes (autounmask: USE, keywords, unmask, licence, mask) written into a
// recipe. Portage's own entry is kept as printed; an entry for exactly the same atom is merged
// instead of duplicated, so applying twice changes nothing.
import { formatAtom } from '../portage/atom-format.js';
import { parseAtom } from '../portage/atom-parser.js';
import type { PackageChange } from '../portage/pretend/pretend-types.js';
import type { Recipe } from '../recipe/recipe-schema.js';

/** What happened to one requested change. */
export type ApplyOutcome =
  /** A new entry, exactly Portage's line. */
  | 'added'
  /** Folded into the recipe's entry for the same atom (flags or keywords added to it). */
  | 'merged'
  /** The recipe already says this. */
  | 'present';

export interface AppliedChange {
  change: PackageChange;
  outcome: ApplyOutcome;
}

export interface ApplyResult {
  recipe: Recipe;
  applied: AppliedChange[];
  /** True when the recipe differs from the one passed in. */
  changed: boolean;
}

/** Atoms compared the way Portage reads them (`=a/b-1` and `=a/b-1` with odd spacing are the same). */
function atomKey(text: string): string {
  const parsed = parseAtom(text.trim());
  return parsed.ok ? formatAtom(parsed.atom) : text.trim();
}

function flagName(flag: string): string {
  return flag.replace(/^[-+]/, '');
}

/** Flags of `old` with every flag named in `add` replaced by its new setting, in Portage's order. */
function mergeFlags(old: readonly string[], add: readonly string[]): string[] {
  const names = new Set(add.map(flagName));
  return [...old.filter((f) => !names.has(flagName(f))), ...add];
}

function union(old: readonly string[], add: readonly string[]): string[] {
  return [...old, ...add.filter((v) => !old.includes(v))];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

type Entry<K extends string> = { atom: string } & Record<K, string[]>;

/** Adds or merges `atom values…` into a list of entries keyed by atom. */
function upsert<K extends string>(
  entries: readonly Entry<K>[],
  key: K,
  atom: string,
  values: readonly string[],
  merge: (old: readonly string[], add: readonly string[]) => string[],
): { entries: Entry<K>[]; outcome: ApplyOutcome } {
  const wanted = atomKey(atom);
  const index = entries.findIndex((e) => atomKey(e.atom) === wanted);
  if (index < 0) return { entries: [...entries, { atom, [key]: [...values] } as Entry<K>], outcome: 'added' };
  const old = entries[index]!;
  const next = merge(old[key], values);
  if (sameList(next, old[key])) return { entries: [...entries], outcome: 'present' };
  const copy = [...entries];
  copy[index] = { ...old, [key]: next } as Entry<K>;
  return { entries: copy, outcome: 'merged' };
}

function addAtom(list: readonly string[], atom: string): { list: string[]; outcome: ApplyOutcome } {
  const wanted = atomKey(atom);
  if (list.some((a) => atomKey(a) === wanted)) return { list: [...list], outcome: 'present' };
  return { list: [...list, atom], outcome: 'added' };
}

/** Writes one change into the recipe. */
function applyOne(recipe: Recipe, change: PackageChange): { recipe: Recipe; outcome: ApplyOutcome } {
  switch (change.kind) {
    case 'use': {
      const r = upsert(recipe.packageUse, 'flags', change.atom, change.values, mergeFlags);
      return { recipe: { ...recipe, packageUse: r.entries }, outcome: r.outcome };
    }
    case 'keywords': {
      const r = upsert(recipe.packageAcceptKeywords, 'keywords', change.atom, change.values, union);
      return { recipe: { ...recipe, packageAcceptKeywords: r.entries }, outcome: r.outcome };
    }
    case 'license': {
      const r = upsert(recipe.packageLicense, 'licenses', change.atom, change.values, union);
      return { recipe: { ...recipe, packageLicense: r.entries }, outcome: r.outcome };
    }
    case 'unmask': {
      const r = addAtom(recipe.packageUnmask, change.atom);
      return { recipe: { ...recipe, packageUnmask: r.list }, outcome: r.outcome };
    }
    case 'mask': {
      const r = addAtom(recipe.packageMask, change.atom);
      return { recipe: { ...recipe, packageMask: r.list }, outcome: r.outcome };
    }
  }
}

/** Applies every change in order; the input recipe is not modified. */
export function applyPretendChanges(recipe: Recipe, changes: readonly PackageChange[]): ApplyResult {
  let current = recipe;
  const applied: AppliedChange[] = [];
  for (const change of changes) {
    const r = applyOne(current, change);
    current = r.recipe;
    applied.push({ change, outcome: r.outcome });
  }
  return { recipe: current, applied, changed: applied.some((a) => a.outcome !== 'present') };
}

/** One line per change: `package.use: >=net-misc/curl-8.11.1 http2 (added)`. */
export function describeApplied(applied: readonly AppliedChange[]): string[] {
  const words: Record<ApplyOutcome, string> = { added: 'added', merged: 'merged into the existing entry', present: 'already in the recipe' };
  return applied.map((a) => `${a.change.file}: ${a.change.line} (${words[a.outcome]})`);
}
