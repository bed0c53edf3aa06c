// Which build `gentoo-wb attach` without an ID follows, and the sentence saying so on stderr.
import { sanitizeText } from '../core/format/sanitize.js';
import { attachTarget, type BuildListing } from '../engine/build/build-list.js';
import { humanAge } from './output.js';
import { UsageError } from './usage-error.js';

const describe = (b: BuildListing) => `${b.id} (recipe ${sanitizeText(b.recipe)}, started ${humanAge(b.createdAt)}${b.container === 'running' ? '' : ', container stopped: waiting to be finished'})`;

/** Which build `attach` without an ID follows, and the sentence saying so (and naming the others). */
export function chooseAttachTarget(builds: BuildListing[]): { id: string; note: string } {
  const chosen = attachTarget(builds);
  if (!chosen) throw new UsageError('no running build to attach to (gentoo-wb builds lists the builds this machine knows)');
  const { target, others } = chosen;
  // "running" while every one of them runs; a stopped container's build waits to be finished.
  const kind = [target, ...others].every((b) => b.container === 'running') ? 'running' : 'unfinished';
  if (others.length === 0) return { id: target.id, note: `attaching to build ${describe(target)}, the only ${kind} build\n` };
  return {
    id: target.id,
    note: `attaching to build ${describe(target)}, the newest of ${others.length + 1} ${kind} builds; the others:\n${others.map((b) => `  ${describe(b)}\n`).join('')}gentoo-wb attach ID follows one of them\n`,
  };
}
