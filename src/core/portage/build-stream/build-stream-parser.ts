// Turns the live stdout/stderr of `emerge --jobs … --verbose` into BuildEvents, incrementally over
// arbitrary chunks. Every line also becomes a `log` event (attributed to a package when possible):
// explicit cpv on the line, else the elog block or ` * Package:` header being read, else the only
// package currently building (foreground runs), else none (parallel runs print no build output).
import type { BuildEvent, BuildPhase, FailureSummaryEntry } from '../../events.js';
import { applyBackspaces, stripAnsi } from '../terminal-text.js';
import { parsePackageToken } from '../pretend/merge-line.js';
import { classifyBuildLine, compactJobsLine, type BuildLineFact } from './build-line.js';
import { createLineSplitter, type LineSplitter } from './line-splitter.js';
import { newLogEvent } from '../../log-event.js';

export type StreamName = 'stdout' | 'stderr';

export interface BuildStreamParser {
  /** Feeds a chunk of one stream; returns the events it completed, in order. */
  push(chunk: string, stream?: StreamName): BuildEvent[];
  /** Feeds one whole line of one stream (no newline), adding the events it completed to `into`. */
  pushLine(line: string, into: BuildEvent[], stream?: StreamName): void;
  /** Flushes partial lines and open blocks (call once when the process ended). */
  end(): BuildEvent[];
}

export interface BuildStreamOptions {
  /** Clock for the events' `t` field (ms since the epoch); omitted means no `t`. */
  now?: () => number;
}

type PackageState = 'building' | 'installing' | 'done' | 'failed';

interface PackageRun {
  index: number;
  total: number;
  state: PackageState;
  lastPhase?: BuildPhase;
  lastPhaseDone?: boolean;
}

const SUMMARY_ENTRY_RE = /^ \* {2}\((\S+?), (?:ebuild|binary|installed)[^)]*\)(?: \(postinst failed\))?(, Log file:)?\s*$/;
const SUMMARY_TUPLE_RE = /^ \* {2}\('[a-z]+', '[^']*', '([^']+)', '[a-z]+'\)(?: \(postinst failed\))?(, Log file:)?\s*$/;
const SUMMARY_PATH_RE = /^ \* {3}'([^']+)'\s*$/;

