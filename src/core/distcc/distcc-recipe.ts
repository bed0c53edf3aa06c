// The recipe's `engine` and `distcc` fields checked for meaning (names that can be engines, no engine
// twice, a helper count that fits): the part recipe validation can judge from the text. Whether each name
// is configured is the engine layer's question (src/engine/distcc/known-engines.ts), asked before any work.
import type { RecipeProblem } from '../recipe/recipe-problems.js';
import type { Recipe } from '../recipe/recipe-schema.js';

/** The word for the default endpoint (-H, DOCKER_HOST, the docker context) where an engine name is expected. */
export const LOCAL_ENGINE_WORD = 'local';

/** The rule `engines add` names follow (src/engine/engines/engine-spec.ts checks new names with it). */
export const ENGINE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** Why `name` cannot name an engine, or null. */
function engineNameProblem(name: string): string | null {
  if (name === LOCAL_ENGINE_WORD || ENGINE_NAME.test(name)) return null;
  return `${JSON.stringify(name)} is not an engine name (1 to 63 lower-case letters, digits, ".", "_" or "-"; or "local" for the default endpoint)`;
}

/** Problems of `engine` and `distcc`; empty when they are usable (or absent). */
export function distccRecipeProblems(recipe: Recipe): RecipeProblem[] {
  const out: RecipeProblem[] = [];
  if (recipe.engine !== undefined) {
    const p = engineNameProblem(recipe.engine);
    if (p) out.push({ field: 'engine', problem: p, hint: 'a name from `gentoo-wb engines list`, or leave it out to build on the default endpoint' });
  }
  const distcc = recipe.distcc;
  if (distcc === undefined) return out;
  if (distcc.engines.length === 0) out.push({ field: 'distcc.engines', problem: 'names no engine to run distccd helpers on', hint: 'add one (e.g. "local" or a name from `gentoo-wb engines list`), or remove the distcc option' });
  const seen = new Set<string>();
  distcc.engines.forEach((name, i) => {
    const p = engineNameProblem(name);
    if (p) out.push({ field: `distcc.engines[${i}]`, problem: p, hint: 'a name from `gentoo-wb engines list`, or "local"' });
    else if (seen.has(name)) out.push({ field: `distcc.engines[${i}]`, problem: `"${name}" is listed twice`, hint: 'list each engine once; distcc.helpers sets how many helpers each runs' });
    seen.add(name);
  });
  return out;
}
