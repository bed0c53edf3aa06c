// What the farm's scheduler needs to know about each recipe, read on an engine that holds its base:
// the base's architecture, the binary package cache key its builds fill (as `binhost serve --recipe`
// computes it), the packages its forecast says it compiles, and the engine its `engine` field names.
import type { FarmRecipeFacts } from '../../core/farm/farm-schedule.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { binhostSourceOfRecipe } from '../binhost/binhost-source.js';
import { EngineError, inspectImage } from '../docker/index.js';
import { runForecast } from '../forecast/run-forecast.js';
import type { FarmEngine } from './farm-engines.js';
import { baseImageRef } from '../../core/recipe/base-image-ref.js';

export interface FarmRecipe {
  file: string;
  recipe: Recipe;
}

export interface RecipeFacts extends FarmRecipeFacts {
  /** The first engine (in --engines order) that holds the base image: where it is copied from. */
  holder: FarmEngine;
}

/** The first engine that has `image`, or null. */
export async function engineHolding(engines: readonly FarmEngine[], image: string): Promise<{ engine: FarmEngine; architecture: string } | null> {
  const found = await Promise.all(engines.map((e) => inspectImage(e.docker, image).then((i) => i.architecture, () => null)));
  const at = found.findIndex((a) => a !== null);
  return at < 0 ? null : { engine: engines[at]!, architecture: found[at]! };
}

/** Facts of one recipe; throws a sentence when no engine has its base. */
export async function recipeFacts(index: number, item: FarmRecipe, engines: readonly FarmEngine[], namespace: string | null, options: { containerEnv?: Record<string, string>; env?: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<RecipeFacts> {
  const { recipe } = item;
  const held = await engineHolding(engines, baseImageRef(recipe));
  if (held === null) {
    throw new EngineError('image-not-found', `the base of recipe ${recipe.name} (${item.file}), ${recipe.base.image}, is on none of the engines ${engines.map((e) => e.name).join(', ')}`, 'pull, import or copy it to one of them first (gentoo-wb copy IMAGE --from A --to B)');
  }
  const docker = held.engine.docker;
  const keyRead = recipe.caches.binpkgs ? binhostSourceOfRecipe(docker, recipe, namespace).then((s) => s.key) : Promise.resolve(null);
  const forecastRead = runForecast(docker, { recipe, ...(options.containerEnv ? { containerEnv: options.containerEnv } : {}), ...(options.env ? { env: options.env } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  // Both end (their probe containers removed) before a cancel of one goes on.
  await Promise.allSettled([keyRead, forecastRead]);
  const [key, forecast] = await Promise.all([keyRead, forecastRead]);
  return {
    index,
    name: recipe.name,
    arch: held.architecture,
    cacheKey: key,
    compiles: forecast.forecast.packages.filter((p) => p.from === 'source').map((p) => p.cpv),
    engine: recipe.engine,
    holder: held.engine,
  };
}
