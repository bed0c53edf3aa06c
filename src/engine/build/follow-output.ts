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

async function logTail(docker: Dockerode, containerId: string, tail?: number): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const frame of containerLogs(docker, containerId, { timestamps: true, ...(tail === undefined ? {} : { tail }) })) text += decoder.write(frame.data);
  return text + decoder.end();
}

/** The container's whole output so far, stamped as a follow writes it to output.log. */
export async function wholeOutput(docker: Dockerode, containerId: string): Promise<string> {
  const stamps = createStampReader();
  return stamps.push(await logTail(docker, containerId)) + stamps.end();
}

/**
 * What `tail` (the end of the log, read again) has beyond `seen` (the end of what the follow gave):
 * found by the last complete line of `seen`, then past the unfinished line after it. Empty when
 * that line is not in `tail` (nothing safe to add).
 */
function missedTail(seen: string, tail: string): string {
  if (seen === '') return tail;
  const end = seen.lastIndexOf('\n');
  if (end < 0) return tail.startsWith(seen) ? tail.slice(seen.length) : '';
  const lastLine = seen.slice(seen.lastIndexOf('\n', end - 1) + 1, end + 1);
  const pending = seen.slice(end + 1);
  const at = tail.lastIndexOf(lastLine);
  if (at < 0) return '';
  const after = tail.slice(at + lastLine.length);
  return after.startsWith(pending) ? after.slice(pending.length) : '';
}

const STAMP_RE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d) /;

/**
 * The engine's timestamps on complete lines, made uniform (UTC, `Z`: engines that answer with a
 * local offset, `+01:00`, are read the same way), and the time of the last stamped line, which events
 * flushed without a line of their own (the end of a step or of the output) carry instead of "now".
 */
function createStampReader(): { push(text: string): string; end(): string; last(): number | undefined } {
  let partial = '';
  let last: number | undefined;
  const line = (l: string): string => {
    const m = STAMP_RE.exec(l);
    if (!m) return l;
    const t = Date.parse(`${m[1]}${m[2]}`);
    if (Number.isNaN(t)) return l;
    last = t;
    return m[2] === 'Z' ? l : `${new Date(t).toISOString()} ${l.slice(m[0].length)}`;
  };
  return {
    push(text) {
      const all = partial + text;
      const nl = all.lastIndexOf('\n');
      if (nl < 0) {
        partial = all;
        return '';
      }
      partial = all.slice(nl + 1);
      return `${all.slice(0, nl).split('\n').map(line).join('\n')}\n`;
    },
    end() {
      const rest = partial;
      partial = '';
      return rest ? line(rest) : '';
    },
    last: () => last,
  };
}

/** Read the container's whole output (following while it runs) until it stops, we detach, or the engine goes away. */
export async function followOutput(docker: Dockerode, containerId: string, options: FollowOptions): Promise<FollowEnd> {
  const parser = createRunOutputParser(options.plan.steps);
  const decoder = new StringDecoder('utf8');
  const stamps = createStampReader();
  let sawDone = false;
  // A replay delivers minutes of output in one burst: events keep the times of their lines.
  const deliver = (events: BuildEvent[]) => {
    if (events.length === 0) return;
    const t = stamps.last();
    options.onEvents(t === undefined ? events : events.map((e) => (e.t === undefined ? { ...e, t } : e)));
  };
  const feed = (text: string) => {
    if (!text) return;
    if (text.includes('@@gentoo-wb done')) sawDone = true;
    options.onText?.(text);
    deliver(parser.push(text));
  };
  const handle = (text: string) => feed(stamps.push(text));
  let seen = '';
  try {
    for await (const frame of containerLogs(docker, containerId, { follow: true, timestamps: true, signal: options.signal })) {
      const text = decoder.write(frame.data);
      seen = (seen + text).slice(-4096);
      handle(text);
    }
    if (options.signal.aborted) return { kind: 'detached' };
    // The engine can end a follow when the container stops, before its log copier has written the
    // last lines (seen on Docker 20.10 with short-lived output). Unless the runner's last line came,
    // read the end of the log once more and take whatever follows the last line we had (lines carry
    // nanosecond timestamps).
    const rest = decoder.end();
    seen += rest;
    handle(rest);
    if (!sawDone) handle(missedTail(seen, await logTail(docker, containerId, 2000)));
    feed(stamps.end());
    deliver(parser.end());
    return { kind: 'ended', sawDone };
  } catch (err) {
    if (options.signal.aborted) return { kind: 'detached' };
    return { kind: 'lost', error: err as Error };
  }
}
