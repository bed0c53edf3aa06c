// Finish handler for stage4: commit like commit mode, labelled with the -march the build used and
// the CPU flags that means (read from the facts file a build step wrote), and the warning that the
// image needs a compatible CPU in the log and the record.
import type { FinishStep } from '../../../core/plan/plan-types.js';
import { cpuLabels, cpuWarning, parseCpuFacts } from '../../../core/plan/modes/stage4-cpu.js';
import { readContainerFile } from '../../docker/index.js';
import { commitResult, resultLabels, type FinishContext } from '../finish-context.js';

/** Commit the builder with the CPU labels; extras.cpu keeps the facts and the warning. */
export async function commitCpu(ctx: FinishContext, step: Extract<FinishStep, { kind: 'commit-cpu' }>): Promise<void> {
  const facts = parseCpuFacts((await readContainerFile(ctx.docker, ctx.containerId, step.factsPath)).toString('utf8'));
  await commitResult(ctx, step.config, { ...resultLabels(ctx), ...cpuLabels(facts) }, `gentoo-wb build ${ctx.state.id} (stage4, -march=${facts.march})`);
  const warning = cpuWarning(facts);
  ctx.extras.cpu = { ...facts, warning };
  const t = Date.now();
  ctx.emit([
    { type: 'log', text: `stage4: -march=${facts.march}${facts.resolved ? ` (${facts.resolved})` : ''}; CPU flags (${facts.source}): ${facts.flags.join(' ') || 'unknown'}`, t },
    { type: 'log', text: `stage4: the image is ${warning}`, t },
  ]);
}
