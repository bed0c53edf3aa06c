// Which cache a binhost serves and from which image: a recipe's key, computed the way a build computes
// it (the base's CHOST from emerge --info with the recipe's tree, the base's make.conf merged with the
// recipe's, then sharedMounts), or a key given as such, whose image is --image or the base of the
// newest build that used that cache.
import { readFile } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import { sharedMounts } from '../../core/plan/shared-pieces.js';
import { baseImageRef } from '../../core/recipe/base-image-ref.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { readBaseMakeConfCached } from '../base/base-facts-cache.js';
import { readBase } from '../base/read-base.js';
import { buildFiles, listBuildStates } from '../build/build-store.js';
import { EngineError } from '../docker/errors.js';
import { binpkgVolumeOfKey } from './binhost-names.js';

export interface BinhostSource {
  key: string;
  volume: string;
  /** The image the server runs from (it needs python3; a Gentoo base has it). */
  image: string;
  /** Where the image came from, said in the output: `recipe NAME`, `--image`, `build ID`. */
  imageFrom: string;
}

/** The cache a build of `recipe` fills (in `namespace`), and its base as the server's image unless `image` is given. */
export async function binhostSourceOfRecipe(docker: Dockerode, recipe: Recipe, namespace: string | null, image?: string): Promise<BinhostSource> {
  const baseImage = baseImageRef(recipe);
  const [reading, makeConf] = await Promise.all([readBase(docker, recipe.base.image, recipe.portage), readBaseMakeConfCached(docker, baseImage)]);
  if (!reading.info.chost) {
    throw new EngineError('bad-request', `cannot tell the CHOST of ${recipe.base.image} (emerge --info: ${reading.info.infoProblem ?? 'no CHOST line'}), so not which binary package cache its builds use`,
      reading.treeProblem ?? 'check that the base is a Gentoo image whose emerge --info works, or give the cache key with --key');
  }
  // The cache is keyed whether or not this recipe has it on: the key is what a build with it on would fill.
  const withCache: Recipe = { ...recipe, caches: { ...recipe.caches, binpkgs: true } };
  const mount = sharedMounts(withCache, { chost: reading.info.chost, libcFiles: [], libcPackage: null, makeConf }, namespace).find((m) => m.kind === 'volume' && m.role === 'binpkgs');
  if (mount?.kind !== 'volume') throw new Error('sharedMounts gave no binary package cache for a recipe with caches.binpkgs on');
  const key = mount.name.slice(mount.name.lastIndexOf('-') + 1);
  return { key, volume: mount.name, image: image ?? baseImage, imageFrom: image === undefined ? `recipe ${recipe.name}` : '--image' };
}

/** A key given as such: the image is `image`, else the base of the newest build (of this machine) that mounted its volume. */
export async function binhostSourceOfKey(key: string, namespace: string | null, image?: string, env: NodeJS.ProcessEnv = process.env): Promise<BinhostSource> {
  const volume = binpkgVolumeOfKey(key, namespace);
  if (image !== undefined) return { key, volume, image, imageFrom: '--image' };
  for (const state of await listBuildStates(env)) {
    if (await planMountsVolume(buildFiles(state.id, env).plan, volume)) return { key, volume, image: state.baseImage, imageFrom: `build ${state.id}` };
  }
  throw new EngineError('bad-request', `no build on this machine used the cache of key ${key} (${volume}), so the image to serve it from is not known`,
    'name the image with --image IMAGE (the base the builds used: any image with python3 works), or use --recipe FILE');
}

/** True when a build's plan.json mounts `volume`. */
async function planMountsVolume(planFile: string, volume: string): Promise<boolean> {
  try {
    const plan = JSON.parse(await readFile(planFile, 'utf8')) as { container?: { mounts?: { kind?: string; name?: string }[] } };
    return (plan.container?.mounts ?? []).some((m) => m.kind === 'volume' && m.name === volume);
  } catch {
    return false;
  }
}
