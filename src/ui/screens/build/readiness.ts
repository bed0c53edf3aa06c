// Whether `b` can start a build now, and if not, exactly what is missing.
import { formatProblem } from '../../../core/recipe/recipe-problems.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { EngineConnection } from '../../../engine/docker/index.js';
import type { WorkbenchState } from '../../session/workbench-store.js';

export type Readiness =
  | { ok: true; connection: EngineConnection; recipe: Recipe }
  | { ok: false; reason: string };

/** What stands between the workbench and a build. */
export function buildReadiness(state: WorkbenchState): Readiness {
  const { engine, recipe, build } = state;
  if (build?.outcome === 'running') return { ok: false, reason: `build ${build.id} is still running; one build at a time` };
  if (!recipe.doc) return { ok: false, reason: 'no recipe is open: make one in step 3 (Recipe), or start gentoo-wb with a recipe file (gentoo-wb RECIPE.json)' };
  if (recipe.problems.length > 0) {
    const more = recipe.problems.length > 1 ? ` (and ${recipe.problems.length - 1} more)` : '';
    return { ok: false, reason: `the recipe has ${recipe.problems.length} problem${recipe.problems.length === 1 ? '' : 's'}: ${formatProblem(recipe.problems[0]!)}${more}; fix ${recipe.problems.length === 1 ? 'it' : 'them'} in step 3 (Recipe)` };
  }
  if (engine.status === 'connecting') return { ok: false, reason: 'still connecting to the container engine; try again in a moment' };
  if (engine.status === 'failed') return { ok: false, reason: `no container engine: ${engine.message} (${engine.hint})` };
  return { ok: true, connection: engine.connection, recipe: recipe.doc };
}
