// Follow the build container's output from its first line: decode, keep a copy on disk, and turn it
// into BuildEvents. Used for a live build and, identically, for a replay after reattaching.
import { StringDecoder } from 'node:string_decoder';
import type Dockerode from 'dockerode';
import { createRunOutputParser } from '../../core/build/run-output.js';
import type { BuildEvent } from '../../core/events.js';
import type { BuildPlan } from '../../core/plan/plan-types.js';
import { containerLogs } from '../docker/index.js';

export type FollowEnd = { kind: 'ended'; sawDone: boolean } | { kind: 'detached' } | { kind: 'lost'; error: Error };

export interface FollowOptions {
  plan: BuildPlan;
  onEvents: (events: BuildEvent[]) => void;
  /** Raw text as it arrives (written to output.log). */
  onText?: (text: string) => void;
  signal: AbortSignal;
}

/** Read the container's whole output (following while it runs) until it stops, we detach, or the engine goes away. */
export async function followOutput(docker: Dockerode, containerId: string, options: FollowOptions): Promise<FollowEnd> {
  const parser = createRunOutputParser(options.plan.steps);
  const decoder = new StringDecoder('utf8');
  let sawDone = false;
  const handle = (text: string) => {
    if (!text) return;
    if (text.includes('@@gentoo-wb done')) sawDone = true;
    options.onText?.(text);
    const events = parser.push(text);
    if (events.length > 0) options.onEvents(events);
  };
  try {
    for await (const frame of containerLogs(docker, containerId, { follow: true, timestamps: true, signal: options.signal })) {
      handle(decoder.write(frame.data));
    }
    if (options.signal.aborted) return { kind: 'detached' };
    handle(decoder.end());
    const last = parser.end();
    if (last.length > 0) options.onEvents(last);
    return { kind: 'ended', sawDone };
  } catch (err) {
    if (options.signal.aborted) return { kind: 'detached' };
    return { kind: 'lost', error: err as Error };
  }
}
