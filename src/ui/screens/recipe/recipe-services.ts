// Flag descriptions for the Recipe screen, from the tree the build will use: one repository reader
// (with its in-memory cache) per engine connection. Tests replace the whole thing.
import type Dockerode from 'dockerode';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { EngineConnection } from '../../../engine/docker/index.js';
import type { PackageFlags, TreeFlags } from '../../../engine/repo/flag-types.js';
import { createRepoReader, type RepoReader } from '../../../engine/repo/repo-reader.js';

export interface RecipeServices {
  treeFlags(connection: EngineConnection, recipe: Recipe): Promise<TreeFlags>;
  packageFlags(connection: EngineConnection, recipe: Recipe, atom: string): Promise<PackageFlags>;
}

const readers = new WeakMap<Dockerode, RepoReader>();

function readerFor(connection: EngineConnection): RepoReader {
  let reader = readers.get(connection.docker);
  if (!reader) {
    reader = createRepoReader(connection.docker);
    readers.set(connection.docker, reader);
  }
  return reader;
}

/** Descriptions read through the engine. */
export const realRecipeServices: RecipeServices = {
  treeFlags: (c, recipe) => readerFor(c).treeFlags(recipe.portage, recipe.base.image),
  packageFlags: (c, recipe, atom) => readerFor(c).packageFlags(recipe.portage, recipe.base.image, atom),
};
