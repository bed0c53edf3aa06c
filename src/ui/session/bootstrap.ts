// Putting a workbench together and starting it: connect to the engine in the background, open the
// recipe named on the command line, and reattach to a build when asked.
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
