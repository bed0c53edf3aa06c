// What the live pane reads besides the store: ETA history from past builds, the build's forecast, the build's own facts
// from its state file (an attached build may not be the open recipe), and a failed package's saved
// build.log when its failure-log event was not seen (a replay of a finished build).
import { useEffect, useRef, useState } from 'react';
import type Dockerode from 'dockerode';
import type { Forecast } from '../../../core/forecast/forecast-types.js';
import path from 'node:path';
import type { FailureLogEvent } from '../../../core/events.js';
import type { BuildHistory } from '../../../core/portage/eta/eta.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { BuildSession } from '../../../engine/build/runner.js';
import type { BuildFacts } from './build-header.js';
import type { BuildServices } from './build-context.js';
import { EMPTY_HISTORY } from './build-history.js';
import { cpvFileName, readTail } from './log-files.js';
import { failureTail } from '../../../core/portage/build-stream/failure-start.js';

/** Past package timings, loaded once; empty (estimator defaults) until then or when unreadable. */
export function useHistory(load: BuildServices['loadHistory']): BuildHistory {
  const [history, setHistory] = useState<BuildHistory>(EMPTY_HISTORY);
  useEffect(() => {
    let live = true;
    load().then((h) => live && setHistory(h), () => undefined);
    return () => {
      live = false;
    };
  }, [load]);
  return history;
}

/** Recipe, base and mode of the build: its state file once written, else the open recipe. */
export function useBuildFacts(session: BuildSession | null, readState: BuildServices['readState'], recipe: Recipe | null, stepCount: number): BuildFacts | null {
  const [facts, setFacts] = useState<BuildFacts | null>(null);
  useEffect(() => {
    if (!session) return;
    let live = true;
    readState(session.files).then((s) => {
      if (live && s) setFacts({ recipe: s.recipeName, base: s.baseImage, mode: s.mode });
    }, () => undefined);
    return () => {
      live = false;
    };
    // The state file is written once the plan is ready: read again as steps move on.
  }, [session, readState, stepCount]);
  return facts ?? (recipe ? { recipe: recipe.name, base: recipe.base.image, mode: recipe.mode.kind } : null);
}

/** The runner's copy of `cpv`'s build.log in the build folder, when it exists (no event needed). */
export function useSavedFailureCopy(session: BuildSession | null, cpv: string | null, look: boolean): FailureLogEvent | null {
  const [found, setFound] = useState<FailureLogEvent | null>(null);
  useEffect(() => {
    setFound(null);
    if (!session || !cpv || !look) return;
    let live = true;
    // The runner names its copies after the package: logs/<cat>_<pf>.build.log.
    const file = path.join(session.files.logs, `${cpvFileName(cpv)}.build.log`);
    readTail(file, 8192).then(
      (text) => live && setFound({ type: 'failure-log', cpv, path: file, tail: failureTail(text) }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [session, cpv, look]);
  return found;
}

/**
 * The forecast of the build on screen: the one kept in its folder (another session made it), else one
 * made now beside it when the build is the open recipe's and still running. Null until there is one.
 */
export function useBuildForecast(session: BuildSession | null, recipe: Recipe | null, docker: Dockerode | null, running: boolean, effects: Pick<BuildServices, 'readForecast' | 'startForecast'>): Forecast | null {
  const [forecast, setForecast] = useState<Forecast | null>(null);
  const started = useRef<string | null>(null);
  useEffect(() => {
    setForecast(null);
    if (!session) return;
    let live = true;
    void (async () => {
      const kept = await effects.readForecast(session.files).catch(() => null);
      if (!live) return;
      if (kept) {
        setForecast(kept);
        return;
      }
      // One forecast per build, made for a running build of the recipe that is open.
      if (!running || !recipe || !docker || started.current === session.id) return;
      started.current = session.id;
      const made = effects.startForecast(docker, recipe, session.files);
      await made.ready;
      if (live && made.forecast) setForecast(made.forecast);
    })();
    return () => {
      live = false;
    };
    // Only a new build (or one that just started running) asks again.
  }, [session, running]);
  return forecast;
}
