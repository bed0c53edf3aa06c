// Which engine the session uses: every step (Base, Recipe, Pretend, Build, Result) reads the one
// connection in the store, so switching engines is one swap there. The new engine is connected
// first; when it does not answer the session keeps the engine it had. Its CPUs and memory give the
// sizing new recipes start with (and an open recipe still sized as the old engine suggested
// follows), and the choice is remembered in the settings for the next start. Opening a recipe whose
// `engine` field names another engine switches too (followRecipeEngine), as build and start-up honour it.
import { recommendSizing, type SizingRecommendation } from '../../core/host/sizing.js';
import { withSizing } from '../../core/recipe/recipe-edit.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import type { Settings } from '../../core/settings.js';
import type { EngineConnection } from '../../engine/docker/index.js';
import { LOCAL_ENGINE } from '../../engine/engines/engine-spec.js';
import type { Workbench } from './workbench-context.js';

/** How a name is shown: the configured name, or `local` for the default endpoint. */
export function engineLabel(name: string | undefined): string {
  return name ?? LOCAL_ENGINE;
}

/** The name as the store and build states keep it: undefined for the default endpoint. */
export function engineKey(label: string | undefined): string | undefined {
  return label === undefined || label === LOCAL_ENGINE ? undefined : label;
}

/** The sizing an engine's CPUs and memory suggest (null when it did not say how many CPUs it has). */
export function sizingOf(connection: EngineConnection): SizingRecommendation | null {
  const raw = (connection.info.rawInfo ?? {}) as Record<string, unknown>;
  const cpus = typeof raw.NCPU === 'number' && raw.NCPU > 0 ? raw.NCPU : null;
  const memory = typeof raw.MemTotal === 'number' && raw.MemTotal > 0 ? raw.MemTotal : null;
  return cpus === null ? null : recommendSizing(cpus, memory, 'engine');
}

/** The settings with `name` as the engine of the next start (undefined: the default endpoint). */
export function rememberEngine(settings: Settings, name: string | undefined): Settings {
  const { lastEngine: _previous, ...rest } = settings;
  return name === undefined ? rest : { ...rest, lastEngine: name };
}

/** True when the recipe's MAKEOPTS and emerge --jobs are what `sizing` suggested (nobody changed them since). */
function sizedAs(recipe: Recipe, sizing: SizingRecommendation): boolean {
  return recipe.makeConf.MAKEOPTS === sizing.makeopts && recipe.jobs.emerge === sizing.emergeJobs;
}

export interface Switched {
  connection: EngineConnection;
  sizing: SizingRecommendation | null;
  /** The open recipe's MAKEOPTS and --jobs were changed to the new sizing. */
  resized: boolean;
  /** The open recipe keeps MAKEOPTS/--jobs of its own that differ from the new sizing. */
  keptOwnSizing: boolean;
  /** The open recipe named another engine (its `engine`, for `gentoo-wb build`) and now names this one. */
  recipeEngine: boolean;
}

/**
 * Make engine `name` (undefined: the default endpoint) the session's: connect, then swap the connection
 * and drop what belonged to the old engine (the base read there, its sandbox probe, its last image).
 * Throws when the engine does not answer or a build is being followed (its live view reads the old one).
 */
export async function switchEngine(workbench: Workbench, name: string | undefined, options: { remember?: boolean } = {}): Promise<Switched> {
  const { store, services } = workbench;
  const before = store.getState();
  if (workbench.builds.running || workbench.builds.attaching !== null) {
    throw new Error(`a build is being followed on ${engineLabel(before.engine.name)}: pick another engine once it has ended (or after q, which leaves it running)`);
  }
  const connection = await services.connect(name);
  const sizing = sizingOf(connection);
  const sameEngine = before.engine.status === 'ready' && before.engine.name === name;
  let resized = false;
  let keptOwnSizing = false;
  let recipeEngine = false;
  store.update((s) => {
    const engine = { status: 'ready' as const, connection, ...(name === undefined ? {} : { name }) };
    // Connected again to the engine in use: nothing of it is stale.
    if (sameEngine) return { ...s, engine, sizing: sizing ?? s.sizing };
    let recipe = s.recipe;
    let doc = recipe.doc;
    if (doc && sizing && !sizedAs(doc, sizing)) {
      if (s.sizing && sizedAs(doc, s.sizing)) {
        doc = withSizing(doc, { jobs: sizing.emergeJobs, makeopts: sizing.makeopts, loadAverage: sizing.loadAverage });
        resized = true;
      } else keptOwnSizing = true;
    }
    // A recipe that names its engine names the one it is now built on, so `gentoo-wb build` agrees.
    if (doc && doc.engine !== undefined && doc.engine !== engineLabel(name)) {
      doc = { ...doc, engine: engineLabel(name) };
      recipeEngine = true;
    }
    if (doc !== recipe.doc) recipe = { ...recipe, doc, dirty: true };
    return {
      ...s, engine, recipe, sizing,
      base: null, sandbox: null, lastImage: null,
      // The CPU level is the old engine's: the Host step reads the new one's when it checks there.
      cpuV3: null,
    };
  });
  // A changed recipe is revalidated like any edit.
  const doc = store.getState().recipe.doc;
  if ((resized || recipeEngine) && doc) store.setRecipe(doc);
  if (options.remember) services.settings.update((s) => rememberEngine(s, name));
  return { connection, sizing, resized, keptOwnSizing, recipeEngine };
}

