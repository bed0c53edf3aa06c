// What every finish step works with (the build's container, plan, state and events) and the pieces
// several modes share: result labels, adopting an image, committing the builder. The handlers live in
// finish-steps.ts (commit, smoke test) and modes/ (the other modes), all importing from here.
import type Dockerode from 'dockerode';
import type { BuildState, SmokeTestResult } from '../../core/build/build-record.js';
import type { BuildEvent } from '../../core/events.js';
import { gentooWbLabels, type Labels } from '../../core/labels.js';
import type { BuildPlan, FinishStep } from '../../core/plan/plan-types.js';
import type { ImageConfig } from '../../core/recipe/recipe-schema.js';
import { appVersion } from '../app-info.js';
import { commitContainer, inspectImage, tagImage } from '../docker/index.js';
import { inspectContainerEnv } from '../docker/commit.js';
import { imageChanges, leakedBuildEnv } from './image-config.js';

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
