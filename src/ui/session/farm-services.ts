// The farm's effects for the Build screen's farm view: a farm run through the same engine code as
// `gentoo-wb build R1 R2 … --engines a,b` (engine names checked, engines connected, runFarm).
import type { BuildEvent } from '../../core/events.js';
import type { FarmSummary } from '../../core/farm/farm-summary.js';
import { EngineError } from '../../engine/docker/index.js';
import { currentNamespace } from '../../engine/docker/object-names.js';
import { connectFarmEngines, engineListProblem } from '../../engine/farm/farm-engines.js';
import type { FarmRecipe } from '../../engine/farm/farm-facts.js';
import { runFarm, type FarmProgress } from '../../engine/farm/run-farm.js';
import type { SettingsStore } from '../../engine/settings/settings-store.js';

export type { FarmProgress } from '../../engine/farm/run-farm.js';

export interface FarmRunInput {
  recipes: FarmRecipe[];
  /** Engine names (`local`: the default endpoint). */
  engines: string[];
  /** Aborting cancels every build of the farm. */
  signal: AbortSignal;
  /** One line of what the farm itself does. */
  note: (line: string) => void;
  progress: (event: FarmProgress) => void;
  /** Events of the build of recipe `index` (its position in `recipes`). */
  events: (index: number, events: BuildEvent[]) => void;
}

export interface FarmServices {
  /** Run the farm to its end (also after a cancel); throws when it cannot start. */
  run(input: FarmRunInput): Promise<FarmSummary>;
}

export interface RealFarmOptions {
  settings: SettingsStore;
  /** -H / --context: what `local` means, as for every command. */
  local: { host?: string; context?: string };
  buildEnv: Record<string, string>;
}

/** The farm run on the real engines. */
export function realFarmServices(options: RealFarmOptions): FarmServices {
  return {
    async run(input) {
      const bad = engineListProblem(input.engines, options.settings);
      if (bad !== null) throw new EngineError('bad-request', bad.message, bad.hint);
      const engines = await connectFarmEngines(input.engines, options.settings, currentNamespace(), options.local);
      if (input.signal.aborted) throw new EngineError('bad-request', 'cancelled before the farm started', 'nothing was built');
      return runFarm({
        recipes: input.recipes, engines, namespace: currentNamespace(), containerEnv: options.buildEnv, signal: input.signal,
        note: input.note, progress: input.progress,
        eventsFor: (item) => (events) => input.events(input.recipes.indexOf(item), events),
      });
    },
  };
}
