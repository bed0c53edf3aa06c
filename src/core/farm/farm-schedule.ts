// The farm's queue, pure: recipes × engines → which engine builds each recipe and which recipes it
// waits for. Four rules, in this order:
//  - the recipe's own word: a recipe whose `engine` field names one of the farm's engines goes there
//    (as `build` honours the field); one naming an engine the farm was not given is refused, not moved
//    (the field may be there for hardware, a network or a licence the farm cannot see);
//  - architecture: a recipe goes only to an engine of its base's architecture;
//  - order: a recipe that compiles a package an earlier recipe (same binary package cache key) also
//    compiles waits for that recipe, and then gets the package as a binary from the shared binhost;
//    recipes that share nothing run at the same time;
//  - capacity: each recipe goes to the engine with the most CPUs per build (builds running there
//    already plus the recipes the farm gives it), so recipes spread over the engines; ties keep the
//    order the engines were given in. Pinned recipes count first, so the free ones avoid their engines.

export interface FarmRecipeFacts {
  /** Position on the command line (what the slots refer to). */
  index: number;
  name: string;
  /** The base image's architecture, in Docker's words (amd64, arm64). */
  arch: string;
  /** The binary package cache (CHOST + CFLAGS) its builds fill; null when the recipe keeps none. */
  cacheKey: string | null;
  /** Packages (cpv) the recipe's forecast says it compiles. */
  compiles: readonly string[];
  /** The engine its `engine` field names (`local`: the default one); undefined lets the farm choose. */
  engine?: string | undefined;
}

export interface FarmEngineFacts {
  name: string;
  arch: string;
  /** CPUs the engine reports (NCPU); 1 when it does not say. */
  cpus: number;
  /** gentoo-wb builds already running there. */
  running: number;
}

export interface FarmSlot {
  recipe: number;
  engine: string;
  /** Recipes (indexes) that must end before this one starts. */
  after: number[];
  /** The packages it waits for: compiled by those recipes, installed here as binaries. */
  waitsFor: string[];
}

export type FarmSchedule = { ok: true; slots: FarmSlot[] } | { ok: false; problem: string; hint: string };

/** What to do about a recipe whose `engine` field names an engine the farm was not given. */
export const PINNED_ENGINE_HINT = 'add that engine to the farm\'s engines (--engines), or take the field out of the recipe to let the farm choose';

/** Docker's architecture names for the kernel's (`uname -m`) ones, so an engine and an image compare. */
function normalArch(arch: string): string {
  const a = arch.toLowerCase();
  if (a === 'x86_64' || a === 'x86-64') return 'amd64';
  if (a === 'aarch64') return 'arm64';
  return a;
}

/** Why a recipe cannot be in a farm of these engines because its `engine` field names another one, or null. */
export function pinnedEngineProblem(recipe: { name: string; engine?: string | undefined }, engines: readonly string[]): string | null {
  if (recipe.engine === undefined || engines.includes(recipe.engine)) return null;
  return `recipe ${recipe.name} names engine ${JSON.stringify(recipe.engine)} in its "engine" field, which is not one of the farm's engines (${engines.join(', ')})`;
}

/** The queue, or the one sentence saying why no engine can take a recipe. */
export function scheduleFarm(recipes: readonly FarmRecipeFacts[], engines: readonly FarmEngineFacts[]): FarmSchedule {
  const load = new Map(engines.map((e) => [e.name, e.running]));
  const slots: FarmSlot[] = [];
  const ordered = [...recipes].sort((a, b) => a.index - b.index);
  const names = engines.map((e) => e.name);
  for (const recipe of ordered) {
    const problem = pinnedEngineProblem(recipe, names);
    if (problem !== null) return { ok: false, problem, hint: PINNED_ENGINE_HINT };
    if (recipe.engine !== undefined) load.set(recipe.engine, (load.get(recipe.engine) ?? 0) + 1);
  }
  for (const recipe of ordered) {
    const fit = engines.filter((e) => normalArch(e.arch) === normalArch(recipe.arch));
    const pinned = recipe.engine === undefined ? undefined : engines.find((e) => e.name === recipe.engine)!;
    if (pinned !== undefined && !fit.includes(pinned)) {
      return { ok: false, problem: `recipe ${recipe.name} builds on ${normalArch(recipe.arch)} (its base's architecture), and the engine its "engine" field names, ${pinned.name}, is ${normalArch(pinned.arch)}`, hint: 'name an engine of that architecture in the recipe, or take the field out to let the farm choose' };
    }
    if (fit.length === 0) {
      const have = engines.map((e) => `${e.name}: ${normalArch(e.arch)}`).join(', ');
      return { ok: false, problem: `recipe ${recipe.name} builds on ${normalArch(recipe.arch)} (its base's architecture), and none of the engines is one (${have})`, hint: 'add an engine of that architecture to --engines (gentoo-wb engines list shows each one\'s)' };
    }
    let engine = pinned;
    if (engine === undefined) {
      engine = fit.reduce((best, e) => (perBuild(e, load) > perBuild(best, load) ? e : best));
      load.set(engine.name, (load.get(engine.name) ?? 0) + 1);
    }
    const after: number[] = [];
    const waitsFor = new Set<string>();
    for (const earlier of ordered) {
      if (earlier.index >= recipe.index) break;
      if (recipe.cacheKey === null || earlier.cacheKey !== recipe.cacheKey) continue;
      const shared = earlier.compiles.filter((cpv) => recipe.compiles.includes(cpv));
      if (shared.length === 0) continue;
      after.push(earlier.index);
      for (const cpv of shared) waitsFor.add(cpv);
    }
    slots.push({ recipe: recipe.index, engine: engine.name, after, waitsFor: [...waitsFor].sort() });
  }
  return { ok: true, slots };
}

/** CPUs per build if one more build went to the engine. */
function perBuild(engine: FarmEngineFacts, load: ReadonlyMap<string, number>): number {
  return Math.max(engine.cpus, 1) / (1 + (load.get(engine.name) ?? 0));
}

/** Slots whose recipes may start now: not started, and every recipe they wait for has ended. */
export function readySlots(slots: readonly FarmSlot[], started: ReadonlySet<number>, ended: ReadonlySet<number>): FarmSlot[] {
  return slots.filter((s) => !started.has(s.recipe) && s.after.every((i) => ended.has(i)));
}
