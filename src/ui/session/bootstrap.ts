// Putting a workbench together and starting it: connect to the engine in the background, open the
// recipe named on the command line (else the last one, when it still loads), and reattach to a
// build when asked.
import { rememberRecipe } from '../../core/settings.js';
import { formatProblem } from '../../core/recipe/recipe-problems.js';
import type { EngineConnection } from '../../engine/docker/index.js';
import { BuildController } from './build-controller.js';
import { namedEngine, rememberEngine, sizingOf } from './engine-switch.js';
import type { Workbench } from './workbench-context.js';
import type { WorkbenchServices } from './workbench-services.js';
import { createWorkbenchStore } from './workbench-store.js';

export function createWorkbench(services: WorkbenchServices): Workbench {
  const store = createWorkbenchStore();
  return { store, services, builds: new BuildController(store, services) };
}

export interface StartOptions {
  recipePath?: string;
  attachBuild?: string;
  /** `--engine NAME`: the configured engine to start on (checked by the entry point). */
  engine?: string;
  /**
   * Start on the engine the open recipe names (its `engine`, as `gentoo-wb build` would use), else the one the
   * settings remember from last time (not with -H/--context, which name one).
   */
  rememberedEngine?: boolean;
  /** Remember the engine started on for the next start (`gentoo-wb --engine NAME`). */
  rememberEngine?: boolean;
  /** Where to say what went wrong (the shell's message line). */
  notify: (text: string, tone: 'info' | 'warn' | 'fail') => void;
}

/** Connect, open the recipe, reattach: each failure becomes a message, never a crash. */
export async function startWorkbench(workbench: Workbench, options: StartOptions): Promise<void> {
  const { store, services } = workbench;
  // The Build step shows the build being attached from the start, not an idle step meanwhile.
  if (options.attachBuild) workbench.builds.expectAttach(options.attachBuild);
  if (options.recipePath) {
    const parsed = await services.recipes.load(options.recipePath);
    if (parsed.ok) {
      store.setRecipe(parsed.recipe, { path: options.recipePath, saved: true });
      services.settings.update((s) => rememberRecipe(s, options.recipePath!));
    } else {
      options.notify(`${options.recipePath}: ${parsed.problems.map(formatProblem).join('; ')}`, 'fail');
    }
  } else if (!options.attachBuild) {
    await reopenLast(workbench, options.notify);
  }
  const chosen = options.engine !== undefined ? { name: options.engine, why: '--engine' } : options.rememberedEngine ? startEngine(workbench, options.notify) : { name: undefined, why: '' };
  const wanted = chosen.name;
  try {
    const connection = await connectAtStart(workbench, chosen, options);
    if (options.rememberEngine) services.settings.update((s) => rememberEngine(s, wanted));
    if (options.attachBuild) await workbench.builds.attach(connection, options.attachBuild);
  } catch (err) {
    if (options.attachBuild) workbench.builds.abandonAttach(options.attachBuild);
    const e = err as Error & { hint?: string };
    store.update((s) => ({ ...s, engine: { status: 'failed', message: e.message, hint: e.hint ?? 'see gentoo-wb check', ...(wanted === undefined ? {} : { name: wanted }) } }));
    options.notify(`no engine${wanted === undefined ? '' : ` "${wanted}"`}: ${e.message}`, 'fail');
  }
}

/**
 * Connect to `wanted` (undefined: the default endpoint) and make it the session's, sized by its facts.
 * An engine remembered from last time that does not answer gives way to the default endpoint (said);
 * one named with --engine does not.
 */
async function connectAtStart(workbench: Workbench, chosen: Chosen, options: StartOptions): Promise<EngineConnection> {
  const { store, services } = workbench;
  const wanted = chosen.name;
  const use = (connection: EngineConnection, name: string | undefined) => {
    const sizing = sizingOf(connection);
    store.update((s) => ({ ...s, engine: { status: 'ready', connection, ...(name === undefined ? {} : { name }) }, sizing: sizing ?? s.sizing }));
    return connection;
  };
  store.update((s) => ({ ...s, engine: { status: 'connecting', ...(wanted === undefined ? {} : { name: wanted }) } }));
  try {
    return use(await services.connect(wanted), wanted);
  } catch (err) {
    if (wanted === undefined || options.engine !== undefined) throw err;
    options.notify(`Engine "${wanted}" (${chosen.why}) does not answer: ${(err as Error).message}. Using the local engine; step 2 (Base) lists the engines.`, 'warn');
    store.update((s) => ({ ...s, engine: { status: 'connecting' } }));
    return use(await services.connect(), undefined);
  }
}

/** An engine to start on and why it is that one (said when it cannot be used). */
interface Chosen {
  name: string | undefined;
  why: string;
}

/**
 * The engine the open recipe names (`local`: the default endpoint), else the one the settings remember
 * from last time; a name no longer configured is said, and the default endpoint used.
 */
function startEngine(workbench: Workbench, notify: StartOptions['notify']): Chosen {
  const { services, store } = workbench;
  const fromRecipe = store.getState().recipe.doc?.engine;
  const last = services.settings.read().lastEngine;
  const [name, why] = fromRecipe !== undefined ? [fromRecipe, 'named by the recipe'] : [last, 'used last time'];
  if (name === undefined || !services.engines) return { name: undefined, why: '' };
  const named = namedEngine(name, services.engines.names());
  if (named.known) return { name: named.name, why };
  notify(`Engine "${name}" (${why}) is not configured any more: using the local engine.`, 'warn');
  return { name: undefined, why: '' };
}

/** Open the recipe the settings name as the last one; say which, or why none is open. */
async function reopenLast(workbench: Workbench, notify: StartOptions['notify']): Promise<void> {
  const { store, services } = workbench;
  const last = services.settings.read().lastRecipe;
  if (!last) return;
  const parsed = await services.recipes.load(last);
  // A recipe opened meanwhile (step 2, o) wins over the one from last time.
  if (store.getState().recipe.doc) return;
  if (parsed.ok) {
    store.setRecipe(parsed.recipe, { path: last, saved: true });
    notify(`Reopened the last recipe, ${parsed.recipe.name} (${last})`, 'info');
  } else {
    const why = parsed.problems.slice(0, 2).map(formatProblem).join('; ');
    notify(`The last recipe did not open, so none is open: ${why} (o on step 3 opens another)`, 'warn');
  }
}
