// The forecast of a build, made beside it as it starts: the same pretend and forecast as `pretend`,
// kept in the build's folder (forecast.json; the record sets it against the actuals) and handed to
// whoever shows the ETA. Until it is there the ETA uses the history alone.
import type Dockerode from 'dockerode';
import type { Forecast } from '../../core/forecast/forecast-types.js';
import { buildHistory, type BuildHistory } from '../../core/portage/eta/eta.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { writeForecast, type BuildFiles } from '../build/build-store.js';
import { loadForecastHistory } from './forecast-history.js';
import { runForecast } from './run-forecast.js';
import { baseImageRef } from '../../core/recipe/base-image-ref.js';

export interface BuildForecast {
  forecast: Forecast | null;
  history: BuildHistory;
  jobs: number;
  /** Why no forecast could be made, once that is known. */
  problem: string | null;
  /** Settles when the forecast is made and kept (or could not be). */
  ready: Promise<void>;
}

export interface BuildForecastOptions {
  containerEnv?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Starts the forecast of `recipe`'s build; the returned object fills in as it arrives. */
export function forecastBuild(docker: Dockerode, recipe: Recipe, files: BuildFiles, options: BuildForecastOptions = {}): BuildForecast {
  const state: BuildForecast = { forecast: null, history: buildHistory([]), jobs: recipe.jobs.emerge, problem: null, ready: Promise.resolve() };
  const image = baseImageRef(recipe);
  // The history first (quick), so an ETA has figures before the pretend ends.
  const history = loadForecastHistory(docker, image, options.env).then((h) => (state.history = h)).catch(() => undefined);
  state.ready = (async () => {
    try {
      const made = await runForecast(docker, { recipe, ...(options.containerEnv ? { containerEnv: options.containerEnv } : {}), ...(options.env ? { env: options.env } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      await history;
      state.history = made.history;
      state.forecast = made.forecast;
      await writeForecast(files, made.forecast);
    } catch (err) {
      state.problem = (err as Error).message;
    }
  })();
  return state;
}
