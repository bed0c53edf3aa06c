// The build runner: recipe → prepared plan → detached, labelled build container → events → image.
// A session can detach at any time (the container goes on); `attachBuild` picks the same build up
// again from its container and state file, replays the output, and finishes what is left.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { isFinished, type BuildRecord, type BuildState } from '../../core/build/build-record.js';
import { EMPTY_PROGRESS, packageDurations, reduceProgress, type BuildProgress } from '../../core/build/progress.js';
import { createRunOutputParser } from '../../core/build/run-output.js';
import { failureTail } from '../../core/portage/build-stream/failure-start.js';
import type { BuildEvent } from '../../core/events.js';
import type { BuildPlan } from '../../core/plan/plan-types.js';
import type { SandboxFacts } from '../../core/plan/shared-pieces.js';
import { stepFailureMessage } from '../../core/plan/step-failure.js';
import { serializeRecipe } from '../../core/recipe/recipe-json.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import type { BaseInfo } from '../base/inspect-base.js';
import { EngineError, inspectContainer, newBuildId, pingEngine, readContainerFile, removeContainer, removeImage, waitContainer } from '../docker/index.js';
import { currentNamespace } from '../docker/object-names.js';
import { findBuilder, launchBuilder, LaunchStopped } from './builder-container.js';
import { withBuildEnv } from './build-env.js';
import { appendOutput, buildFiles, createBuildFiles, readState, tryFinishLock, writeRecord, writeState, type BuildFiles } from './build-store.js';
import { FinishStopped, runFinishSteps, type FinishContext } from './finish-steps.js';
import { followOutput } from './follow-output.js';
import { prepareBuild, type PreparedBuild } from './prepare-build.js';

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

export interface StartBuildOptions {
  docker: Dockerode;
  recipe: Recipe;
  recipePath?: string | null;
  /** Replace the recipe's tags. */
  tags?: string[];
  /** Build without the distfiles/binpkg/ccache volumes. */
  noCache?: boolean;
  /** What the host-check probe found; without it Portage's sandboxes are turned off (safe in any container). */
  sandbox?: SandboxFacts;
  /** Base facts already read (the Base screen has them). */
  base?: BaseInfo;
  /** Environment for the build steps (tests: the test repository's GWB_TEST_COMPILE_SECONDS). */
  containerEnv?: Record<string, string>;
  /** Process environment for state paths. */
  env?: NodeJS.ProcessEnv;
  onEvents: (events: BuildEvent[]) => void;
}

interface Watch {
  docker: Dockerode;
  files: BuildFiles;
  state: BuildState;
  plan: BuildPlan;
  baseImageId: string;
  onEvents: (events: BuildEvent[]) => void;
  /** Aborted on detach and on cancel (stops following the output). */
  signal: AbortSignal;
  /** Aborted on cancel only (stops the finish steps). */
  cancelSignal: AbortSignal;
  cancelled: () => boolean;
}

const TAIL_LINES = 30;

function stamp(events: BuildEvent[]): BuildEvent[] {
  const now = Date.now();
  return events.map((e) => (e.t === undefined ? { ...e, t: now } : e));
}

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

async function writeFinalRecord(w: Watch, progress: BuildProgress, ctx: FinishContext | null): Promise<void> {
  const record: BuildRecord = {
    state: w.state,
    packages: packageDurations(progress).map((d) => ({ ...d, startedAt: progress.packages.find((p) => p.cpv === d.cpv)?.startedAt ?? 0 })),
    steps: progress.steps.map((s) => ({ id: s.id, title: s.title, ok: s.state === 'ok', seconds: s.seconds })),
    smokeTest: ctx?.smokeTest ?? null,
    ...(ctx && Object.keys(ctx.extras).length > 0 ? { extras: ctx.extras } : {}),
  };
  await writeRecord(w.files, record);
}

