// What choosing a base does to the workbench: the open recipe gets the new base (and the tree
// source chosen here); without one, a new recipe starts, sized from the host checks when they ran.
import type { SizingRecommendation } from '../../../core/host/sizing.js';
import { newRecipe } from '../../../core/recipe/new-recipe.js';
import type { PortageSource, Recipe } from '../../../core/recipe/recipe-schema.js';

/** A recipe name from an image reference: `gentoo/stage3:amd64-openrc` → `stage3-amd64-openrc`. */
export function recipeNameFor(ref: string): string {
  const last = ref.split('/').pop() ?? ref;
  const name = last.replace(/[:@]/g, '-').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name || 'recipe';
}

/** The recipe after choosing `image` (and, when given, a tree source). */
export function recipeWithBase(current: Recipe | null, image: string, tree: PortageSource | null, sizing: SizingRecommendation): Recipe {
  if (current) {
    const next: Recipe = { ...current, base: { image } };
    return tree ? { ...next, portage: tree } : next;
  }
  const fresh = newRecipe({ name: recipeNameFor(image), base: image, sizing: { jobs: sizing.emergeJobs, makeopts: sizing.makeopts } });
  return { ...fresh, portage: tree ?? fresh.portage, jobs: { ...fresh.jobs, loadAverage: sizing.loadAverage } };
}
