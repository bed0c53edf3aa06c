// Watching a launched build: follow its output into events and output.log, then let one session (the
// holder of the finish lock) finish it while any other that follows the same build waits for the result.
// output.log has one writer too (the holder of the output lock).
import { truncate } from 'node:fs/promises';
import { EMPTY_PROGRESS, reduceProgress, type BuildProgress } from '../../core/build/progress.js';
import { isFinished } from '../../core/build/build-record.js';
import type { BuildEvent } from '../../core/events.js';
import { asFolderWriteError, FolderWriteError, STATE_FOLDER, writeFileAtomically } from '../files/atomic-write.js';
import { appendOutput, readState, tryFinishLock, tryLockFile, type BuildFiles } from './build-store.js';
import { outcomeOf, stamp, type BuildOutcome, type Watch } from './build-session.js';
import { finishWatched, keptForLater } from './finish-build.js';
import { followOutput, wholeOutput } from './follow-output.js';

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
  const containerId = w.state.containerId!;
  // One session writes output.log (from the container's first line: a follow replays it all); a session
  // following beside it (attach next to attach --plain, or next to the TUI) writes nothing, or every
  // later line would be in the file twice.
  // (A folder that refuses the lock file refuses output.log too: nothing to write then.)
  let writing = w.outputLock ?? (await tryLockFile(w.files.outputLock).catch(() => null));
  try {
    if (writing) await truncate(w.files.output).catch(() => undefined);
    const out = writing ? outputWriter(w.files) : null;
    const end = await followOutput(w.docker, containerId, { plan: w.plan, onEvents: emit, ...(out ? { onText: out.write } : {}), signal: w.signal });
    await out?.flush();
    if (end.kind === 'detached' && !w.cancelled()) return { kind: 'detached' };
    // The writer went away before the end (detached, or its process died): the file stops where it
    // left; the container still holds the whole output, so it is saved once more from there.
    if (!writing && end.kind === 'ended') {
      writing = await tryLockFile(w.files.outputLock).catch(() => null);
      if (writing) await saveWholeOutput(w);
    }
    // One session finishes a build (commit, tag, record): another that follows the same build waits for
    // that session's result and reports it.
    let release;
    try {
      release = await finishLockOrResult(w);
    } catch (err) {
      const folder = asFolderWriteError(err, w.files.dir, STATE_FOLDER);
      if (folder instanceof FolderWriteError) return await keptForLater(w, folder, emit, w.state.image?.id ?? null);
      throw err;
    }
    if (typeof release !== 'function') {
      // Finished by another session: this one's stream ends the same way (its image, its result).
      if (release.kind === 'succeeded' && release.image) emit([{ type: 'image', id: release.image.id, tags: release.image.tags }]);
      if (release.kind === 'succeeded' || release.kind === 'failed' || release.kind === 'cancelled') emit([{ type: 'result', ok: release.kind === 'succeeded', failed: release.kind === 'failed' ? release.failed : [] }]);
      return release;
    }
    try {
      return await finishWatched(w, end, emit, () => progress);
    } finally {
      await release().catch(() => undefined);
    }
  } finally {
    await writing?.().catch(() => undefined);
  }
}

/** Rewrite output.log from the container (only ever the whole file: a failed read keeps the old one). */
async function saveWholeOutput(w: Watch): Promise<void> {
  try {
    await writeFileAtomically(w.files.output, await wholeOutput(w.docker, w.state.containerId!), { role: STATE_FOLDER });
  } catch {
    // The container went meanwhile (another session finished the build) or the folder refuses: the
    // file keeps what the writer wrote.
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
        await release().catch(() => undefined);
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
