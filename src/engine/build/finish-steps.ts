// Host-side steps after the container's steps succeeded: commit (or import / flatten in other modes),
// tag, smoke test. Each is wrapped in step events and recorded, so a reattached session skips what
// is already done and a build never ends half-tagged without saying so.
import type Dockerode from 'dockerode';
import type { BuildState, SmokeTestResult } from '../../core/build/build-record.js';
import type { BuildEvent } from '../../core/events.js';
import { gentooWbLabels, type Labels } from '../../core/labels.js';
import type { BuildPlan, FinishStep } from '../../core/plan/plan-types.js';
import { appVersion } from '../app-info.js';
import type { ImageConfig } from '../../core/recipe/recipe-schema.js';
import { commitContainer, inspectImage, tagImage } from '../docker/index.js';
import { inspectContainerEnv } from '../docker/commit.js';
import { imageChanges, leakedBuildEnv } from './image-config.js';
import { runSmokeTest } from './smoke-test.js';
import { modeFinishHandlers } from './modes/index.js';

export interface FinishContext {
  docker: Dockerode;
  containerId: string;
  plan: BuildPlan;
  state: BuildState;
  baseImageId: string;
  emit: (events: BuildEvent[]) => void;
  /** Persist state after each step. */
  save: () => Promise<void>;
  /** Results the record keeps. */
  smokeTest: SmokeTestResult | null;
  /** Other modes keep extra results here (package database captures, ROOT checks). */
  extras: Record<string, unknown>;
  /** Aborted when the build is cancelled: no further step starts, a running smoke test stops. */
  signal?: AbortSignal;
}

/** The finish steps stopped because the build was cancelled. */
export class FinishStopped extends Error {
  constructor() {
    super('the build was cancelled before its finish steps ended');
  }
}

export type FinishHandler<K extends FinishStep['kind'] = FinishStep['kind']> = (ctx: FinishContext, step: Extract<FinishStep, { kind: K }>) => Promise<void>;

/** Labels of a result image: what it was built from and by which build. */
export function resultLabels(ctx: FinishContext): Labels {
  return gentooWbLabels({
    version: appVersion(),
    role: 'result',
    buildId: ctx.state.id,
    recipeHash: ctx.plan.recipeHash,
    mode: ctx.plan.mode,
    sourceImage: ctx.baseImageId,
  });
}

/** Tag an image with every tag of the plan and record it as the build's image. */
export async function adoptImage(ctx: FinishContext, imageId: string): Promise<void> {
  for (const tag of ctx.plan.tags) await tagImage(ctx.docker, imageId, tag);
  ctx.state.image = { id: imageId, tags: ctx.plan.tags };
  ctx.emit([{ type: 'image', id: imageId, tags: ctx.plan.tags, t: Date.now() }]);
}

/**
 * Commit the builder as the build's image: the recipe's config on top of the base's, our labels,
 * and nothing of the build container's own environment (refused if it holds anything the base and
 * the recipe do not, since the engine would copy it into the image).
 */
export async function commitResult(ctx: FinishContext, config: ImageConfig, labels: Labels, message: string): Promise<void> {
  const base = await inspectImage(ctx.docker, ctx.baseImageId);
  const leaked = leakedBuildEnv(await inspectContainerEnv(ctx.docker, ctx.containerId), base.config, config);
  if (leaked.length > 0) {
    throw new Error(`the build container's environment has ${leaked.join(', ')}, which a commit would copy into the image; not committing (pass build-only variables with GENTOO_WB_BUILD_ENV, which stays out of the image)`);
  }
  const imageId = await commitContainer(ctx.docker, ctx.containerId, { config: imageChanges(config, base.config), labels, pause: false, message });
  await adoptImage(ctx, imageId);
}

const commit: FinishHandler<'commit'> = async (ctx, step) => {
  await commitResult(ctx, step.config, resultLabels(ctx), `gentoo-wb build ${ctx.state.id}`);
};

const smokeTest: FinishHandler<'smoke-test'> = async (ctx, step) => {
  if (!ctx.state.image) throw new Error('no image to test: the image step did not run');
  const result = await runSmokeTest(ctx.docker, { imageId: ctx.state.image.id, argv: step.argv, buildId: ctx.state.id, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  ctx.smokeTest = result;
  for (const line of result.output.split('\n').filter(Boolean).slice(-10)) ctx.emit([{ type: 'log', text: `smoke test: ${line}`, t: Date.now() }]);
  if (!result.ok) throw new Error(`the smoke test failed (exit ${result.exitCode}): ${result.argv.join(' ')}`);
};

/** Handlers by finish-step kind; the other build modes add theirs here. */
export const FINISH_HANDLERS: { [K in FinishStep['kind']]?: FinishHandler<K> } = { commit, 'smoke-test': smokeTest, ...modeFinishHandlers() };

/** Run the plan's finish steps not yet done; stops at the first failure and rethrows it. */
export async function runFinishSteps(ctx: FinishContext): Promise<void> {
  for (const step of ctx.plan.finish) {
    if (ctx.state.finishDone.includes(step.id)) continue;
    if (ctx.signal?.aborted) throw new FinishStopped();
    const handler = FINISH_HANDLERS[step.kind] as FinishHandler | undefined;
    const started = Date.now();
    ctx.emit([{ type: 'step-started', step: step.id, title: step.title, t: started }]);
    try {
      if (!handler) throw new Error(`no handler for the "${step.kind}" step in this version`);
      await handler(ctx, step);
    } catch (err) {
      ctx.emit([{ type: 'step-finished', step: step.id, ok: false, seconds: (Date.now() - started) / 1000, t: Date.now() }]);
      throw ctx.signal?.aborted ? new FinishStopped() : err;
    }
    ctx.state.finishDone.push(step.id);
    await ctx.save();
    ctx.emit([{ type: 'step-finished', step: step.id, ok: true, seconds: (Date.now() - started) / 1000, t: Date.now() }]);
  }
}

