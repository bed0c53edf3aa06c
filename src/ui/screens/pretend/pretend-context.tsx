// What the Pretend screen needs from outside, injectable: how to run emerge --pretend and forecast
// its list (the real engine by default, transcripts in tests) and a memory of the last run that outlives the screen
// (leaving the step and coming back shows the same result until the recipe changes).
import React, { createContext, useContext, useMemo, useRef } from 'react';
import type { BaseFacts, SandboxFacts } from '../../../core/plan/shared-pieces.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import { buildEnvFrom } from '../../../engine/build/build-env.js';
import type { EngineConnection } from '../../../engine/docker/index.js';
import type { Forecast } from '../../../core/forecast/forecast-types.js';
import { runForecast } from '../../../engine/forecast/run-forecast.js';
import type { PretendRun } from '../../../engine/pretend/run-pretend.js';

export interface PretendRequest {
  recipe: Recipe;
  tree: boolean;
  base: BaseFacts | null;
  sandbox: SandboxFacts | null;
  onOutput: (text: string) => void;
  signal: AbortSignal;
}

/** A pretend run with the forecast of its merge list (none when it could not be made). */
export type ForecastedRun = PretendRun & { forecast?: Forecast | null };

export type RunPretend = (connection: EngineConnection, request: PretendRequest) => Promise<ForecastedRun>;

/** The last finished run and the recipe (by hash) and options it was for. */
export interface PretendMemory {
  last: { key: string; run: ForecastedRun } | null;
}

export interface PretendServices {
  run: RunPretend;
  memory: PretendMemory;
}

/** The real engine: a labelled container from the recipe's base, GENTOO_WB_BUILD_ENV passed on; the forecast made from it. */
const realRunPretend: RunPretend = (connection, request) =>
  runForecast(connection.docker, {
    recipe: request.recipe,
    tree: request.tree,
    base: request.base,
    ...(request.sandbox ? { sandbox: request.sandbox } : {}),
    containerEnv: buildEnvFrom(process.env),
    onOutput: request.onOutput,
    signal: request.signal,
  }).then((made) => ({ ...made.run, forecast: made.forecast }));

const defaultMemory: PretendMemory = { last: null };
const PretendContext = createContext<PretendServices>({ run: realRunPretend, memory: defaultMemory });

export interface PretendProviderProps {
  run?: RunPretend;
  children: React.ReactNode;
}

/** Give the Pretend screen its runner; without a provider it uses the real engine. */
export function PretendServicesProvider({ run, children }: PretendProviderProps) {
  const memory = useRef<PretendMemory>({ last: null });
  const value = useMemo<PretendServices>(() => ({ run: run ?? realRunPretend, memory: memory.current }), [run]);
  return <PretendContext.Provider value={value}>{children}</PretendContext.Provider>;
}

export function usePretendServices(): PretendServices {
  return useContext(PretendContext);
}
