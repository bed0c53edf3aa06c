// What the Pretend screen needs from outside, injectable: how to run emerge --pretend (the real
// engine by default, transcripts in tests) and a memory of the last run that outlives the screen
// (leaving the step and coming back shows the same result until the recipe changes).
import React, { createContext, useContext, useMemo, useRef } from 'react';
import type { BaseFacts, SandboxFacts } from '../../../core/plan/shared-pieces.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import { buildEnvFrom } from '../../../engine/build/build-env.js';
import type { EngineConnection } from '../../../engine/docker/index.js';
import { runPretend, type PretendRun } from '../../../engine/pretend/run-pretend.js';

export interface PretendRequest {
  recipe: Recipe;
  tree: boolean;
  base: BaseFacts | null;
  sandbox: SandboxFacts | null;
  onOutput: (text: string) => void;
  signal: AbortSignal;
}

export type RunPretend = (connection: EngineConnection, request: PretendRequest) => Promise<PretendRun>;

/** The last finished run and the recipe (by hash) and options it was for. */
export interface PretendMemory {
  last: { key: string; run: PretendRun } | null;
}

export interface PretendServices {
  run: RunPretend;
  memory: PretendMemory;
}

/** The real engine: a labelled container from the recipe's base, GENTOO_WB_BUILD_ENV passed on. */
export const realRunPretend: RunPretend = (connection, request) =>
  runPretend(connection.docker, {
    recipe: request.recipe,
    tree: request.tree,
    base: request.base,
    ...(request.sandbox ? { sandbox: request.sandbox } : {}),
    containerEnv: buildEnvFrom(process.env),
    onOutput: request.onOutput,
    signal: request.signal,
  });

const defaultMemory: PretendMemory = { last: null };
const PretendContext = createContext<PretendServices>({ run: realRunPretend, memory: defaultMemory });

export interface PretendProviderProps {
  run?: RunPretend;
  children: React.ReactNode;
}

/** Give the Pretend screen its runner; without a provider it uses the real engine. */
export function PretendProvider({ run, children }: PretendProviderProps) {
  const memory = useRef<PretendMemory>({ last: null });
  const value = useMemo<PretendServices>(() => ({ run: run ?? realRunPretend, memory: memory.current }), [run]);
  return <PretendContext.Provider value={value}>{children}</PretendContext.Provider>;
}

export function usePretendServices(): PretendServices {
  return useContext(PretendContext);
}
