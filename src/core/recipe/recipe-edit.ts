// Edits the Recipe screen and the commands make, as pure functions from one recipe to the next
// (the input is never changed, so undo and dirty tracking stay simple).
import type { Sizing } from './new-recipe.js';
import { CFLAGS_PRESETS } from './new-recipe.js';
import { modeSchema, type BuildModeKind, type Recipe } from './recipe-schema.js';

/** A flag in a USE list: switched on, switched off, or not mentioned (the profile decides). */
export type FlagSetting = 'on' | 'off' | 'unset';

/** Space cycles unset → on → off → unset. */
export function cycleSetting(s: FlagSetting): FlagSetting {
  return s === 'unset' ? 'on' : s === 'on' ? 'off' : 'unset';
}

/** The setting a token list gives a flag: the last mention wins, as in Portage. */
export function flagSetting(tokens: readonly string[], flag: string): FlagSetting {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t === flag || t === `+${flag}`) return 'on';
    if (t === `-${flag}`) return 'off';
  }
  return 'unset';
}

/** Tokens with the flag set as asked: an existing mention is replaced in place, a new one goes last. */
function setFlag(tokens: readonly string[], flag: string, setting: FlagSetting): string[] {
  const mentions = (t: string) => t === flag || t === `+${flag}` || t === `-${flag}`;
  const first = tokens.findIndex(mentions);
  const rest = tokens.filter((t) => !mentions(t));
  if (setting === 'unset') return rest;
  const token = setting === 'on' ? flag : `-${flag}`;
  if (first < 0) return [...rest, token];
  const out = [...rest];
  out.splice(first, 0, token);
  return out;
}

/** The tokens of a space-separated USE value. */
export function useTokens(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}

/** Set a flag in make.conf's USE (the variable disappears when empty). */
export function withGlobalUse(recipe: Recipe, flag: string, setting: FlagSetting): Recipe {
  const tokens = setFlag(useTokens(recipe.makeConf.USE), flag, setting);
  return withMakeConfVar(recipe, 'USE', tokens.length > 0 ? tokens.join(' ') : null);
}

/** Set, change or (with null) remove a make.conf variable; a new one goes last. */
export function withMakeConfVar(recipe: Recipe, name: string, value: string | null): Recipe {
  const makeConf = { ...recipe.makeConf };
  if (value === null) delete makeConf[name];
  else makeConf[name] = value;
  return { ...recipe, makeConf };
}

/** Which of the CFLAGS presets COMMON_FLAGS holds (-1 for a custom value). */
export function cflagsPresetIndex(recipe: Recipe): number {
  return (CFLAGS_PRESETS as readonly string[]).indexOf((recipe.makeConf.COMMON_FLAGS ?? '').trim().replace(/\s+/g, ' '));
}

/** Put a preset into COMMON_FLAGS, making CFLAGS and CXXFLAGS follow it when they are unset. */
export function withCflagsPreset(recipe: Recipe, preset: string): Recipe {
  let next = withMakeConfVar(recipe, 'COMMON_FLAGS', preset);
  for (const v of ['CFLAGS', 'CXXFLAGS']) if (next.makeConf[v] === undefined) next = withMakeConfVar(next, v, '${COMMON_FLAGS}');
  return next;
}

/** MAKEOPTS and emerge --jobs/--load-average from a host sizing. */
export function withSizing(recipe: Recipe, sizing: Sizing & { loadAverage?: number }): Recipe {
  const next = withMakeConfVar(recipe, 'MAKEOPTS', sizing.makeopts);
  const jobs = { ...next.jobs, emerge: sizing.jobs };
  if (sizing.loadAverage !== undefined) jobs.loadAverage = sizing.loadAverage;
  return { ...next, jobs };
}

/** Switch the build mode; the options of the mode already chosen are kept, a new one starts at its defaults. */
export function withModeKind(recipe: Recipe, kind: BuildModeKind): Recipe {
  if (recipe.mode.kind === kind) return recipe;
  return { ...recipe, mode: modeSchema.parse({ kind }) };
}

// ---- packages and package.* entries ----

/** Add an atom to the package list (no duplicates), or replace the one at `index`. */
export function withPackage(recipe: Recipe, atom: string, index?: number): Recipe {
  const packages = [...recipe.packages];
  if (index !== undefined && index < packages.length) packages[index] = atom;
  else if (!packages.includes(atom)) packages.push(atom);
  return { ...recipe, packages };
}

/** Drop the atom at `index`. */
export function withoutPackage(recipe: Recipe, index: number): Recipe {
  return { ...recipe, packages: recipe.packages.filter((_, i) => i !== index) };
}

/** The package.use entry for an atom, created empty at the end when missing. */
export function withPackageUseEntry(recipe: Recipe, atom: string): Recipe {
  if (recipe.packageUse.some((e) => e.atom === atom)) return recipe;
  return { ...recipe, packageUse: [...recipe.packageUse, { atom, flags: [] }] };
}

/** Set one flag of a package.use entry (the entry is created when missing). */
export function withPackageUseFlag(recipe: Recipe, atom: string, flag: string, setting: FlagSetting): Recipe {
  const next = withPackageUseEntry(recipe, atom);
  return { ...next, packageUse: next.packageUse.map((e) => (e.atom === atom ? { ...e, flags: setFlag(e.flags, flag, setting) } : e)) };
}

/** Remove a package.use entry. */
export function withoutPackageUse(recipe: Recipe, atom: string): Recipe {
  return { ...recipe, packageUse: recipe.packageUse.filter((e) => e.atom !== atom) };
}

/** Drop package.use entries left with no flags (an entry without flags means nothing to Portage). */
export function withoutEmptyPackageUse(recipe: Recipe): Recipe {
  if (recipe.packageUse.every((e) => e.flags.length > 0)) return recipe;
  return { ...recipe, packageUse: recipe.packageUse.filter((e) => e.flags.length > 0) };
}

/** Add or replace (same atom) a package.accept_keywords entry. */
export function withKeywords(recipe: Recipe, atom: string, keywords: string[], index?: number): Recipe {
  const list = recipe.packageAcceptKeywords.filter((e, i) => i !== index && e.atom !== atom);
  const entry = { atom, keywords };
  if (index !== undefined && index <= list.length) list.splice(index, 0, entry);
  else list.push(entry);
  return { ...recipe, packageAcceptKeywords: list };
}

/** Remove the package.accept_keywords entry at `index`. */
export function withoutKeywords(recipe: Recipe, index: number): Recipe {
  return { ...recipe, packageAcceptKeywords: recipe.packageAcceptKeywords.filter((_, i) => i !== index) };
}
