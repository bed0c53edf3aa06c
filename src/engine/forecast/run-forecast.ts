// A pretend with its forecast: emerge --pretend for the recipe (run-pretend.ts), the binary package
// indexes read from its container before it goes, the history of the base and of earlier builds,
// and the pure forecast of core/forecast over all of it.
import type Dockerode from 'dockerode';
import { forecastPretend } from '../../core/forecast/forecast.js';
import type { Forecast } from '../../core/forecast/forecast-types.js';
import type { BuildHistory } from '../../core/portage/eta/eta.js';
import type { BaseFacts } from '../../core/plan/shared-pieces.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { readBase } from '../base/read-base.js';
import { runPretend, type PretendOptions, type PretendRun } from '../pretend/run-pretend.js';
import { DEFAULT_PKGDIR, readBinaryIndexes, type BinaryIndexes } from './binary-indexes.js';
import { loadForecastHistory } from './forecast-history.js';
import { baseImageRef } from '../../core/recipe/base-image-ref.js';

export interface ForecastRun {
  run: PretendRun;
  forecast: Forecast;
  indexes: BinaryIndexes;
  history: BuildHistory;
}

export interface ForecastOptions extends PretendOptions {
  /** Process environment for the build records' folder. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Base facts for the pretend when the caller has none: the binary package cache is named after the
 * base's CHOST, so without them the pretend would not see the cache the build uses (and the forecast
 * would say every binary is missing). Read as the build reads them (emerge --info in the base, or the
 * facts kept from an earlier reading of the same image and tree).
 */
async function baseFacts(docker: Dockerode, recipe: Recipe, image: string, env: NodeJS.ProcessEnv | undefined): Promise<BaseFacts | null> {
  if (!recipe.caches.binpkgs) return null;
  const { info } = await readBase(docker, image, recipe.portage, env);
  return info.chost ? { chost: info.chost, libcFiles: info.libcFiles, libcPackage: info.libcPackage, profile: info.profile } : null;
}

/** Run the recipe's pretend and forecast its merge list. */
export async function runForecast(docker: Dockerode, options: ForecastOptions): Promise<ForecastRun> {
  const image = baseImageRef(options.recipe);
  const history = loadForecastHistory(docker, image, options.env);
  history.catch(() => undefined);
  let indexes: BinaryIndexes = { local: null, remote: [] };
  // Without the facts the pretend still runs (as it did before forecasts): it only misses the cache.
  const base = options.base ?? (await baseFacts(docker, options.recipe, image, options.env).catch(() => null));
  const run = await runPretend(docker, {
    ...options,
    base,
    afterExit: async (id, command) => {
      await options.afterExit?.(id, command);
      const pkgdir = command.caches.find((c) => c.role === 'binpkgs')?.target ?? DEFAULT_PKGDIR;
      // An index that cannot be read costs the reasons, not the pretend.
      indexes = await readBinaryIndexes(docker, id, pkgdir).catch(() => indexes);
    },
  });
  const h = await history;
  const forecast = forecastPretend({
    result: run.result,
    text: run.text,
    argv: run.command.argv,
    history: h,
    localIndex: indexes.local,
    remoteIndexes: indexes.remote.map((r) => r.index),
    chost: base?.chost && base.chost !== 'unknown' ? base.chost : null,
  });
  return { run, forecast, indexes, history: h };
}
