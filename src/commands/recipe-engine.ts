// The engine a recipe's build runs on: `--engine` (or -H/--context) when given, else the recipe's
// `engine` field; and every engine the recipe names (`engine`, `distcc.engines`) looked up in the
// settings first, so an unknown name stops the command before any work.
import { sanitizeLines } from '../core/format/sanitize.js';
import type { Recipe } from '../core/recipe/recipe-schema.js';
import type { EngineFlags } from './output.js';
import { UsageError } from './usage-error.js';

/** `flags` with the recipe's engine filled in where the command line chose none; throws UsageError for unknown names. */
export async function engineFlagsFor<T extends EngineFlags>(recipe: Recipe, flags: T, recipePath: string): Promise<T> {
  const chosen = flags.engine !== undefined || flags.host !== undefined || flags.context !== undefined;
  const { unknownRecipeEngines } = await import('../engine/distcc/known-engines.js');
  const unknown = unknownRecipeEngines(chosen ? { ...recipe, engine: undefined } : recipe);
  if (unknown.length > 0) {
    const lines = unknown.map((u) => `  ${u.field}: ${u.message}`).join('\n');
    throw new UsageError(sanitizeLines(`${recipePath} names engines that are not configured:\n${lines}\n${unknown[0]!.hint}; nothing was started`));
  }
  if (chosen || recipe.engine === undefined || recipe.engine === 'local') return flags;
  return { ...flags, engine: recipe.engine };
}