/** Watch a launched build to its end: follow, wait, finish or fail, record, remove the container. */
async function watch(w: Watch): Promise<BuildOutcome> {
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

/** The outcome a finished state file describes. */
function outcomeOf(state: BuildState, files: BuildFiles): BuildOutcome {
  if (state.status === 'succeeded') return { kind: 'succeeded', image: state.image };
  if (state.status === 'cancelled') return { kind: 'cancelled', message: state.message ?? 'the build was cancelled; nothing was tagged' };
  if (state.status === 'failed') return { kind: 'failed', failed: state.failed, message: state.message ?? 'the build failed' };
  return { kind: 'lost', message: state.message ?? `the build container of ${state.id} is gone (state: ${state.status}); its saved output is in ${files.output}` };
}

/** Remove what a cancelled build made (its container, an image not reported as its result) and record it. */
async function endCancelled(docker: Dockerode, files: BuildFiles, state: BuildState, containerId: string | null, removedAlready: string[] = []): Promise<BuildOutcome> {
  const removed: string[] = [...removedAlready];
  const kept: string[] = [];
  if (containerId) {
    await removeContainer(docker, containerId, { force: true }).then(
      () => removed.push('the build container'),
      (err: Error) => (err instanceof EngineError && err.kind === 'container-not-found' ? removed.push('the build container') : kept.push(`the build container ${containerId.slice(0, 12)} (${err.message})`)),
    );
  }
  if (state.image) {
    const image = state.image;
    await removeImage(docker, image.id, { force: true }).then(
      () => removed.push(`the image ${image.id.replace(/^sha256:/, '').slice(0, 12)}${image.tags.length > 0 ? ` and its tags ${image.tags.join(', ')}` : ''}`),
      (err: Error) => kept.push(`the image ${image.id.replace(/^sha256:/, '').slice(0, 12)} (${err.message})`),
    );
    state.image = null;
  }
  const what = removed.length > 0 ? `${removed.join(' and ')} ${removed.length > 1 ? 'were' : 'was'} removed; ` : '';
  const message = kept.length > 0
    ? `cancelled; ${what}could not remove ${kept.join(', ')}: gentoo-wb clean removes it; nothing is tagged by this build`
    : `cancelled; ${what}nothing is tagged`;
  state.status = 'cancelled';
  state.endedAt = Date.now();
  state.message = message;
  await writeState(files, state).catch(() => undefined);
  return { kind: 'cancelled', message };
}

/** After the output ended (this session holding the finish lock): wait, finish or fail, record, remove the container. */
async function finishWatched(w: Watch, end: Awaited<ReturnType<typeof followOutput>>, emit: (events: BuildEvent[]) => void, progressNow: () => BuildProgress): Promise<BuildOutcome> {
  const containerId = w.state.containerId!;
  if (w.cancelled()) return endCancelled(w.docker, w.files, w.state, containerId);
  if (end.kind === 'detached') return { kind: 'detached' };
  let progress = progressNow();
  if (end.kind === 'lost') {
    const ping = await pingEngine(w.docker, 3000);
    const message = ping.ok
      ? `the output stream of the build broke (${end.error.message}); run gentoo-wb attach ${w.state.id} to pick it up again`
      : `lost the connection to the engine (${ping.code}: ${ping.message}); the build's state is kept in ${w.files.dir}: run gentoo-wb attach ${w.state.id} once the engine is back`;
    w.state.status = 'lost';
    w.state.message = message;
    await writeState(w.files, w.state);
    emit([{ type: 'lost', message }]);
    return { kind: 'lost', message };
  }

  let exitCode: number;
  try {
    exitCode = await waitContainer(w.docker, containerId);
  } catch (err) {
    const message = `could not read how the build container ended: ${(err as Error).message}`;
    w.state.status = 'lost';
    w.state.message = message;
    await writeState(w.files, w.state);
    emit([{ type: 'lost', message }]);
    return { kind: 'lost', message };
  }
  if (w.cancelled()) return endCancelled(w.docker, w.files, w.state, containerId);
  progress = progressNow();
  w.state.exitCode = exitCode;
  const failedPackages = progress.packages.filter((p) => p.state === 'failed').map((p) => p.cpv);
  let ctx: FinishContext | null = null;
  let outcome: BuildOutcome;

  if (exitCode === 0 && end.sawDone) {
    w.state.status = 'finishing';
    await writeState(w.files, w.state);
    ctx = { docker: w.docker, containerId, plan: w.plan, state: w.state, baseImageId: w.baseImageId, emit, save: () => writeState(w.files, w.state), smokeTest: null, extras: {}, signal: w.cancelSignal };
    try {
      await runFinishSteps(ctx);
      // A cancel that came during the finish steps wins: the image they made goes, nothing stays tagged.
      if (w.cancelled()) throw new FinishStopped();
      w.state.status = 'succeeded';
      outcome = { kind: 'succeeded', image: w.state.image };
    } catch (err) {
      if (err instanceof FinishStopped || w.cancelled()) {
        const cancelled = await endCancelled(w.docker, w.files, w.state, containerId);
        emit([{ type: 'result', ok: false, failed: [] }]);
        await writeFinalRecord(w, progressNow(), ctx);
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
    const message = outside
      ? `the build container stopped with exit code ${exitCode} before its steps ended (killed from outside, or the engine restarted)`
      : failedPackages.length > 0
        ? `${failedPackages.length} package(s) failed: ${failedPackages.join(', ')}`
        : stepFailureMessage(w.plan.steps.find((s) => s.id === failedStep?.id) ?? null, exitCode);
    emit([{ type: 'error', message }]);
    w.state.status = 'failed';
    w.state.failed = failedPackages;
    w.state.message = message;
    outcome = { kind: 'failed', failed: failedPackages, message };
  }
  w.state.endedAt = Date.now();
  emit([{ type: 'result', ok: outcome.kind === 'succeeded', failed: failedPackages }]);
  await writeState(w.files, w.state);
  await writeFinalRecord(w, progressNow(), ctx);
  await removeContainer(w.docker, containerId, { force: true }).catch(() => undefined);
  return outcome;
}

interface RunControl {
  /** Aborted on detach and on cancel. */
  signal: AbortSignal;
  /** Aborted on cancel only. */
  cancelSignal: AbortSignal;
  cancelled: () => boolean;
}

function sessionFor(id: string, files: BuildFiles, run: (control: RunControl) => Promise<BuildOutcome>, containerId: () => string | null): BuildSession {
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

/** Start a build; events arrive through `onEvents` as they happen. */
export function startBuild(options: StartBuildOptions): BuildSession {
  const id = newBuildId();
  const files = buildFiles(id, options.env);
  const docker = options.docker;
  let containerId: string | null = null;
  const recipe: Recipe = {
    ...options.recipe,
    image: { ...options.recipe.image, tags: options.tags ?? options.recipe.image.tags },
    caches: options.noCache ? { distfiles: false, binpkgs: false, ccache: false } : options.recipe.caches,
  };
  const run = async ({ signal, cancelSignal, cancelled }: RunControl): Promise<BuildOutcome> => {
    const emit = (events: BuildEvent[]) => options.onEvents(stamp(events));
    try {
      currentNamespace();
    } catch (err) {
      // Before any object or state file exists: an unusable GENTOO_WB_NAMESPACE leaves nothing behind.
      const message = err instanceof EngineError ? `${err.message} (${err.hint})` : (err as Error).message;
      emit([{ type: 'error', message }, { type: 'result', ok: false, failed: [] }]);
      return { kind: 'failed', failed: [], message };
    }
    const prepStarted = Date.now();
    emit([{ type: 'step-started', step: 'prepare', title: 'Prepare: base facts, plan, caches, Portage tree' }]);
    const state: BuildState = {
      id, recipeName: recipe.name, recipeHash: '', recipePath: options.recipePath ?? null, mode: recipe.mode.kind, baseImage: recipe.base.image,
      tags: recipe.image.tags, containerId: null, status: 'preparing', createdAt: Date.now(), endedAt: null, finishDone: [], image: null, failed: [], exitCode: null, message: null,
    };
    let prepared: PreparedBuild | undefined;
    let filesMade = false;
    const stopPrepare = async (launchRemoved = false): Promise<BuildOutcome> => {
      emit([{ type: 'step-finished', step: 'prepare', ok: false, seconds: (Date.now() - prepStarted) / 1000 }]);
      if (!filesMade) await createBuildFiles(files, state, serializeRecipe(recipe), prepared?.plan ?? null).catch(() => undefined);
      const outcome = await endCancelled(docker, files, state, containerId, launchRemoved ? ['the build container'] : []);
      emit([{ type: 'result', ok: false, failed: [] }]);
      return outcome;
    };
    try {
      prepared = await prepareBuild(docker, recipe, options.sandbox ?? { unshare: false }, options.base ? { knownBase: options.base } : {});
      state.recipeHash = prepared.plan.recipeHash;
      await createBuildFiles(files, state, serializeRecipe(recipe), prepared.plan);
      filesMade = true;
      if (cancelled()) return await stopPrepare();
      containerId = await launchBuilder(docker, {
        buildId: id,
        plan: withBuildEnv(prepared.plan, options.containerEnv),
        volumesFrom: prepared.volumesFrom,
        onCreated: (created) => {
          containerId = created;
        },
        shouldStop: cancelled,
      });
    } catch (err) {
      // The launch removed its container (stopped or failed); nothing of this build is left in the engine.
      const launched = containerId !== null;
      containerId = null;
      if (err instanceof LaunchStopped || cancelled()) return await stopPrepare(launched);
      const message = err instanceof EngineError ? `${err.message} (${err.hint})` : (err as Error).message;
      emit([{ type: 'step-finished', step: 'prepare', ok: false, seconds: (Date.now() - prepStarted) / 1000 }, { type: 'error', message }, { type: 'result', ok: false, failed: [] }]);
      state.status = 'failed';
      state.message = message;
      state.endedAt = Date.now();
      // The whole message in the build's log too (the pager and saved log show it, not just a line of the pane).
      await createBuildFiles(files, state, serializeRecipe(recipe), prepared?.plan ?? null).catch(() => undefined);
      await appendOutput(files, `${new Date().toISOString()} gentoo-wb: the build could not start: ${message}\n`).catch(() => undefined);
      return { kind: 'failed', failed: [], message };
    }
    if (cancelled()) return await stopPrepare();
    emit([{ type: 'step-finished', step: 'prepare', ok: true, seconds: (Date.now() - prepStarted) / 1000 }]);
    state.containerId = containerId;
    state.status = 'running';
    await writeState(files, state);
    return watch({ docker, files, state, plan: prepared.plan, baseImageId: prepared.baseImageId, onEvents: options.onEvents, signal, cancelSignal, cancelled });
  };
  return sessionFor(id, files, run, () => containerId);
}

export interface AttachOptions {
  docker: Dockerode;
  env?: NodeJS.ProcessEnv;
  onEvents: (events: BuildEvent[]) => void;
}

/** Reattach to a build by ID: replay its output from the container (or the saved log) and follow it on. */
export async function attachBuild(id: string, options: AttachOptions): Promise<BuildSession> {
  const files = buildFiles(id, options.env);
  const state = await readState(files);
  if (!state) throw new EngineError('not-found', `no build ${id} in ${path.dirname(files.dir)}`, 'gentoo-wb builds lists the builds this machine knows');
  const plan = JSON.parse(await readFile(files.plan, 'utf8')) as BuildPlan | null;
  const docker = options.docker;
  const builder = await findBuilder(docker, id);
  const containerId = builder?.id ?? null;
  const run = async ({ signal, cancelSignal, cancelled }: RunControl): Promise<BuildOutcome> => {
    if (isFinished(state.status) || !builder || !plan) {
      // Nothing runs any more: show what was saved.
      const saved = await readFile(files.output, 'utf8').catch(() => '');
      if (plan && saved) {
        const parser = createRunOutputParser(plan.steps);
        options.onEvents([...parser.push(saved), ...parser.end()]);
      }
      if (state.status === 'succeeded') return { kind: 'succeeded', image: state.image };
      if (state.status === 'cancelled') return { kind: 'cancelled', message: state.message ?? 'the build was cancelled; nothing was tagged' };
      if (state.status === 'failed') return { kind: 'failed', failed: state.failed, message: state.message ?? 'the build failed' };
      const message = `the build container of ${id} is gone (state: ${state.status}); its saved output is in ${files.output}`;
      return { kind: 'lost', message };
    }
    // The replay rewrites output.log from the container, which holds the complete output.
    await writeFile(files.output, '');
    state.containerId = builder.id;
    const details = await inspectContainer(docker, builder.id);
    return watch({ docker, files, state, plan, baseImageId: details.image, onEvents: options.onEvents, signal, cancelSignal, cancelled });
  };
  return sessionFor(id, files, run, () => containerId);
}
