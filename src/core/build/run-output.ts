// The build container's output → BuildEvents. Lines carry the engine's timestamps (logs requested
// with timestamps), so a replay after reattaching has the real times; runner markers become step
// events; emerge steps go through the build-stream parser, other steps become plain log lines.
import type { BuildEvent } from '../events.js';
import { createBuildStreamParser } from '../portage/build-stream/build-stream-parser.js';
import { parseBinaryFallbackLine } from '../plan/binary-fallback.js';
import { parseStepMarker } from '../plan/step-runner.js';

export interface RunOutputStep {
  id: string;
  title: string;
  output: 'emerge' | 'plain';
}

export interface RunOutputParser {
  /** Feed raw output (any chunking); returns the events completed by it. */
  push(chunk: string): BuildEvent[];
  /** Flush a last unterminated line. */
  end(): BuildEvent[];
}

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) /;

/** Split an engine timestamp prefix off a line. */
export function splitTimestamp(line: string): { t: number | undefined; text: string } {
  const m = STAMP.exec(line);
  if (!m) return { t: undefined, text: line };
  return { t: Date.parse(m[1]!), text: line.slice(m[0].length) };
}

/** A parser for one build's output; `steps` are the plan's container steps, in order. */
export function createRunOutputParser(steps: RunOutputStep[]): RunOutputParser {
  const byId = new Map(steps.map((s) => [s.id, s]));
  let current: RunOutputStep | undefined;
  let stepStart: number | undefined;
  let emerge = createBuildStreamParser();
  let pending = '';

  const stamp = (events: BuildEvent[], t: number | undefined): BuildEvent[] => (t === undefined ? events : events.map((e) => (e.t === undefined ? { ...e, t } : e)));

  const line = (raw: string): BuildEvent[] => {
    const { t, text } = splitTimestamp(raw.replace(/\r$/, ''));
    const marker = parseStepMarker(text);
    if (marker?.kind === 'start') {
      const flushed = emerge.end();
      emerge = createBuildStreamParser();
      current = byId.get(marker.id) ?? { id: marker.id, title: marker.id, output: 'plain' };
      stepStart = t;
      return [...stamp(flushed, t), { type: 'step-started', step: current.id, title: current.title, ...(t !== undefined ? { t } : {}) }];
    }
    if (marker?.kind === 'end') {
      const flushed = current?.output === 'emerge' ? emerge.end() : [];
      const seconds = t !== undefined && stepStart !== undefined ? (t - stepStart) / 1000 : 0;
      current = undefined;
      return [...stamp(flushed, t), { type: 'step-finished', step: marker.id, ok: marker.status === 0, seconds, ...(t !== undefined ? { t } : {}) }];
    }
    if (marker?.kind === 'done') return [];
    const fallback = parseBinaryFallbackLine(text);
    if (fallback) {
      // emerge runs again after this line: a parser of its own, as for a new step.
      const flushed = current?.output === 'emerge' ? emerge.end() : [];
      emerge = createBuildStreamParser();
      return [...stamp(flushed, t), { type: 'log', text, ...(t !== undefined ? { t } : {}) }, { type: 'binary-fallback', cp: fallback.cp, hosts: fallback.hosts, reason: fallback.reason, ...(t !== undefined ? { t } : {}) }];
    }
    if (current?.output === 'emerge') return stamp(emerge.push(`${text}\n`), t);
    return [{ type: 'log', text, ...(t !== undefined ? { t } : {}) }];
  };

  return {
    push(chunk) {
      const text = pending + chunk;
      const events: BuildEvent[] = [];
      let from = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        for (const e of line(text.slice(from, nl))) events.push(e);
        from = nl + 1;
      }
      pending = text.slice(from);
      return events;
    },
    end() {
      const events = pending ? line(pending) : [];
      pending = '';
      return [...events, ...(current?.output === 'emerge' ? emerge.end() : [])];
    },
  };
}
