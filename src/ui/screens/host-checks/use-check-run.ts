// Runs the checks in the background: a live "checking" state, the last result kept while a re-run
// is under way, stale runs ignored, nothing updated after the screen is gone.
import { useCallback, useEffect, useRef, useState } from 'react';
import { evaluateHost, type HostCheckResult } from '../../../core/host/evaluate.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { GatherFacts } from './host-checks-context.js';

export interface CheckRun {
  /** Increments with every run; a confirmation is only good for the run it was given on. */
  run: number;
  checking: boolean;
  result: HostCheckResult | null;
  elapsedMs: number | null;
  error: string | null;
  /** The checked kernel's release (an accepted gate is remembered per kernel). */
  release: string | null;
}

/** Start a check on mount; `rerun` starts another. `recipeOf` gives the open recipe when a run starts (its binhosts are asked). */
export function useCheckRun(gather: GatherFacts, recipeOf: () => Recipe | null = () => null): CheckRun & { rerun: () => void } {
  const recipeRef = useRef(recipeOf);
  recipeRef.current = recipeOf;
  const [state, setState] = useState<CheckRun>({ run: 0, checking: true, result: null, elapsedMs: null, error: null, release: null });
  const current = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(() => {
    const run = current.current + 1;
    current.current = run;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const started = performance.now();
    setState((s) => ({ ...s, run, checking: true, error: null }));
    gather(abort.signal, recipeRef.current()).then(
      (facts) => {
        if (current.current !== run || abort.signal.aborted) return;
        setState({ run, checking: false, result: evaluateHost(facts), elapsedMs: performance.now() - started, error: null, release: facts.kernel.release });
      },
      (err: unknown) => {
        if (current.current !== run || abort.signal.aborted) return;
        setState((s) => ({ ...s, run, checking: false, error: err instanceof Error ? err.message : String(err) }));
      },
    );
  }, [gather]);

  useEffect(() => {
    start();
    return () => controller.current?.abort();
  }, [start]);

  return { ...state, rerun: start };
}