/** The engine a name means (undefined: the default endpoint), and whether it can be used (`local` or configured). */
export type NamedEngine = { known: true; name: string | undefined } | { known: false; name: string };

/**
 * What an engine name from a recipe's `engine` field or the settings means: `local` the default endpoint,
 * a configured engine itself, anything else a name not configured (the recipe and start-up both ask this).
 */
export function namedEngine(label: string, configured: readonly string[]): NamedEngine {
  const name = engineKey(label);
  return name === undefined || configured.includes(name) ? { known: true, name } : { known: false, name };
}

/** What an opened recipe's `engine` field asks of the session: nothing, a switch, or a name not configured. */
type RecipeEngineAsk =
  | { kind: 'none' }
  | { kind: 'switch'; name: string | undefined }
  | { kind: 'unknown'; name: string };

/**
 * The engine `recipe` names against the session's: nothing without the field or when the session is
 * on that engine already; a switch when it names `local` or a configured engine; else the unknown name.
 */
function recipeEngineAsk(recipe: Recipe, session: { status: string; name?: string | undefined }, configured: readonly string[]): RecipeEngineAsk {
  if (recipe.engine === undefined) return { kind: 'none' };
  const named = namedEngine(recipe.engine, configured);
  if (session.status === 'ready' && session.name === named.name) return { kind: 'none' };
  return named.known ? { kind: 'switch', name: named.name } : { kind: 'unknown', name: named.name };
}

/** One line for the status line about the session's engine after opening a recipe, or null when it stays as it is. */
export interface FollowedEngine {
  text: string;
  tone: 'pass' | 'warn';
}

/**
 * Before `recipe` is opened, make the session use the engine its `engine` field names (as `gentoo-wb
 * build` and the start-up would). It runs before the recipe is put in the store, so the recipe opens as
 * its file says (a switch never resizes or renames it). When the engine is not configured, does not
 * answer, or a build is being followed, the session stays where it is and the line says why.
 */
export async function followRecipeEngine(workbench: Workbench, recipe: Recipe, connecting: (text: string) => void = () => undefined): Promise<FollowedEngine | null> {
  const { engine } = workbench.store.getState();
  const current = engineLabel(engine.name);
  const ask = recipeEngineAsk(recipe, engine, workbench.services.engines?.names() ?? []);
  if (ask.kind === 'none') return null;
  const label = engineLabel(ask.name);
  if (ask.kind === 'unknown') {
    return { text: `it names engine ${label}, which is not configured: the session stays on ${current} (gentoo-wb engines add ${label} URL, or pick one on Base › Engine)`, tone: 'warn' };
  }
  if (engine.status === 'connecting') {
    return { text: `it names engine ${label}, but the session is still connecting to ${current}: Base › Engine switches once it has`, tone: 'warn' };
  }
  connecting(`Connecting to engine ${label}, which the recipe names…`);
  try {
    const switched = await switchEngine(workbench, ask.name);
    const cpus = switched.sizing ? `, ${switched.sizing.cpus} CPUs` : '';
    return { text: `every step uses engine ${label} now (${switched.connection.info.arch}${cpus}), which the recipe names`, tone: 'pass' };
  } catch (err) {
    const e = err as Error & { hint?: string };
    return { text: `it names engine ${label}, which cannot be used: ${e.message}${e.hint ? ` (${e.hint})` : ''}; the session stays on ${current}`, tone: 'warn' };
  }
}

