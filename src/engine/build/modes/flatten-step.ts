// Finish handler: the build container's file system, exported and imported as one layer with the
// base's config and the recipe's on top (minimal mode). The sizes before (the base) and after are
// recorded in extras.sizes and logged.
import type { FinishStep } from '../../../core/plan/plan-types.js';
import { inspectImage } from '../../docker/index.js';
import { openFlattenSource } from '../../docker/flatten.js';
import type { FinishContext } from '../finish-context.js';
import { importResult } from './result-image.js';

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Flatten the stopped builder into the image. */
export async function flattenBuild(ctx: FinishContext, step: Extract<FinishStep, { kind: 'flatten' }>): Promise<void> {
  const base = await inspectImage(ctx.docker, ctx.baseImageId);
  // Without /.dockerenv, /etc/hosts and the other files the engine put there; the base's own come back.
  const fs = await openFlattenSource(ctx.docker, ctx.containerId, ctx.baseImageId);
  const imported = await importResult(ctx, fs, step.config, base.config, `gentoo-wb build ${ctx.state.id}: flattened to one layer`);
  const result = await inspectImage(ctx.docker, imported.id);
  ctx.extras.sizes = { before: base.size, after: result.size, layers: result.layers.length };
  const change = base.size > 0 ? ` (${Math.round((1 - result.size / base.size) * 100)} % smaller)` : '';
  ctx.emit([{ type: 'log', text: `size: ${mb(base.size)} before (the base image) → ${mb(result.size)} after, ${result.layers.length} layer${result.layers.length === 1 ? '' : 's'}${change}`, t: Date.now() }]);
}
