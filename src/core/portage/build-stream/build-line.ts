// Classifies one colour-free line of emerge's build output. Pure and stateless; the stream parser
// adds the state (which package is running, pending failures, elog blocks). The common lines are
// recognised by their first characters before any regex runs.
import type { BuildPhase } from '../../events.js';
import { splitCpv } from '../names.js';

export type BuildLineFact =
  | { kind: 'started'; cpv: string; index: number; total: number; binary: boolean; fetchOnly: boolean; repo?: string; root?: string }
  | { kind: 'installing'; cpv: string; index: number; total: number; repo?: string; root?: string }
  | { kind: 'completed'; cpv: string; index: number; total: number; repo?: string; root?: string }
  | { kind: 'merged'; cpv: string }
  | { kind: 'failed'; cpv: string; stage: 'emerge' | 'install' | 'postinst'; hasLog: boolean }
  | { kind: 'log-path'; path: string }
  | { kind: 'jobs'; complete: number; total: number; running: number; failed: number; mergeWait: number; load: [number, number, number] | null }
  | { kind: 'phase'; phase: BuildPhase; done: boolean; cpv?: string }
  | { kind: 'resuming' }
  | { kind: 'elog-header'; cpv: string; root?: string }
  | { kind: 'die'; cpv: string; phase: string }
  | { kind: 'package-header'; cpv: string }
  | { kind: 'dropped'; cpv: string; reason: string }
  | { kind: 'summary-header' }
  | { kind: 'star'; text: string }
  | { kind: 'blank' }
  | { kind: 'other' };

const OTHER: BuildLineFact = { kind: 'other' };
const BLANK: BuildLineFact = { kind: 'blank' };

/** Parses `(i of n) cat/pn-ver[::repo][ for|to ROOT| from REPO]` starting at `pos`. */
function parseProgress(line: string, pos: number): { index: number; total: number; cpv: string; repo?: string; root?: string } | null {
  if (line.charCodeAt(pos) !== 40) return null; // (
  const of = line.indexOf(' of ', pos);
  const close = line.indexOf(') ', pos);
  if (of < 0 || close < of) return null;
  const index = Number(line.slice(pos + 1, of));
  const total = Number(line.slice(of + 4, close));
  if (!Number.isInteger(index) || !Number.isInteger(total)) return null;
  const parts = line.slice(close + 2).trim().split(' ');
  const token = parts[0] ?? '';
  const rr = token.indexOf('::');
  const cpv = rr >= 0 ? token.slice(0, rr) : token;
  if (!cpv.includes('/')) return null;
  const out: { index: number; total: number; cpv: string; repo?: string; root?: string } = { index, total, cpv };
  if (rr >= 0) out.repo = token.slice(rr + 2);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const word = parts[i];
    const value = parts[i + 1] ?? '';
    if (word === 'for' || word === 'to') out.root = value;
    else if (word === 'from') out.repo = value;
  }
  return out;
}

/** Reads a decimal number at `pos`; returns [value, end] or null. Hand-written: Jobs lines are frequent. */
function readNumber(text: string, pos: number): [number, number] | null {
  let i = pos;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === pos) return null;
  if (text.charCodeAt(i) === 46) {
    const frac = i + 1;
    i = frac;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === frac) return null;
  }
  return [Number(text.slice(pos, i)), i];
}

/** `1.06, 1.23, 1.13` (possibly cut short or `unknown`) → the three numbers or null. */
function parseLoad(text: string, pos: number): [number, number, number] | null {
  const values: number[] = [];
  let p = pos;
  while (p < text.length && text.charCodeAt(p) === 32) p++;
  for (let k = 0; k < 3; k++) {
    const n = readNumber(text, p);
    if (!n) return null;
    values.push(n[0]);
    p = n[1];
    if (k < 2) {
      if (text.charCodeAt(p) !== 44) return null;
      p++;
      while (text.charCodeAt(p) === 32) p++;
    }
  }
  return [values[0] as number, values[1] as number, values[2] as number];
}

/** Parses the text after `>>> Jobs: ` (`C of T complete[, R running][, F failed][, W merge wait] Load avg: …`). */
function parseJobs(line: string, pos: number): BuildLineFact {
  const complete = readNumber(line, pos);
  if (!complete || !line.startsWith(' of ', complete[1])) return OTHER;
  const total = readNumber(line, complete[1] + 4);
  if (!total || !line.startsWith(' complete', total[1])) return OTHER;
  const fact = { kind: 'jobs' as const, complete: complete[0], total: total[0], running: 0, failed: 0, mergeWait: 0, load: null as [number, number, number] | null };
  let p = total[1] + 9;
  while (line.startsWith(', ', p)) {
    const n = readNumber(line, p + 2);
    if (!n || line.charCodeAt(n[1]) !== 32) break;
    const word = n[1] + 1;
    if (line.startsWith('running', word)) {
      fact.running = n[0];
      p = word + 7;
    } else if (line.startsWith('failed', word)) {
      fact.failed = n[0];
      p = word + 6;
    } else if (line.startsWith('merge wait', word)) {
      fact.mergeWait = n[0];
      p = word + 10;
    } else break;
  }
  const loadAt = line.indexOf('Load avg:', p);
  if (loadAt >= 0) fact.load = parseLoad(line, loadAt + 9);
  return fact;
}

