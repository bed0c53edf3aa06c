// Images a build needs on its engine (the base, a Portage snapshot image) copied there from an engine
// that has them, with the copy command's streamed save | load; each copy is a transfer of the summary.
import type { FarmTransfer } from '../../core/farm/farm-summary.js';
import { copyImageBetween, planCopy } from '../engines/copy-image.js';
import type { FarmEngine } from './farm-engines.js';
import { engineHolding } from './farm-facts.js';
import { EngineError } from '../docker/index.js';

/**
 * `image` on `target`: nothing when it is there, else copied from the first engine that has it. One
 * copy per (image, engine) even when several recipes ask at once; `onCopied` hears of each copy once.
 */
export function imageCopier(engines: readonly FarmEngine[], signal: AbortSignal, onCopied: (transfer: FarmTransfer) => void): (image: string, target: FarmEngine) => Promise<FarmTransfer | null> {
  const copies = new Map<string, Promise<FarmTransfer | null>>();
  return (image, target) => {
    const key = `${target.name}\u0000${image}`;
    let copy = copies.get(key);
    if (copy === undefined) {
      copy = (async () => {
        const holder = await engineHolding([target, ...engines.filter((e) => e.name !== target.name)], image);
        if (holder === null) throw new EngineError('image-not-found', `${image} is on none of the engines ${engines.map((e) => e.name).join(', ')}`, 'pull, import or copy it to one of them first');
        if (holder.engine.name === target.name) return null;
        const from = { name: holder.engine.name, docker: holder.engine.docker };
        const to = { name: target.name, docker: target.docker };
        const plan = await planCopy(from, to, image);
        if (plan.alreadyThere) return null;
        const done = await copyImageBetween(from, to, plan, { signal });
        const transfer: FarmTransfer = { kind: 'image', from: from.name, to: to.name, what: image, bytes: done.bytes, seconds: done.seconds };
        onCopied(transfer);
        return transfer;
      })();
      copies.set(key, copy);
    }
    return copy;
  };
}
