// Starting a build: recipe → prepared plan → detached, labelled build container → watched to its end.
// A cancel at any stage of the preparation removes what exists so far and records the cancel.
import { mkdir } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import type { BuildState } from '../../core/build/build-record.js';
import type { BuildEvent } from '../../core/events.js';
import type { SandboxFacts } from '../../core/plan/shared-pieces.js';
import { serializeRecipe } from '../../core/recipe/recipe-json.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import type { BaseInfo } from '../base/inspect-base.js';
import { EngineError, newBuildId, removeContainer } from '../docker/index.js';
import { inFolder, STATE_FOLDER } from '../files/atomic-write.js';
import { currentNamespace } from '../docker/object-names.js';
import { launchBuilder, LaunchStopped } from './builder-container.js';
import { withBuildEnv } from './build-env.js';
import { appendOutput, buildFiles, createBuildFiles, tryLockFile, writeState } from './build-store.js';
import { sessionFor, stamp, type BuildOutcome, type BuildSession, type RunControl } from './build-session.js';
import { endCancelled } from './end-cancelled.js';
import { prepareBuild, type PreparedBuild } from './prepare-build.js';
import { DISTCC_POLL_MS, startDistccRun, type DistccRun } from '../distcc/distcc-run.js';
import { watch } from './watch-build.js';

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
  /** The configured engine `docker` is (`--engine NAME`), kept in the state so attach and builds find it. */
  engine?: string;
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
  // recipe.distcc's helpers: started before the plan (it carries their DISTCC_HOSTS), removed when the
  // build ends in any way but a detach (the build container still uses them then).
  let distcc: DistccRun | null = null;
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
      ...(options.engine === undefined ? {} : { engine: options.engine }),
    };
    let prepared: PreparedBuild | undefined;
    let filesMade = false;
    // Held from before the state file exists until the watch takes over: "preparing" with this lock free
    // means this process is gone (reconcile-interrupted.ts). It is also the output lock: this session
    // writes output.log.
    let starting: (() => Promise<void>) | null = null;
    const letGo = async () => {
      await starting?.().catch(() => undefined);
      starting = null;
    };
    const stopPrepare = async (launchRemoved = false): Promise<BuildOutcome> => {
      emit([{ type: 'step-finished', step: 'prepare', ok: false, seconds: (Date.now() - prepStarted) / 1000 }]);
      if (!filesMade) await createBuildFiles(files, state, serializeRecipe(recipe), prepared?.plan ?? null).catch(() => undefined);
      const outcome = await endCancelled(docker, files, state, containerId, launchRemoved ? ['the build container'] : []);
      emit([{ type: 'result', ok: false, failed: [] }]);
      await letGo();
      return outcome;
    };
    try {
      if (recipe.distcc) distcc = await startDistccRun({ docker, recipe, buildId: id, buildEngine: options.engine, emit, signal: cancelSignal, ...(options.env ? { env: options.env } : {}) });
      prepared = await prepareBuild(docker, recipe, options.sandbox ?? { unshare: false }, { ...(options.base ? { knownBase: options.base } : {}), ...(distcc ? { distcc: distcc.settings } : {}), ...(options.env ? { env: options.env } : {}) });
      state.recipeHash = prepared.plan.recipeHash;
      await inFolder(files.dir, STATE_FOLDER, () => mkdir(files.dir, { recursive: true }));
      starting = await inFolder(files.dir, STATE_FOLDER, () => tryLockFile(files.outputLock));
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
      await letGo();
      return { kind: 'failed', failed: [], message };
    }
    if (cancelled()) return await stopPrepare();
    emit([{ type: 'step-finished', step: 'prepare', ok: true, seconds: (Date.now() - prepStarted) / 1000 }]);
    state.containerId = containerId;
    state.status = 'running';
    try {
      await writeState(files, state);
    } catch (err) {
      // A build nobody could find again (its state says "preparing"): stop it now, say why.
      const removed = await removeContainer(docker, containerId, { force: true }).then(() => 'the build container was removed', (e: Error) => `the build container ${containerId!.slice(0, 12)} could not be removed (${e.message}): gentoo-wb clean --running removes it`);
      const message = `could not record the build's start: ${(err as Error).message}; ${removed}; nothing was built or tagged`;
      emit([{ type: 'error', message }, { type: 'result', ok: false, failed: [] }]);
      await letGo();
      return { kind: 'failed', failed: [], message };
    }
    const outputLock = starting;
    starting = null;
    distcc?.follow(DISTCC_POLL_MS);
    return watch({ docker, files, state, plan: prepared.plan, baseImageId: prepared.baseImageId, onEvents: options.onEvents, signal, cancelSignal, cancelled, ...(outputLock ? { outputLock } : {}) });
  };
  const runThenStopHelpers = async (control: RunControl): Promise<BuildOutcome> => {
    let outcome: BuildOutcome | null = null;
    try {
      outcome = await run(control);
      return outcome;
    } finally {
      if (distcc && outcome?.kind !== 'detached') {
        const left = await distcc.stop();
        if (left.length > 0) options.onEvents(stamp([{ type: 'error', message: `could not remove ${left.join(', ')}` }]));
      }
    }
  };
  return sessionFor(id, files, runThenStopHelpers, () => containerId);
}
