// The image a build of a recipe starts from, as every part names it to the engine: the base pinned to
// its digest when the recipe records one (a tag can move; the digest is what was chosen).
import type { Recipe } from './recipe-schema.js';

/** `recipe.base.image` with its recorded digest in place of any it carries, or the image as written. */
export function baseImageRef(recipe: Pick<Recipe, 'base'>): string {
  return recipe.base.digest ? `${recipe.base.image.split('@')[0]}@${recipe.base.digest}` : recipe.base.image;
}
