// The session handle a caller holds (outcome, detach, cancel), the outcome a state file describes, and
// what a watched build carries; startBuild and attachBuild each wrap their run into one session here.
import type Dockerode from 'dockerode';
import type { BuildState } from '../../core/build/build-record.js';
import type { BuildEvent } from '../../core/events.js';
import type { BuildPlan } from '../../core/plan/plan-types.js';
import type { BuildFiles } from './build-store.js';

export type BuildOutcome =
  | { kind: 'succeeded'; image: { id: string; tags: string[] } | null }
  | { kind: 'failed'; failed: string[]; message: string }
  | { kind: 'cancelled'; message?: string }
  | { kind: 'detached' }
  | { kind: 'lost'; message: string };

export interface BuildSession {
  id: string;
  files: BuildFiles;
  /** Settles when the build ends, or when this session detaches or loses the engine. */
  outcome: Promise<BuildOutcome>;
  containerId(): string | null;
  /** Stop watching; the build container keeps running. */
  detach(): void;
  /**
   * Stop the build at whatever stage it is (preparing, launching, running, finishing): whatever it made
   * (its container, an image not yet reported as the result) is removed and its state ends as cancelled.
   * Settles once that is done; `outcome` then says what really happened (a build that had already
   * finished stays finished).
   */
  cancel(): Promise<void>;
}

export interface RunControl {
  /** Aborted on detach and on cancel. */
  signal: AbortSignal;
  /** Aborted on cancel only. */
  cancelSignal: AbortSignal;
  cancelled: () => boolean;
}

/** A launched build being watched to its end (by the session that started it, or one that attached). */
export interface Watch extends RunControl {
  docker: Dockerode;
  files: BuildFiles;
  state: BuildState;
  plan: BuildPlan;
  baseImageId: string;
  onEvents: (events: BuildEvent[]) => void;
  /** The output lock, when the session already holds it (the one that started the build). */
  outputLock?: () => Promise<void>;
}

/** Events without a time get the time they are delivered. */
export function stamp(events: BuildEvent[]): BuildEvent[] {
  const now = Date.now();
  return events.map((e) => (e.t === undefined ? { ...e, t: now } : e));
}

/** The outcome a finished state file describes. */
export function outcomeOf(state: BuildState, files: BuildFiles): BuildOutcome {
  if (state.status === 'succeeded') return { kind: 'succeeded', image: state.image };
  if (state.status === 'cancelled') return { kind: 'cancelled', message: state.message ?? 'the build was cancelled; nothing was tagged' };
  if (state.status === 'failed') return { kind: 'failed', failed: state.failed, message: state.message ?? 'the build failed' };
  return { kind: 'lost', message: state.message ?? `the build container of ${state.id} is gone (state: ${state.status}); its saved output is in ${files.output}` };
}

/** Wrap a run into a session: detach stops watching, cancel stops the run and waits for it to clean up. */
export function sessionFor(id: string, files: BuildFiles, run: (control: RunControl) => Promise<BuildOutcome>, containerId: () => string | null): BuildSession {
  const watching = new AbortController();
  const cancelling = new AbortController();
  const outcome = run({ signal: watching.signal, cancelSignal: cancelling.signal, cancelled: () => cancelling.signal.aborted });
  return {
    id,
    files,
    outcome,
    containerId,
    detach: () => watching.abort(),
    async cancel() {
      // The run itself stops at its next step, removes what it made and records the cancel: it is the one
      // that knows what exists (a container being created has no ID yet).
      cancelling.abort();
      watching.abort();
      await outcome.catch(() => undefined);
    },
  };
}