/**
 * A Jobs line with Portage's padding before `Load avg:` cut to two spaces (or two added where it
 * printed none). Portage pads to column 72 of a 100-column line, so the line as printed wraps into
 * two rows of an 80-column pane; the facts are in the pane's header anyway.
 */
export function compactJobsLine(line: string): string {
  const at = line.indexOf('Load avg:');
  if (at <= 0) return line.trimEnd();
  return `${line.slice(0, at).trimEnd()}  ${line.slice(at).trimEnd()}`;
}

const TMP_PATH_RE = /\/portage\/([A-Za-z0-9_][\w+.-]*)\/([A-Za-z0-9_][\w+.-]*)\/(?:work|image|temp|homedir|distdir)\b/;

/** The cpv named by a `/var/tmp/portage/CAT/PF/work…` path, if any. */
function cpvFromBuildPath(text: string): string | undefined {
  const m = TMP_PATH_RE.exec(text);
  if (!m) return undefined;
  const cpv = `${m[1]}/${m[2]}`;
  return splitCpv(cpv) ? cpv : undefined;
}

function phase(phaseName: BuildPhase, done: boolean, cpv?: string): BuildLineFact {
  return cpv ? { kind: 'phase', phase: phaseName, done, cpv } : { kind: 'phase', phase: phaseName, done };
}

function firstToken(text: string): string {
  const sp = text.indexOf(' ');
  return sp < 0 ? text : text.slice(0, sp);
}

function failedLine(rest: string): BuildLineFact {
  let body = rest;
  const hasLog = body.endsWith(', Log file:');
  if (hasLog) body = body.slice(0, -', Log file:'.length);
  let stage: 'emerge' | 'install' | 'postinst' = 'emerge';
  if (body.startsWith('to emerge ')) body = body.slice(10);
  else if (body.startsWith('to install ')) {
    body = body.slice(11);
    stage = 'install';
  } else if (body.startsWith('to execute postinst for ')) {
    body = body.slice(24);
    stage = 'postinst';
  } else stage = 'postinst'; // 3.0.45+: `>>> Failed cpv::repo` after a postinst failure
  const token = firstToken(body);
  const rr = token.indexOf('::');
  const cpv = rr >= 0 ? token.slice(0, rr) : token;
  return cpv.includes('/') ? { kind: 'failed', cpv, stage, hasLog } : OTHER;
}

