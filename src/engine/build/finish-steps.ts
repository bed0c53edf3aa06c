// Host-side steps after the container's steps succeeded: commit (or import / flatten in other modes),
// tag, smoke test. Each is wrapped in step events and recorded, so a reattached session skips what
// is already done and a build never ends half-tagged without saying so.
import type { FinishStep } from '../../core/plan/plan-types.js';
import { commitResult, FinishStopped, resultLabels, type FinishContext, type FinishHandler } from './finish-context.js';
import { runSmokeTest } from './smoke-test.js';
import { modeFinishHandlers } from './modes/index.js';

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

