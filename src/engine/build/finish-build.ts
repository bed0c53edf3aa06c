// The end of a watched build (by the session holding the finish lock): wait for the container, run the
// finish steps or say why it failed, write the final state and record (per-package durations live in
// writeFinalRecord), remove the container.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildRecord } from '../../core/build/build-record.js';
import { packageDurations, type BuildProgress } from '../../core/build/progress.js';
import { failureTail } from '../../core/portage/build-stream/failure-start.js';
import type { BuildEvent } from '../../core/events.js';
import { stepFailureMessage } from '../../core/plan/step-failure.js';
import { binhostFailureLine, binhostFailures } from '../../core/pretend/explain-binhost.js';
import { EngineError, pingEngine, readContainerFile, removeContainer, removeImage, waitContainer } from '../docker/index.js';
import { FolderWriteError } from '../files/atomic-write.js';
import { writeRecord, writeState } from './build-store.js';
import type { BuildOutcome, Watch } from './build-session.js';
import { endCancelled } from './end-cancelled.js';
import { engineLostMessage } from '../engines/engine-lost.js';
import { FinishStopped, type FinishContext } from './finish-context.js';
import { runFinishSteps } from './finish-steps.js';
import type { FollowEnd } from './follow-output.js';

const TAIL_LINES = 30;

/** Copy failed packages' build logs out of the (stopped) container before it goes. */
async function collectFailureLogs(w: Watch, progress: BuildProgress, emit: (e: BuildEvent[]) => void): Promise<void> {
  for (const pkg of progress.packages.filter((p) => p.state === 'failed' && p.logPath)) {
    try {
      const content = (await readContainerFile(w.docker, w.state.containerId!, pkg.logPath!)).toString('utf8');
      const local = path.join(w.files.logs, `${pkg.cpv.replace(/\//g, '_')}.build.log`);
      await writeFile(local, content);
      const tail = failureTail(content, TAIL_LINES);
      emit([{ type: 'failure-log', cpv: pkg.cpv, path: local, tail }]);
    } catch (err) {
      emit([{ type: 'error', message: `could not copy the build log of ${pkg.cpv} (${pkg.logPath}): ${(err as Error).message}` }]);
    }
  }
}

/** The record (durations for later ETAs) once the state says how the build ended; a refused write is said, not fatal. */
async function writeFinalRecord(w: Watch, progress: BuildProgress, ctx: FinishContext | null, emit: (events: BuildEvent[]) => void): Promise<void> {
  const record: BuildRecord = {
    state: w.state,
    packages: packageDurations(progress).map((d) => ({ ...d, startedAt: progress.packages.find((p) => p.cpv === d.cpv)?.startedAt ?? 0 })),
    steps: progress.steps.map((s) => ({ id: s.id, title: s.title, ok: s.state === 'ok', seconds: s.seconds })),
    smokeTest: ctx?.smokeTest ?? null,
    ...(ctx && Object.keys(ctx.extras).length > 0 ? { extras: ctx.extras } : {}),
  };
  await writeRecord(w.files, record).catch((err: Error) => emit([{ type: 'error', message: `could not write the build's record (${err.message}); the build itself is recorded in state.json` }]));
}

/** After the output ended (this session holding the finish lock): wait, finish or fail, record, remove the container. */
export async function finishWatched(w: Watch, end: FollowEnd, emit: (events: BuildEvent[]) => void, progressNow: () => BuildProgress): Promise<BuildOutcome> {
  // The image as state.json last recorded it (an attach starts from what the file says).
  const saved = { image: w.state.image?.id ?? null };
  try {
    return await finishOrFail(w, end, emit, progressNow, saved);
  } catch (err) {
    if (err instanceof FolderWriteError) return keptForLater(w, err, emit, saved.image);
    throw err;
  }
}

/**
 * The state folder refused a write (full, read-only): without a state nobody could finish the build
 * later, and a second session would commit twice. So nothing is left half-recorded: an image made but
 * not recorded goes, the container stays (its emerge has ended), and the sentence says how to finish it.
 */
export async function keptForLater(w: Watch, err: FolderWriteError, emit: (events: BuildEvent[]) => void, savedImage: string | null): Promise<BuildOutcome> {
  const id = w.state.id;
  let image = '';
  const made = w.state.image;
  if (made && made.id !== savedImage) {
    const short = made.id.replace(/^sha256:/, '').slice(0, 12);
    image = await removeImage(w.docker, made.id, { force: true }).then(
      () => `; the image ${short} it had just made was removed (it could not be recorded)`,
      (e: Error) => `; the image ${short} it had just made could not be removed (${e.message})`,
    );
    w.state.image = null;
  }
  const container = `${w.state.containerId!.slice(0, 12)}`;
  const message = `could not record the build's progress: ${err.message}${image}; its build container ${container} is kept: once the state folder takes writes again, gentoo-wb attach ${id} finishes the build (gentoo-wb clean --running removes it instead)`;
  emit([{ type: 'lost', message }]);
  return { kind: 'lost', message };
}