/** Creates an incremental parser for emerge's build output. */
export function createBuildStreamParser(options: BuildStreamOptions = {}): BuildStreamParser {
  const splitters: Record<StreamName, LineSplitter> = { stdout: createLineSplitter(), stderr: createLineSplitter() };
  const runs = new Map<string, PackageRun>();
  const diePhase = new Map<string, string>();
  let context: string | undefined;
  let pendingFailure: { cpv: string; stage: 'emerge' | 'install' | 'postinst' } | null = null;
  let elog: { cpv: string; root?: string; lines: string[] } | null = null;
  let dropped: { cpv: string; requires: string[] } | null = null;
  let summary: FailureSummaryEntry[] | null = null;
  let out: BuildEvent[] = [];

  const emit = (event: BuildEvent) => {
    if (options.now) event.t = options.now();
    out.push(event);
  };

  // Packages building or installing, kept in step with `runs` so each line's lookup is O(1).
  const active = new Set<string>();
  const setState = (cpv: string, run: PackageRun, state: PackageState) => {
    run.state = state;
    if (state === 'building' || state === 'installing') active.add(cpv);
    else active.delete(cpv);
  };
  const activeCpv = (): string | undefined => {
    if (active.size !== 1) return undefined;
    for (const cpv of active) return cpv;
    return undefined;
  };

  const flushFailure = () => {
    if (!pendingFailure) return;
    emitFailed(pendingFailure.cpv, pendingFailure.stage, undefined);
    pendingFailure = null;
  };

  const emitFailed = (cpv: string, stage: 'emerge' | 'install' | 'postinst', logPath: string | undefined) => {
    const run = runs.get(cpv);
    const phase = diePhase.get(cpv) ?? run?.lastPhase;
    if (run) setState(cpv, run, 'failed');
    emit({ type: 'failed', cpv, stage, ...(logPath ? { logPath } : {}), ...(phase ? { phase } : {}) });
  };

  const flushElog = () => {
    if (!elog) return;
    if (elog.lines.length > 0) emit({ type: 'elog', cpv: elog.cpv, lines: elog.lines, ...(elog.root ? { root: elog.root } : {}) });
    elog = null;
  };

  const flushDropped = () => {
    if (!dropped) return;
    emit({ type: 'dropped', cpv: dropped.cpv, requires: dropped.requires });
    dropped = null;
  };

  const flushSummary = () => {
    if (!summary) return;
    emit({ type: 'failure-summary', packages: summary });
    summary = null;
  };

  /** Continues the open multi-line block; true when the line belonged to it. */
  const continueBlocks = (text: string, fact: BuildLineFact): boolean => {
    if (summary) {
      if (fact.kind === 'star' || fact.kind === 'die' || fact.kind === 'summary-header') {
        const entry = SUMMARY_ENTRY_RE.exec(text) ?? SUMMARY_TUPLE_RE.exec(text);
        const path = SUMMARY_PATH_RE.exec(text);
        if (entry) {
          const token = parsePackageToken(entry[1] ?? '', true);
          const item: FailureSummaryEntry = { cpv: token?.cpv ?? entry[1] ?? '' };
          if (token?.slot) item.slot = token.subslot ? `${token.slot}/${token.subslot}` : token.slot;
          if (token?.repo) item.repo = token.repo;
          summary.push(item);
        } else if (path && summary.length > 0) {
          const last = summary[summary.length - 1];
          if (last) last.logPath = path[1] ?? '';
        }
        return true;
      }
      flushSummary();
      return false;
    }
    if (dropped) {
      if (fact.kind === 'star' && fact.text.trim() !== '') {
        dropped.requires.push(fact.text.trim());
        return true;
      }
      flushDropped();
      return false;
    }
    if (elog) {
      if (fact.kind === 'blank') {
        if (elog.lines.length > 0) flushElog();
        return true;
      }
      if (fact.kind === 'star' || fact.kind === 'die' || fact.kind === 'package-header') {
        elog.lines.push(text.length <= 3 ? '' : text.slice(3));
        if (fact.kind === 'die') diePhase.set(fact.cpv, fact.phase);
        return true;
      }
      flushElog();
      return false;
    }
    return false;
  };

  const phaseEvent = (cpv: string | undefined, phase: BuildPhase, done: boolean) => {
    if (!cpv) {
      emit(done ? { type: 'phase', phase, done } : { type: 'phase', phase });
      return;
    }
    const run = runs.get(cpv);
    // Replayed build logs (the dump after a failure) describe packages that already ended.
    if (run && (run.state === 'done' || run.state === 'failed')) return;
    if (run && run.lastPhase === phase && run.lastPhaseDone === done) return;
    if (run) {
      run.lastPhase = phase;
      run.lastPhaseDone = done;
    }
    emit(done ? { type: 'phase', cpv, phase, done } : { type: 'phase', cpv, phase });
  };

  const handleFact = (fact: BuildLineFact): string | undefined => {
    switch (fact.kind) {
      case 'started': {
        const run: PackageRun = { index: fact.index, total: fact.total, state: 'building' };
        runs.set(fact.cpv, run);
        setState(fact.cpv, run, 'building');
        context = undefined;
        const { kind: _k, fetchOnly, ...rest } = fact;
        emit({ type: 'started', ...rest, ...(fetchOnly ? { fetchOnly } : {}) });
        return fact.cpv;
      }
      case 'installing': {
        let run = runs.get(fact.cpv);
        if (!run) {
          run = { index: fact.index, total: fact.total, state: 'installing' };
          runs.set(fact.cpv, run);
        }
        setState(fact.cpv, run, 'installing');
        const { kind: _k, ...rest } = fact;
        emit({ type: 'installing', ...rest });
        return fact.cpv;
      }
      case 'completed':
      case 'merged': {
        const run = runs.get(fact.cpv);
        if (run?.state === 'done') return fact.cpv;
        const index = fact.kind === 'completed' ? fact.index : (run?.index ?? 0);
        const total = fact.kind === 'completed' ? fact.total : (run?.total ?? 0);
        if (run) setState(fact.cpv, run, 'done');
        else runs.set(fact.cpv, { index, total, state: 'done' });
        const root = fact.kind === 'completed' ? fact.root : undefined;
        emit({ type: 'completed', cpv: fact.cpv, index, total, ...(root ? { root } : {}) });
        return fact.cpv;
      }
      case 'failed':
        if (fact.hasLog) pendingFailure = { cpv: fact.cpv, stage: fact.stage };
        else emitFailed(fact.cpv, fact.stage, undefined);
        return fact.cpv;
      case 'log-path':
        return undefined;
      case 'jobs': {
        const { kind: _k, ...rest } = fact;
        emit({ type: 'jobs', ...rest });
        return undefined;
      }
      case 'phase': {
        const cpv = fact.cpv ?? context ?? activeCpv();
        phaseEvent(cpv, fact.phase, fact.done);
        return cpv;
      }
      case 'resuming':
        emit({ type: 'resuming' });
        return undefined;
      case 'elog-header':
        context = undefined;
        elog = fact.root ? { cpv: fact.cpv, root: fact.root, lines: [] } : { cpv: fact.cpv, lines: [] };
        return fact.cpv;
      case 'die':
        diePhase.set(fact.cpv, fact.phase);
        return fact.cpv;
      case 'package-header':
        context = fact.cpv;
        return fact.cpv;
      case 'dropped':
        dropped = { cpv: fact.cpv, requires: [] };
        if (!fact.reason.startsWith('it requires')) dropped.requires.push(fact.reason);
        return fact.cpv;
      case 'summary-header':
        summary = [];
        return undefined;
      case 'star':
        if (/^\S+ BLAKE2B|^\S+ MD5|;-\) \.\.\./.test(fact.text)) {
          const cpv = context ?? activeCpv();
          phaseEvent(cpv, 'fetch', false);
          return cpv;
        }
        return context ?? activeCpv();
      case 'blank':
      case 'other':
        return context ?? activeCpv();
    }
  };

  const handleLine = (raw: string, stream: StreamName) => {
    let text = raw.indexOf('\x1b') >= 0 ? stripAnsi(raw) : raw;
    if (text.indexOf('\b') >= 0) text = applyBackspaces(text);
    if (text.length === 0 && raw.length > 0) return; // only terminal control codes
    const fact = classifyBuildLine(text);

    if (pendingFailure) {
      if (fact.kind === 'log-path') {
        const f = pendingFailure;
        pendingFailure = null;
        emitFailed(f.cpv, f.stage, fact.path);
      } else if (fact.kind !== 'jobs' && fact.kind !== 'blank') {
        flushFailure();
      }
    }
    let cpv: string | undefined;
    const blockCpv = elog?.cpv ?? dropped?.cpv;
    if (continueBlocks(text, fact)) cpv = blockCpv;
    else cpv = handleFact(fact);
    // The shown text of a Jobs line loses Portage's padding (it would wrap at 80 columns); `raw` keeps it.
    const shown = fact.kind === 'jobs' ? compactJobsLine(text) : text;
    const log = newLogEvent(shown);
    log.stream = stream;
    if (cpv) log.cpv = cpv;
    if (shown !== raw) log.raw = raw;
    emit(log);
  };

  return {
    push(chunk: string, stream: StreamName = 'stdout'): BuildEvent[] {
      out = [];
      for (const line of splitters[stream].push(chunk)) handleLine(line, stream);
      return out;
    },
    pushLine(line: string, into: BuildEvent[], stream: StreamName = 'stdout'): void {
      out = into;
      const splitter = splitters[stream];
      // What push(`${line}\n`) does, without gluing and re-splitting the line: only a carriage
      // return, a VT100 next-line or a partial line before it makes more than this one line.
      if (splitter.idle() && line.indexOf('\r') < 0 && line.indexOf('\x1bE') < 0) handleLine(line, stream);
      else for (const l of splitter.push(`${line}\n`)) handleLine(l, stream);
    },
    end(): BuildEvent[] {
      out = [];
      for (const stream of ['stdout', 'stderr'] as const) for (const line of splitters[stream].end()) handleLine(line, stream);
      flushFailure();
      flushElog();
      flushDropped();
      flushSummary();
      return out;
    },
  };
}
