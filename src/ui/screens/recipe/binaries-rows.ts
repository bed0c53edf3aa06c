// The Binaries tab's rows: the recipe's binhosts (first preferred; Enter edits, d removes), what a
// package without a binary does, and the local binary package cache.
import { binhostLabel, binhostWord, parseBinhostWord } from '../../../core/recipe/binhost-sources.js';
import type { BinhostSource, Recipe } from '../../../core/recipe/recipe-schema.js';
import { ok, type FormRow } from './form-rows.js';

/** Why a source cannot be offered on this engine, or null: x86-64-v3 only where the host checks saw the CPU run it. */
function unofferedProblem(source: BinhostSource, cpuV3: boolean | null): string | null {
  if (source.kind !== 'gentoo' || source.variant !== 'x86-64-v3' || cpuV3 === true) return null;
  return cpuV3 === false
    ? "the engine's CPU does not run x86-64-v3 code (host checks): its packages would crash; use gentoo"
    : 'x86-64-v3 needs a CPU known to run it: run the host checks first (step 1), or use gentoo';
}

/** The words the add prompt offers. */
export function binhostHint(cpuV3: boolean | null): string {
  return `${cpuV3 === true ? 'gentoo, gentoo-v3' : 'gentoo'}, an http(s) URL, or a served binhost's NAME`;
}

/** The recipe with `word` read as a source at `index` (added at the end when index is the length). */
export function withBinhostWord(recipe: Recipe, index: number, word: string, cpuV3: boolean | null) {
  const parsed = parseBinhostWord(word.trim());
  if (!parsed.ok) return { ok: false as const, problem: parsed.problem, offset: 0 };
  const problem = unofferedProblem(parsed.source, cpuV3);
  if (problem) return { ok: false as const, problem, offset: 0 };
  const hosts = [...recipe.binaries.hosts];
  hosts.splice(index, index < hosts.length ? 1 : 0, parsed.source);
  return ok({ ...recipe, binaries: { ...recipe.binaries, hosts } });
}

/** The recipe without the binhost at `index`. */
export function withoutBinhost(recipe: Recipe, index: number): Recipe {
  return { ...recipe, binaries: { ...recipe.binaries, hosts: recipe.binaries.hosts.filter((_, i) => i !== index) } };
}

/** Rows of the tab; `cpuV3` from the host checks (null: unknown). */
export function binariesRows(recipe: Recipe, cpuV3: boolean | null): FormRow[] {
  const { hosts, onMissing } = recipe.binaries;
  const rows: FormRow[] = hosts.map((source, i) => {
    const unoffered = unofferedProblem(source, cpuV3);
    return {
      kind: 'text', id: `host:${i}`, label: `binhost ${i + 1}`, value: `${binhostWord(source)}  ${binhostLabel(source)}`,
      field: `binaries.hosts[${i}]`, initial: binhostWord(source), hint: binhostHint(cpuV3),
      note: unoffered ?? `${i === 0 ? 'preferred' : 'used after those above'} · Enter edits · d removes`, warn: unoffered !== null,
      apply: (text) => withBinhostWord(recipe, i, text, cpuV3),
    };
  });
  if (hosts.length === 0) rows.push({ kind: 'info', id: 'none', label: 'binhosts', value: 'none: every package compiles (a adds one)', note: `a adds: ${binhostHint(cpuV3)}` });
  rows.push({
    kind: 'toggle', id: 'onMissing', label: 'if missing', value: onMissing === 'compile' ? '[compile] fail' : 'compile [fail]',
    note: onMissing === 'compile' ? 'a package no binhost has (or with other USE) compiles · Space: fail' : 'binary packages only (--getbinpkgonly): the build fails naming what is missing · Space: compile',
    toggle: () => ({ ...recipe, binaries: { ...recipe.binaries, onMissing: onMissing === 'compile' ? 'fail' : 'compile' } }),
  });
  rows.push({
    kind: 'toggle', id: 'localCache', label: 'local cache', value: recipe.caches.binpkgs ? 'yes' : 'no',
    note: recipe.caches.binpkgs ? 'builds keep their binary packages in a cache volume (per CHOST and CFLAGS) and reuse them · Space: off' : 'no local binary package cache · Space: on',
    toggle: () => ({ ...recipe, caches: { ...recipe.caches, binpkgs: !recipe.caches.binpkgs } }),
  });
  return rows;
}
