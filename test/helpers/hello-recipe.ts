// The smallest real build of the test repository, as the reliability cases start it.
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../src/core/recipe/recipe-schema.js';
import { realPortageImages } from './real-portage.js';

/**
 * app-misc/hello on the test base image, one job, and no cache volumes: every run compiles, and
 * nothing is shared with other suites.
 */
export function helloRecipe(name: string, tags: string[] = []): Recipe {
  const recipe = newRecipe({ name, base: realPortageImages().base, packages: ['app-misc/hello'], tags, sizing: { jobs: 1, makeopts: '-j1' } });
  recipe.caches = { distfiles: false, binpkgs: false, ccache: false };
  return recipe;
}
