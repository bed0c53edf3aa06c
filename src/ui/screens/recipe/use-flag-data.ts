// Flag descriptions loaded in the background: for the whole tree (USE tab) or one package
// (package.use); and the tree's package index (Packages tab, problem line). Reloaded when the tree, the base or the atom change; stale answers are dropped.
import { useEffect, useState } from 'react';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { EngineConnection } from '../../../engine/docker/index.js';
import type { PackageFlags, TreeFlags } from '../../../engine/repo/flag-types.js';
import type { TreeIndex } from '../../../engine/repo/repo-index-reader.js';
import type { RecipeServices } from './recipe-services.js';

export type Loaded<T> = { status: 'idle' } | { status: 'loading'; source: string } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

function sourceText(recipe: Recipe): string {
  const p = recipe.portage;
  return p.source === 'snapshot' ? `snapshot ${p.image}` : p.source === 'host' ? `host repository ${p.path}` : `the tree in ${recipe.base.image}`;
}

function messageOf(err: unknown, source: string): string {
  const e = err as Error & { hint?: unknown; kind?: unknown };
  if (e.kind === 'image-not-found') return `${source} is not here: pull it on the Base step (2) or choose another tree there`;
  return `${e.message}${typeof e.hint === 'string' ? ` (${e.hint})` : ''}`;
}

function useLoaded<T>(key: string | null, load: () => Promise<T>, source: string): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; loaded: Loaded<T> }>({ key: null, loaded: { status: 'idle' } });
  useEffect(() => {
    if (key === null) return undefined;
    let current = true;
    setState({ key, loaded: { status: 'loading', source } });
    load().then(
      (value) => current && setState({ key, loaded: { status: 'ready', value } }),
      (err: unknown) => current && setState({ key, loaded: { status: 'failed', message: messageOf(err, source) } }),
    );
    return () => {
      current = false;
    };
    // `load` changes every render; the key says when the answer can differ.
  }, [key]);
  if (key === null) return { status: 'idle' };
  return state.key === key ? state.loaded : { status: 'loading', source };
}

/** The tree's flags for make.conf USE. */
export function useTreeFlags(services: RecipeServices, connection: EngineConnection | null, recipe: Recipe): Loaded<TreeFlags> {
  const key = connection ? JSON.stringify([recipe.portage, recipe.base.image]) : null;
  return useLoaded(key, () => services.treeFlags(connection!, recipe), sourceText(recipe));
}

/** One package's IUSE with descriptions. */
export function usePackageFlags(services: RecipeServices, connection: EngineConnection | null, recipe: Recipe, atom: string | null): Loaded<PackageFlags> {
  const key = connection && atom ? JSON.stringify([recipe.portage, recipe.base.image, atom]) : null;
  return useLoaded(key, () => services.packageFlags(connection!, recipe, atom!), sourceText(recipe));
}

/** The package index of the recipe's tree. */
export function useRepoIndex(services: RecipeServices, connection: EngineConnection | null, recipe: Recipe | null): Loaded<TreeIndex> {
  const key = connection && recipe ? JSON.stringify([recipe.portage, recipe.base.image]) : null;
  return useLoaded(key, () => services.repoIndex(connection!, recipe!), recipe ? sourceText(recipe) : '');
}
