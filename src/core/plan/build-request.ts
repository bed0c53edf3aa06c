// How a build is started (`--tag`, `--no-cache`) applied to the recipe before planning, so the real
// build and `build --plan` plan from the same recipe.
import type { Recipe } from '../recipe/recipe-schema.js';

export interface BuildRequest {
  /** Replace the recipe's tags. */
  tags?: string[];
  /** Build without the distfiles, binary package and ccache volumes. */
  noCache?: boolean;
}

/** The recipe a build plans from, once the request's options are applied. */
export function recipeForBuild(recipe: Recipe, request: BuildRequest): Recipe {
  return {
    ...recipe,
    image: { ...recipe.image, tags: request.tags ?? recipe.image.tags },
    caches: request.noCache ? { distfiles: false, binpkgs: false, ccache: false } : recipe.caches,
  };
}
