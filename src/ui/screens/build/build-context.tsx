// What the Build screen does outside React, injectable: ETA history from past builds, the build's
// forecast (made beside it, or read back from its folder), following a
// package's build.log in the container (and reading the phases of all of them), reading a build's state file, the clipboard and $PAGER.
// The real ones by default; UI tests pass fakes.
import React, { createContext, useContext, useMemo } from 'react';
import { useStdin, useStdout } from 'ink';
import type { BuildState as BuildStateFile } from '../../../core/build/build-record.js';
import type { BuildHistory } from '../../../core/portage/eta/eta.js';
import { followPackageLog, lastPhaseLines } from '../../../engine/build/package-log.js';
import { readForecast, readState, type BuildFiles } from '../../../engine/build/build-store.js';
import { buildEnvFrom } from '../../../engine/build/build-env.js';
import { forecastBuild, type BuildForecast } from '../../../engine/forecast/build-forecast.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type Dockerode from 'dockerode';
import { copyToClipboard, type CopyResult } from '../../terminal/osc52.js';
import { openInPager, type PagerResult } from '../../terminal/pager.js';
import { loadBuildHistory } from './build-history.js';

export type CopyText = (text: string) => CopyResult;
export type OpenPager = (file: string) => PagerResult;

export interface BuildServices {
  loadHistory(): Promise<BuildHistory>;
  followPackageLog: typeof followPackageLog;
  /** The last phase line of running packages' build.log (for --jobs builds). */
  lastPhaseLines: typeof lastPhaseLines;
  readState(files: BuildFiles): Promise<BuildStateFile | null>;
  /** The forecast another session made for this build (forecast.json), or null. */
  readForecast: typeof readForecast;
  /** Start the forecast of a build that has none: a pretend of its recipe beside it. */
  startForecast(docker: Dockerode, recipe: Recipe, files: BuildFiles): BuildForecast;
  /** Null: OSC 52 to the terminal Ink draws on. */
  copy: CopyText | null;
  /** Null: $PAGER on the terminal Ink draws on. */
  pager: OpenPager | null;
}

const REAL: BuildServices = {
  loadHistory: () => loadBuildHistory(),
  followPackageLog,
  lastPhaseLines,
  readState,
  readForecast,
  startForecast: (docker, recipe, files) => forecastBuild(docker, recipe, files, { containerEnv: buildEnvFrom(process.env) }),
  copy: null,
  pager: null,
};

const BuildServicesContext = createContext<BuildServices>(REAL);

/** Replace some of the Build screen's effects (tests). */
export function BuildServicesProvider({ value, children }: { value: Partial<BuildServices>; children: React.ReactNode }) {
  const merged = useMemo(() => ({ ...REAL, ...value }), [value]);
  return <BuildServicesContext.Provider value={merged}>{children}</BuildServicesContext.Provider>;
}

/** The effects with copy and pager bound to Ink's terminal when not replaced. */
export function useBuildServices(): Omit<BuildServices, 'copy' | 'pager'> & { copy: CopyText; pager: OpenPager } {
  const effects = useContext(BuildServicesContext);
  const { stdout, write } = useStdout();
  const { setRawMode } = useStdin();
  return useMemo(
    () => ({
      ...effects,
      copy: effects.copy ?? ((text: string) => copyToClipboard(text, stdout)),
      pager: effects.pager ?? ((file: string) => openInPager(file, { setRawMode, write: (d) => stdout.write(d), redraw: () => write('') })),
    }),
    [effects, stdout, write, setRawMode],
  );
}
