// Runs the checks in the background: a live "checking" state, the last result kept while a re-run
// is under way, stale runs ignored, nothing updated after the screen is gone.
import { useCallback, useEffect, useRef, useState } from 'react';
import { evaluateHost, type HostCheckResult } from '../../../core/host/evaluate.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { CheckedEngine, GatherFacts } from './host-checks-context.js';

export interface CheckRun {
  /** Increments with every run; a confirmation is only good for the run it was given on. */
  run: number;
  checking: boolean;
  result: HostCheckResult | null;
  elapsedMs: number | null;
  error: string | null;
  /** The checked kernel's release (an accepted gate is remembered per kernel). */
  release: string | null;
  /** The configured engine the result is of (undefined: the default endpoint). */
  engine: string | undefined;
}

/**
 * Start a check on mount (once not `waiting`) and whenever the engine changes (the last result is
 * dropped then: it was of another engine); `rerun` starts another. `recipeOf` gives the open recipe when a run starts (its
 * binhosts are asked).
 */
export function useCheckRun(gather: GatherFacts, recipeOf: () => Recipe | null = () => null, engine: CheckedEngine | null = null, waiting = false): CheckRun & { rerun: () => void } {
  const recipeRef = useRef(recipeOf);
  recipeRef.current = recipeOf;
  const [state, setState] = useState<CheckRun>({ run: 0, checking: true, result: null, elapsedMs: null, error: null, release: null, engine: engine?.name });
  const current = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(() => {
    const run = current.current + 1;
    current.current = run;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const started = performance.now();
    const name = engine?.name;
    setState((s) => (s.engine === name ? { ...s, run, checking: true, error: null } : { run, checking: true, result: null, elapsedMs: null, error: null, release: null, engine: name }));
    gather(abort.signal, recipeRef.current(), engine).then(
      (facts) => {
        if (current.current !== run || abort.signal.aborted) return;
        setState({ run, checking: false, result: evaluateHost(facts), elapsedMs: performance.now() - started, error: null, release: facts.kernel.release, engine: name });
      },
      (err: unknown) => {
        if (current.current !== run || abort.signal.aborted) return;
        setState((s) => ({ ...s, run, checking: false, error: err instanceof Error ? err.message : String(err) }));
      },
    );
  }, [gather, engine]);

  useEffect(() => {
    if (waiting) return;
    start();
    return () => controller.current?.abort();
  }, [start, waiting]);

  return { ...state, rerun: start };
}