async function finishOrFail(w: Watch, end: FollowEnd, emit: (events: BuildEvent[]) => void, progressNow: () => BuildProgress, saved: { image: string | null }): Promise<BuildOutcome> {
  const containerId = w.state.containerId!;
  const save = async () => {
    await writeState(w.files, w.state);
    saved.image = w.state.image?.id ?? null;
  };
  // This session lost sight of the build; the container goes on, and the state says so when it can
  // (if not, it still says "running", which attach takes up just the same).
  const lostOnTheWay = async (why: string): Promise<BuildOutcome> => {
    w.state.status = 'lost';
    w.state.message = why;
    const message = await save().then(() => why, (err: Error) => `${why} (and the state could not be recorded: ${err.message})`);
    emit([{ type: 'lost', message }]);
    return { kind: 'lost', message };
  };
  if (w.cancelled()) return endCancelled(w.docker, w.files, w.state, containerId);
  if (end.kind === 'detached') return { kind: 'detached' };
  let progress = progressNow();
  if (end.kind === 'lost') {
    const ping = await pingEngine(w.docker, 3000);
    const message = ping.ok
      ? `the output stream of the build broke (${end.error.message}); run gentoo-wb attach ${w.state.id} to pick it up again`
      : engineLostMessage({ buildId: w.state.id, engine: w.state.engine, why: `${ping.code}: ${ping.message}`, dir: w.files.dir, plan: w.plan });
    return lostOnTheWay(message);
  }

  let exitCode: number;
  try {
    exitCode = await waitContainer(w.docker, containerId);
  } catch (err) {
    const ping = await pingEngine(w.docker, 3000);
    return lostOnTheWay(ping.ok ? `could not read how the build container ended: ${(err as Error).message}` : engineLostMessage({ buildId: w.state.id, engine: w.state.engine, why: `${ping.code}: ${ping.message}`, dir: w.files.dir, plan: w.plan }));
  }
  if (w.cancelled()) return endCancelled(w.docker, w.files, w.state, containerId);
  progress = progressNow();
  w.state.exitCode = exitCode;
  const failedPackages = progress.packages.filter((p) => p.state === 'failed').map((p) => p.cpv);
  let ctx: FinishContext | null = null;
  let outcome: BuildOutcome;

  if (exitCode === 0 && end.sawDone) {
    w.state.status = 'finishing';
    await save();
    ctx = { docker: w.docker, containerId, plan: w.plan, state: w.state, baseImageId: w.baseImageId, emit, save, smokeTest: null, extras: {}, signal: w.cancelSignal };
    try {
      await runFinishSteps(ctx);
      // A cancel that came during the finish steps wins: the image they made goes, nothing stays tagged.
      if (w.cancelled()) throw new FinishStopped();
      w.state.status = 'succeeded';
      outcome = { kind: 'succeeded', image: w.state.image };
    } catch (err) {
      if (err instanceof FolderWriteError) throw err;
      if (err instanceof FinishStopped || w.cancelled()) {
        const cancelled = await endCancelled(w.docker, w.files, w.state, containerId);
        emit([{ type: 'result', ok: false, failed: [] }]);
        await writeFinalRecord(w, progressNow(), ctx, emit);
        return cancelled;
      }
      const message = err instanceof EngineError ? `${err.message} (${err.hint})` : (err as Error).message;
      emit([{ type: 'error', message }]);
      w.state.status = 'failed';
      w.state.message = message;
      outcome = { kind: 'failed', failed: [], message };
    }
  } else {
    await collectFailureLogs(w, progress, emit);
    const failedStep = progress.steps.find((s) => s.state === 'failed');
    const outside = !end.sawDone && failedPackages.length === 0 && failedStep === undefined;
    const summary = outside
      ? `the build container stopped with exit code ${exitCode} before its steps ended (killed from outside, or the engine restarted)`
      : failedPackages.length > 0
        ? `${failedPackages.length} package(s) failed: ${failedPackages.join(', ')}`
        : stepFailureMessage(w.plan.steps.find((s) => s.id === failedStep?.id) ?? null, exitCode);
    // A binhost that failed is named, with what failed (its binrepos.conf section is in Portage's lines).
    const binhostLines = w.plan.binhosts?.length ? binhostFailures(await readFile(w.files.output, 'utf8').catch(() => '')).map((f) => binhostFailureLine(f, w.plan.binhosts)) : [];
    const message = [summary, ...binhostLines].join('; ');
    emit([{ type: 'error', message }]);
    w.state.status = 'failed';
    w.state.failed = failedPackages;
    w.state.message = message;
    outcome = { kind: 'failed', failed: failedPackages, message };
  }
  w.state.endedAt = Date.now();
  emit([{ type: 'result', ok: outcome.kind === 'succeeded', failed: failedPackages }]);
  await save();
  await writeFinalRecord(w, progressNow(), ctx, emit);
  await removeContainer(w.docker, containerId, { force: true }).catch(() => undefined);
  return outcome;
}
