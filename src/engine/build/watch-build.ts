// Watching a launched build: follow its output into events and output.log, then let one session (the
// holder of the finish lock) finish it while any other that follows the same build waits for the result.
import { EMPTY_PROGRESS, reduceProgress, type BuildProgress } from '../../core/build/progress.js';
import { isFinished } from '../../core/build/build-record.js';
import type { BuildEvent } from '../../core/events.js';
import { appendOutput, readState, tryFinishLock, type BuildFiles } from './build-store.js';
import { outcomeOf, stamp, type BuildOutcome, type Watch } from './build-session.js';
import { finishWatched } from './finish-build.js';
import { followOutput } from './follow-output.js';

/** Serialise writes to output.log so chunks land in order without blocking the stream. */
function outputWriter(files: BuildFiles): { write(text: string): void; flush(): Promise<void> } {
  let chain = Promise.resolve();
  return {
    write(text) {
      chain = chain.then(() => appendOutput(files, text)).catch(() => undefined);
    },
    flush: () => chain,
  };
}

/** Watch a launched build to its end: follow, wait, finish or fail, record, remove the container. */
export async function watch(w: Watch): Promise<BuildOutcome> {
  let progress: BuildProgress = EMPTY_PROGRESS;
  const emit = (events: BuildEvent[]) => {
    const stamped = stamp(events);
    for (const e of stamped) progress = reduceProgress(progress, e);
    w.onEvents(stamped);
  };
  const out = outputWriter(w.files);
  const containerId = w.state.containerId!;
  const end = await followOutput(w.docker, containerId, { plan: w.plan, onEvents: emit, onText: out.write, signal: w.signal });
  await out.flush();
  if (end.kind === 'detached' && !w.cancelled()) return { kind: 'detached' };
  // One session finishes a build (commit, tag, record): another that follows the same build waits for
  // that session's result and reports it.
  const release = await finishLockOrResult(w);
  if (typeof release !== 'function') return release;
  try {
    return await finishWatched(w, end, emit, () => progress);
  } finally {
    await release();
  }
}

const STATUS_POLL_MS = 500;

/** Either this session takes the finish lock (returns its release), or the outcome another session wrote. */
async function finishLockOrResult(w: Watch): Promise<(() => Promise<void>) | BuildOutcome> {
  let told = false;
  for (;;) {
    const release = await tryFinishLock(w.files);
    if (release) {
      const current = await readState(w.files);
      if (current && isFinished(current.status)) {
        // Finished by another session while this one followed: its result, untouched.
        await release();
        return outcomeOf(current, w.files);
      }
      return release;
    }
    if (!told) {
      told = true;
      w.onEvents(stamp([{ type: 'log', text: `another gentoo-wb session is finishing build ${w.state.id}; waiting for its result` }]));
    }
    const current = await readState(w.files);
    if (current && isFinished(current.status)) return outcomeOf(current, w.files);
    if (w.signal.aborted && !w.cancelled()) return { kind: 'detached' };
    await new Promise((r) => setTimeout(r, STATUS_POLL_MS));
  }
}
