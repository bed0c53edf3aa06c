// The finish handlers of the scratch, stage4 and minimal modes, spread into FINISH_HANDLERS
// (finish-steps.ts); they take what they share from finish-context.ts.
import type { FinishStep } from '../../../core/plan/plan-types.js';
import type { FinishContext } from '../finish-context.js';
import { capturePackages } from './capture-packages.js';
import { commitCpu } from './commit-cpu.js';
import { flattenBuild } from './flatten-step.js';
import { importTree } from './import-tree.js';
import { rootCheck } from './root-check-step.js';

type Handler<K extends FinishStep['kind']> = (ctx: FinishContext, step: Extract<FinishStep, { kind: K }>) => Promise<void>;

export type ModeFinishKind = 'import-tree' | 'flatten' | 'capture-packages' | 'root-check' | 'commit-cpu';

/** Handlers by finish-step kind for the non-commit modes. */
export function modeFinishHandlers(): { [K in ModeFinishKind]: Handler<K> } {
  return { 'import-tree': importTree, flatten: flattenBuild, 'capture-packages': capturePackages, 'root-check': rootCheck, 'commit-cpu': commitCpu };
}
