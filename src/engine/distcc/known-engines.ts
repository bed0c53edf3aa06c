// The engines a recipe names (`engine`, `distcc.engines`) looked up in the settings before any work:
// a name that is not configured stops the build with the names that are.
import { LOCAL_ENGINE_WORD } from '../../core/distcc/distcc-recipe.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { findEngine, unknownEngine } from '../engines/engine-store.js';
import { openSettings, type SettingsStore } from '../settings/settings-store.js';

export interface UnknownEngine {
  field: string;
  message: string;
  hint: string;
}

/** Every engine name of the recipe that is neither `local` nor configured (empty: all known). */
export function unknownRecipeEngines(recipe: Recipe, store: SettingsStore = openSettings()): UnknownEngine[] {
  const named: [string, string][] = [];
  if (recipe.engine !== undefined) named.push(['engine', recipe.engine]);
  (recipe.distcc?.engines ?? []).forEach((name, i) => named.push([`distcc.engines[${i}]`, name]));
  return named.flatMap(([field, name]) => {
    if (name === LOCAL_ENGINE_WORD || findEngine(store, name) !== null) return [];
    const refused = unknownEngine(store, name);
    return [{ field, message: refused.message, hint: refused.hint }];
  });
}
