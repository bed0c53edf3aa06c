// The build container's output → BuildEvents. Lines carry the engine's timestamps (logs requested
// with timestamps), so a replay after reattaching has the real times; runner markers become step
// events; emerge steps go through the build-stream parser, other steps become plain log lines.
import type { BuildEvent } from '../events.js';
import { createBuildStreamParser } from '../portage/build-stream/build-stream-parser.js';
import { parseBinaryFallbackLine } from '../plan/binary-fallback.js';
import { parseStepMarker } from '../plan/step-runner.js';
import { newLogEvent } from '../log-event.js';

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

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Where each character of `0000-00-00T00:00:00` must be a digit (else the one character shown). */
const STAMP_SHAPE = '0000-00-00T00:00:00';

/** Length of the `STAMP` prefix of `line` (its space included), or 0: the regex's match, without its garbage. */
function stampLength(line: string): number {
  if (line.length < 21) return 0;
  for (let i = 0; i < STAMP_SHAPE.length; i++) {
    const c = line.charCodeAt(i);
    if (STAMP_SHAPE.charCodeAt(i) === 48 ? !isDigit(c) : c !== STAMP_SHAPE.charCodeAt(i)) return 0;
  }
  let i = STAMP_SHAPE.length;
  if (line.charCodeAt(i) === 46 /* . */) {
    const digits = ++i;
    while (isDigit(line.charCodeAt(i))) i++;
    if (i === digits) return 0;
  }
  return line.charCodeAt(i) === 90 /* Z */ && line.charCodeAt(i + 1) === 32 ? i + 2 : 0;
}

/**
 * The time of the stamp `line` starts with (`length` from stampLength), as Date.parse reads it: the
 * seconds are parsed once per second seen (lines of a flood share them), the fraction is read here,
 * truncated to milliseconds as Date.parse does.
 */
function createStampClock(): (line: string, length: number) => number {
  let second = '';
  let secondMs = NaN;
  return (line, length) => {
    // Hour 24 is valid alone (24:00:00) but not with a fraction: leave such rarities to Date.parse.
    if (line.charCodeAt(11) === 50 && line.charCodeAt(12) === 52) return Date.parse(line.slice(0, length - 1));
    if (second === '' || !line.startsWith(second)) {
      second = line.slice(0, STAMP_SHAPE.length);
      secondMs = Date.parse(`${second}Z`);
    }
    let ms = 0;
    const fraction = STAMP_SHAPE.length + 1;
    for (let i = 0, scale = 100; i < 3 && fraction + i < length - 2; i++, scale /= 10) ms += (line.charCodeAt(fraction + i) - 48) * scale;
    return secondMs + ms;
  };
}

/**
 * `s` as a string of its own. A line cut from a chunk refers to the whole chunk (64 KiB and more); an
 * event that keeps a piece of it (a cpv, an elog line) until the next progress flush would then drag
 * the whole chunk into the old generation. Gluing a character on and cutting it off again makes V8
 * copy just the line (what the line splitter did before lines skipped it).
 */
function ownString(s: string): string {
  return `${s}\n`.slice(0, -1);
}

/** `{ type: 'log', text, t }` (no `t` when undefined). */
function logAt(text: string, t: number | undefined): BuildEvent {
  const e = newLogEvent(text);
  if (t !== undefined) e.t = t;
  return e;
}

/** `event` with the time of its line, when the line had one (left out, not undefined, when it had none). */
function timed(event: BuildEvent, t: number | undefined): BuildEvent {
  if (t !== undefined) event.t = t;
  return event;
}

/** A parser for one build's output; `steps` are the plan's container steps, in order. */
export function createRunOutputParser(steps: RunOutputStep[]): RunOutputParser {
  const byId = new Map(steps.map((s) => [s.id, s]));
  let current: RunOutputStep | undefined;
  let stepStart: number | undefined;
  let emerge = createBuildStreamParser();
  let pending = '';
  const stampTime = createStampClock();

  // Runs in a flood: events go straight into the caller's array and get their time in place (the
  // parsers' events are fresh objects), so a line costs no arrays or copies of its own.
  const stamped = (events: BuildEvent[], t: number | undefined, out: BuildEvent[]) => {
    for (const e of events) {
      if (t !== undefined && e.t === undefined) e.t = t;
      out.push(e);
    }
  };

  const line = (raw: string, out: BuildEvent[]): void => {
    const clean = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    const stamp = stampLength(clean);
    const t = stamp === 0 ? undefined : stampTime(clean, stamp);
    const text = ownString(stamp === 0 ? clean : clean.slice(stamp));
    const marker = text.startsWith('@@') ? parseStepMarker(text) : null;
    if (marker?.kind === 'start') {
      const flushed = emerge.end();
      emerge = createBuildStreamParser();
      current = byId.get(marker.id) ?? { id: marker.id, title: marker.id, output: 'plain' };
      stepStart = t;
      stamped(flushed, t, out);
      out.push(timed({ type: 'step-started', step: current.id, title: current.title }, t));
      return;
    }
    if (marker?.kind === 'end') {
      const flushed = current?.output === 'emerge' ? emerge.end() : [];
      const seconds = t !== undefined && stepStart !== undefined ? (t - stepStart) / 1000 : 0;
      current = undefined;
      stamped(flushed, t, out);
      out.push(timed({ type: 'step-finished', step: marker.id, ok: marker.status === 0, seconds }, t));
      return;
    }
    if (marker?.kind === 'done') return;
    const fallback = text.startsWith('>>> ') ? parseBinaryFallbackLine(text) : null;
    if (fallback) {
      // emerge runs again after this line: a parser of its own, as for a new step.
      const flushed = current?.output === 'emerge' ? emerge.end() : [];
      emerge = createBuildStreamParser();
      stamped(flushed, t, out);
      out.push(logAt(text, t));
      out.push(timed({ type: 'binary-fallback', cp: fallback.cp, hosts: fallback.hosts, reason: fallback.reason }, t));
      return;
    }
    if (current?.output === 'emerge') {
      const from = out.length;
      emerge.pushLine(text, out);
      if (t !== undefined) for (let i = from; i < out.length; i++) if (out[i]!.t === undefined) out[i]!.t = t;
      return;
    }
    out.push(logAt(text, t));
  };

  return {
    push(chunk) {
      const events: BuildEvent[] = [];
      let nl = chunk.indexOf('\n');
      if (nl === -1) {
        pending += chunk;
        return events;
      }
      // The line the last chunk left open ends here; the others are cut from the chunk itself (no
      // copy of the whole chunk glued to the rest of that line).
      line(pending + chunk.slice(0, nl), events);
      let from = nl + 1;
      for (nl = chunk.indexOf('\n', from); nl !== -1; nl = chunk.indexOf('\n', from)) {
        line(chunk.slice(from, nl), events);
        from = nl + 1;
      }
      pending = chunk.slice(from);
      return events;
    },
    end() {
      const events: BuildEvent[] = [];
      if (pending) line(pending, events);
      pending = '';
      if (current?.output === 'emerge') for (const e of emerge.end()) events.push(e);
      return events;
    },
  };
}