/** Lines after `>>> ` (index 4 onwards). */
function classifyChevron(line: string): BuildLineFact {
  const c = line.charCodeAt(4);
  switch (c) {
    case 47: // '/': merged file list
      return OTHER;
    case 32: // `>>>  'path'`
      if (line.charCodeAt(5) === 39 && line.endsWith("'")) return { kind: 'log-path', path: line.slice(6, -1) };
      return OTHER;
    case 69: { // E
      if (line.startsWith('Emerging binary ', 4)) {
        const p = parseProgress(line, 20);
        return p ? { kind: 'started', binary: true, fetchOnly: false, ...p } : OTHER;
      }
      if (line.startsWith('Emerging ', 4)) {
        const p = parseProgress(line, 13);
        return p ? { kind: 'started', binary: false, fetchOnly: false, ...p } : OTHER;
      }
      if (line.startsWith('Extracting ', 4)) return phase('unpack', false, line.startsWith('Extracting info', 4) ? undefined : firstToken(line.slice(15)));
      return OTHER;
    }
    case 73: { // I
      if (line.startsWith('Installing ', 4)) {
        const p = parseProgress(line, 15);
        return p ? { kind: 'installing', ...p } : OTHER;
      }
      if (line.startsWith('Install ', 4)) return phase('install', false, cpvFromBuildPath(line));
      return OTHER;
    }
    case 67: { // C
      if (line.startsWith('Completed installing ', 4)) return phase('install', true, cpvFromBuildPath(line));
      if (line.startsWith('Completed testing ', 4)) return phase('test', true, cpvFromBuildPath(line) ?? firstToken(line.slice(22)));
      if (line.startsWith('Completed ', 4)) {
        const p = parseProgress(line, 14);
        return p ? { kind: 'completed', ...p } : OTHER;
      }
      if (line.startsWith('Compiling source in ', 4)) return phase('compile', false, cpvFromBuildPath(line));
      if (line.startsWith('Configuring source in ', 4)) return phase('configure', false, cpvFromBuildPath(line));
      return OTHER;
    }
    case 74: // J
      return line.startsWith('Jobs: ', 4) ? parseJobs(line, 10) : OTHER;
    case 70: { // F
      if (line.startsWith('Failed ', 4)) return failedLine(line.slice(11));
      if (line.startsWith('Fetching ', 4)) {
        const p = parseProgress(line, 13);
        return p ? { kind: 'started', binary: false, fetchOnly: true, ...p } : OTHER;
      }
      return OTHER;
    }
    case 85: // U
      if (line.startsWith('Unpacking source', 4)) return phase('unpack', false);
      return OTHER;
    case 83: // S
      if (line.startsWith('Source unpacked', 4)) return phase('unpack', true, cpvFromBuildPath(line));
      if (line.startsWith('Source prepared', 4)) return phase('prepare', true);
      if (line.startsWith('Source configured', 4)) return phase('configure', true);
      if (line.startsWith('Source compiled', 4)) return phase('compile', true);
      return OTHER;
    case 80: // P
      return line.startsWith('Preparing source in ', 4) ? phase('prepare', false, cpvFromBuildPath(line)) : OTHER;
    case 84: // T
      if (line.startsWith('Test phase [not enabled]: ', 4)) return phase('test', true, line.slice(30).trim() || undefined);
      if (line.startsWith('Test phase: ', 4)) return phase('test', false, line.slice(16).trim() || undefined);
      return OTHER;
    case 77: // M
      if (line.startsWith('Merging ', 4) && !line.startsWith('Merging Binary', 4)) {
        const token = firstToken(line.slice(12));
        return phase('merge', false, token.includes('/') ? token : undefined);
      }
      return OTHER;
    case 68: // D
      return line.startsWith('Downloading ', 4) ? phase('fetch', false) : OTHER;
    default:
      if (line.endsWith(' merged.')) {
        const cpv = line.slice(4, -8);
        if (cpv.indexOf(' ') < 0 && cpv.includes('/')) return { kind: 'merged', cpv };
      }
      return OTHER;
  }
}

const DIE_RE = /^ \* ERROR: (\S+?)(?:::\S+)? failed \(([a-z_]+) phase\):/;
const ELOG_RE = /^ \* (?:Error )?[Mm]essages for package (\S+?)(?: merged to (\S+?))?:\s*$/;
const DROPPED_RE = /^ \* emerge --keep-going: (\S+) dropped because (.+)$/;

/** Lines that start with ` *`. */
function classifyStar(line: string): BuildLineFact {
  if (line.length <= 3) return { kind: 'star', text: '' };
  const c = line.charCodeAt(3);
  if (c === 69 /* E */ || c === 77 /* M */) {
    const e = ELOG_RE.exec(line);
    if (e) return e[2] ? { kind: 'elog-header', cpv: e[1] ?? '', root: e[2] } : { kind: 'elog-header', cpv: e[1] ?? '' };
    const d = DIE_RE.exec(line);
    if (d) return { kind: 'die', cpv: d[1] ?? '', phase: d[2] ?? '' };
  } else if (c === 80 /* P */ && line.startsWith(' * Package:')) {
    const token = line.slice(11).trim();
    const colon = token.indexOf(':');
    const cpv = colon >= 0 ? token.slice(0, colon) : token;
    if (splitCpv(cpv)) return { kind: 'package-header', cpv };
  } else if (c === 101 /* e */ && line.startsWith(' * emerge --keep-going: ')) {
    const d = DROPPED_RE.exec(line);
    if (d) return { kind: 'dropped', cpv: d[1] ?? '', reason: d[2] ?? '' };
  } else if (c === 84 /* T */ && line.startsWith(' * The following ') && line.includes(' failed to build, install, or execute')) {
    return { kind: 'summary-header' };
  }
  return { kind: 'star', text: line.slice(line.charCodeAt(2) === 32 ? 3 : 2) };
}

/** Classifies one colour-free line of build output. */
export function classifyBuildLine(line: string): BuildLineFact {
  if (line.length === 0) return BLANK;
  const c = line.charCodeAt(0);
  if (c === 62 /* > */) return line.startsWith('>>> ') ? classifyChevron(line) : OTHER;
  if (c === 32 /* space */) {
    if (line.charCodeAt(1) === 42 /* * */ && (line.length === 2 || line.charCodeAt(2) === 32)) return classifyStar(line);
    return line.trim() === '' ? BLANK : OTHER;
  }
  if (c === 42 /* * */ && line.startsWith('*** Resuming merge')) return { kind: 'resuming' };
  return OTHER;
}
