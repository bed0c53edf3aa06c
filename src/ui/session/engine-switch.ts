// Which engine the session uses: every step (Base, Recipe, Pretend, Build, Result) reads the one
// connection in the store, so switching engines is one swap there. The new engine is connected
// first; when it does not answer the session keeps the engine it had. Its CPUs and memory give the
// sizing new recipes start with (and an open recipe still sized as the old engine suggested
// follows), and the choice is remembered in the settings for the next start.
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
