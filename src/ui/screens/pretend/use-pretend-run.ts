// Runs emerge --pretend in the background: a live phase with elapsed time and the output so far,
// cancel (the container is removed), stale runs ignored, nothing updated after the screen is gone.
// The last finished run is remembered so coming back to the step shows it again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { stripAnsi } from '../../../core/portage/terminal-text.js';
import type { EngineConnection } from '../../../engine/docker/index.js';
import type { ForecastedRun, PretendRequest, PretendServices } from './pretend-context.js';

export type PretendPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface PretendState {
  phase: PretendPhase;
  /** The last finished run (kept while a new one runs or after a cancel). */
  run: ForecastedRun | null;
  /** What `run` was for (recipe hash and options). */
  runKey: string | null;
  /** The last key a run was started for: one automatic attempt per recipe. */
  attemptedKey: string | null;
  /** Output lines of the current run, newest last (bounded); the unfinished last line included. */
  output: string[];
  startedAt: number | null;
  error: { message: string; hint: string } | null;
}

const MAX_OUTPUT_LINES = 200;

export type StartInput = Omit<PretendRequest, 'onOutput' | 'signal'> & { key: string };

export interface PretendRunApi {
  state: PretendState;
  /** Milliseconds since the current run started (ticks once a second while running). */
  elapsedMs: number;
  start(connection: EngineConnection, input: StartInput): void;
  cancel(): void;
}

/** Lines so far plus a chunk; the last element is the line still being written (maybe empty). */
function appendOutput(lines: string[], chunk: string): string[] {
  const done = lines.slice(0, -1);
  const parts = `${lines[lines.length - 1] ?? ''}${stripAnsi(chunk)}`.split(/\r?\n/);
  const next = [...done, ...parts];
  return next.length > MAX_OUTPUT_LINES ? next.slice(-MAX_OUTPUT_LINES) : next;
}

/** The pretend run of the screen. */
export function usePretendRun(services: PretendServices): PretendRunApi {
  const remembered = services.memory.last;
  const [state, setState] = useState<PretendState>({
    phase: remembered ? 'done' : 'idle',
    run: remembered?.run ?? null,
    runKey: remembered?.key ?? null,
    attemptedKey: remembered?.key ?? null,
    output: [],
    startedAt: null,
    error: null,
  });
  const [now, setNow] = useState(() => Date.now());
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (connection: EngineConnection, input: StartInput) => {
      controller.current?.abort();
      const gen = ++generation.current;
      const abort = new AbortController();
      controller.current = abort;
      const startedAt = Date.now();
      setNow(startedAt);
      setState((s) => ({ ...s, phase: 'running', attemptedKey: input.key, output: [], startedAt, error: null }));
      const { key, ...request } = input;
      services
        .run(connection, {
          ...request,
          signal: abort.signal,
          onOutput: (chunk) => {
            if (generation.current === gen) setState((s) => ({ ...s, output: appendOutput(s.output, chunk) }));
          },
        })
        .then(
          (run) => {
            if (generation.current !== gen || abort.signal.aborted) return;
            services.memory.last = { key, run };
            setState((s) => ({ ...s, phase: 'done', run, runKey: key, startedAt: null }));
          },
          (err: unknown) => {
            if (generation.current !== gen || abort.signal.aborted) return;
            const e = err as Error & { hint?: unknown };
            setState((s) => ({ ...s, phase: 'failed', startedAt: null, error: { message: e.message ?? String(err), hint: typeof e.hint === 'string' ? e.hint : 'r tries again' } }));
          },
        );
    },
    [services],
  );

  const cancel = useCallback(() => {
    if (!controller.current || controller.current.signal.aborted) return;
    controller.current.abort();
    generation.current++;
    setState((s) => (s.phase === 'running' ? { ...s, phase: 'cancelled', startedAt: null } : s));
  }, []);

  // The elapsed time moves once a second while a run is under way, and not at all otherwise.
  useEffect(() => {
    if (state.phase !== 'running') return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state.phase]);

  // Leaving the step cancels a run: its container is removed, nothing is left behind.
  useEffect(() => () => controller.current?.abort(), []);

  return { state, elapsedMs: state.startedAt === null ? 0 : Math.max(0, now - state.startedAt), start, cancel };
}
