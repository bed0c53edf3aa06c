// Putting a workbench together and starting it: connect to the engine in the background, open the
// recipe named on the command line (else the last one, when it still loads), and reattach to a
// build when asked.
import { rememberRecipe } from '../../core/settings.js';
import { formatProblem } from '../../core/recipe/recipe-problems.js';
import { BuildController } from './build-controller.js';
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
  try {
    const connection = await services.connect();
    store.update((s) => ({ ...s, engine: { status: 'ready', connection } }));
    if (options.attachBuild) await workbench.builds.attach(connection, options.attachBuild);
  } catch (err) {
    if (options.attachBuild) workbench.builds.abandonAttach(options.attachBuild);
    const e = err as Error & { hint?: string };
    store.update((s) => ({ ...s, engine: { status: 'failed', message: e.message, hint: e.hint ?? 'see gentoo-wb check' } }));
    options.notify(`no engine: ${e.message}`, 'fail');
  }
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
