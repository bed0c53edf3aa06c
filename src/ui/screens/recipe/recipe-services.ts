// Flag descriptions and the package index for the Recipe screen, from the tree the build will use:
// one reader of each (with its in-memory cache) per engine connection. Tests replace the whole thing.
import type Dockerode from 'dockerode';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { EngineConnection } from '../../../engine/docker/index.js';
import type { PackageFlags, TreeFlags } from '../../../engine/repo/flag-types.js';
import { createRepoIndexReader, type RepoIndexReader, type TreeIndex } from '../../../engine/repo/repo-index-reader.js';
import { createRepoReader, type RepoReader } from '../../../engine/repo/repo-reader.js';

export interface RecipeServices {
  treeFlags(connection: EngineConnection, recipe: Recipe): Promise<TreeFlags>;
  packageFlags(connection: EngineConnection, recipe: Recipe, atom: string): Promise<PackageFlags>;
  /** The package index of the recipe's tree (search while typing, atoms that match nothing). */
  repoIndex(connection: EngineConnection, recipe: Recipe): Promise<TreeIndex>;
}

const readers = new WeakMap<Dockerode, RepoReader>();
const indexReaders = new WeakMap<Dockerode, RepoIndexReader>();

function indexReaderFor(connection: EngineConnection): RepoIndexReader {
  let reader = indexReaders.get(connection.docker);
  if (!reader) {
    reader = createRepoIndexReader(connection.docker);
    indexReaders.set(connection.docker, reader);
  }
  return reader;
}

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
  repoIndex: (c, recipe) => indexReaderFor(c).read(recipe.portage, recipe.base.image),
};
