// /var/log/emerge.log: `EPOCH: message` records. Concurrent emerges interleave their records and
// killed runs leave no closing records, so merges are paired with completions by cpv (and (i of n)
// when it matches), never by position. Old forms (2007 syncs, one-space separators) are accepted.

export interface EmergeLogMerge {
  cpv: string;
  /** Epoch seconds of `>>> emerge (i of n) cpv to ROOT`. */
  start: number;
  /** Epoch seconds of `::: completed emerge …`; absent when the merge never completed. */
  end?: number;
  ok: boolean;
  duration?: number;
  index: number;
  total: number;
  root: string;
  /** A `Merging Binary` record was seen for this merge. */
  binary: boolean;
  /** Index into `sessions`, or null when the log starts mid-run. */
  session: number | null;
}

export interface EmergeLogSession {
  start: number;
  end?: number;
  /** The `*** emerge …` arguments, as logged (normalised options). */
  args?: string;
  status?: 'success' | 'failure';
  exitCode?: number;
  resumed: boolean;
}

export interface EmergeLogUnmerge {
  cpv: string;
  start: number;
  end?: number;
  ok: boolean;
}

export interface EmergeLogSync {
  start: number;
  end?: number;
  repo?: string;
  uri?: string;
  ok: boolean;
}

export interface EmergeLog {
  sessions: EmergeLogSession[];
  merges: EmergeLogMerge[];
  unmerges: EmergeLogUnmerge[];
  syncs: EmergeLogSync[];
  /** Records (and non-record lines) that were not understood. */
  unknown: { line: number; text: string }[];
}

function parseCounter(msg: string, open: number): { index: number; total: number; after: number } | null {
  const of = msg.indexOf(' of ', open);
  const close = msg.indexOf(')', open);
  if (of < 0 || close < of) return null;
  const index = Number(msg.slice(open + 1, of));
  const total = Number(msg.slice(of + 4, close));
  return Number.isInteger(index) && Number.isInteger(total) ? { index, total, after: close + 1 } : null;
}

/** `cpv to ROOT` after a counter; root defaults to `/`. */
function cpvAndRoot(rest: string): { cpv: string; root: string } | null {
  const t = rest.trim();
  const to = t.lastIndexOf(' to ');
  const cpv = to >= 0 ? t.slice(0, to) : t;
  if (!cpv.includes('/') || cpv.includes(' ')) return null;
  return { cpv, root: to >= 0 ? t.slice(to + 4) : '/' };
}

class LogState {
  readonly log: EmergeLog = { sessions: [], merges: [], unmerges: [], syncs: [], unknown: [] };
  private readonly openMerges = new Map<string, EmergeLogMerge[]>();
  private readonly openSessions: number[] = [];
  private readonly sessionTotals = new Map<number, number>();
  private openUnmerges = new Map<string, EmergeLogUnmerge>();
  private openSyncs: EmergeLogSync[] = [];

  startSession(ts: number): number {
    this.log.sessions.push({ start: ts, resumed: false });
    const i = this.log.sessions.length - 1;
    this.openSessions.push(i);
    return i;
  }

  latestOpenSession(): number | null {
    return this.openSessions.length > 0 ? (this.openSessions[this.openSessions.length - 1] ?? null) : null;
  }

  sessionArgs(ts: number, args: string): void {
    const latest = this.latestOpenSession();
    const s = latest === null ? undefined : this.log.sessions[latest];
    if (s && s.args === undefined && ts - s.start <= 5) s.args = args;
    else (this.log.sessions[this.startSession(ts)] as EmergeLogSession).args = args;
  }

  sessionStatus(status: 'success' | 'failure', code: number | undefined): void {
    for (let k = this.openSessions.length - 1; k >= 0; k--) {
      const s = this.log.sessions[this.openSessions[k] ?? -1];
      if (s && s.status === undefined) {
        s.status = status;
        if (code !== undefined) s.exitCode = code;
        return;
      }
    }
  }

  /** `*** terminating.` closes the most recent open session (preferring one that reported a status). */
  endSession(ts: number): void {
    if (this.openSessions.length === 0) return;
    let k = this.openSessions.length - 1;
    for (let j = this.openSessions.length - 1; j >= 0; j--) {
      if (this.log.sessions[this.openSessions[j] ?? -1]?.status !== undefined) {
        k = j;
        break;
      }
    }
    const s = this.log.sessions[this.openSessions[k] ?? -1];
    if (s) s.end = ts;
    this.openSessions.splice(k, 1);
  }

  resumed(): void {
    const i = this.latestOpenSession();
    if (i !== null) (this.log.sessions[i] as EmergeLogSession).resumed = true;
  }

  private sessionForMerge(total: number): number | null {
    for (let k = this.openSessions.length - 1; k >= 0; k--) {
      const i = this.openSessions[k] ?? -1;
      const known = this.sessionTotals.get(i);
      if (known === total) return i;
      if (known === undefined) {
        this.sessionTotals.set(i, total);
        return i;
      }
    }
    return this.latestOpenSession();
  }

  mergeStart(ts: number, index: number, total: number, cpv: string, root: string): void {
    const merge: EmergeLogMerge = { cpv, start: ts, ok: false, index, total, root, binary: false, session: this.sessionForMerge(total) };
    this.log.merges.push(merge);
    const list = this.openMerges.get(cpv);
    if (list) list.push(merge);
    else this.openMerges.set(cpv, [merge]);
  }

  private findOpen(cpv: string, index: number, total: number): EmergeLogMerge | undefined {
    const list = this.openMerges.get(cpv);
    if (!list || list.length === 0) return undefined;
    for (let k = list.length - 1; k >= 0; k--) {
      const m = list[k] as EmergeLogMerge;
      if (m.index === index && m.total === total) return m;
    }
    return list[list.length - 1];
  }

  mergeEnd(ts: number, index: number, total: number, cpv: string): boolean {
    const m = this.findOpen(cpv, index, total);
    if (!m) return false;
    m.end = ts;
    m.ok = true;
    m.duration = ts - m.start;
    const list = this.openMerges.get(cpv) as EmergeLogMerge[];
    list.splice(list.indexOf(m), 1);
    return true;
  }

  markBinary(cpv: string, index: number, total: number): void {
    const m = this.findOpen(cpv, index, total);
    if (m) m.binary = true;
  }

  unmergeStart(ts: number, cpv: string): void {
    const u: EmergeLogUnmerge = { cpv, start: ts, ok: false };
    this.log.unmerges.push(u);
    this.openUnmerges.set(cpv, u);
  }

  unmergeEnd(ts: number, cpv: string, ok: boolean): boolean {
    const u = this.openUnmerges.get(cpv);
    if (!u) return false;
    u.end = ts;
    u.ok = ok;
    this.openUnmerges.delete(cpv);
    return true;
  }

  syncStart(ts: number): EmergeLogSync {
    const s: EmergeLogSync = { start: ts, ok: false };
    this.log.syncs.push(s);
    this.openSyncs.push(s);
    return s;
  }

  currentSync(ts: number, repo?: string): EmergeLogSync {
    for (let k = this.openSyncs.length - 1; k >= 0; k--) {
      const s = this.openSyncs[k] as EmergeLogSync;
      if (repo === undefined || s.repo === undefined || s.repo === repo) return s;
    }
    return this.syncStart(ts);
  }

  syncDone(ts: number, repo?: string): void {
    const s = this.currentSync(ts, repo);
    s.end = ts;
    s.ok = true;
    if (repo !== undefined) s.repo = repo;
    this.openSyncs.splice(this.openSyncs.indexOf(s), 1);
  }
}

const REPO_QUOTED_RE = /^>>> Syncing repository '([^']+)' into '([^']+)'/;

/** Handles one record's message; false when it was not understood. */
function handleMessage(state: LogState, ts: number, raw: string): boolean {
  const msg = raw.startsWith(' ') ? raw.slice(1) : raw;
  if (msg.startsWith('>>> emerge (')) {
    const c = parseCounter(msg, 11);
    const target = c ? cpvAndRoot(msg.slice(c.after)) : null;
    if (!c || !target) return false;
    state.mergeStart(ts, c.index, c.total, target.cpv, target.root);
    return true;
  }
  if (msg.startsWith('::: completed emerge (')) {
    const c = parseCounter(msg, 21);
    const target = c ? cpvAndRoot(msg.slice(c.after)) : null;
    if (!c || !target) return false;
    state.mergeEnd(ts, c.index, c.total, target.cpv);
    return true;
  }
  if (msg.startsWith('=== (') || msg.startsWith('--- (')) {
    const c = parseCounter(msg, 4);
    if (!c) return false;
    if (msg.startsWith(' Merging Binary (', c.after)) {
      const open = c.after + 17;
      const close = msg.indexOf('::', open);
      state.markBinary(msg.slice(open, close < 0 ? msg.length - 1 : close), c.index, c.total);
    }
    return true;
  }
  if (msg.startsWith('=== Unmerging... (') && msg.endsWith(')')) {
    state.unmergeStart(ts, msg.slice(18, -1));
    return true;
  }
  if (msg.startsWith('>>> unmerge success: ') || msg.startsWith('!!! unmerge FAILURE: ')) {
    state.unmergeEnd(ts, msg.slice(21).trim(), msg.startsWith('>'));
    return true;
  }
  if (msg.startsWith('Started emerge on:')) {
    state.startSession(ts);
    return true;
  }
  if (msg.startsWith('*** emerge')) {
    state.sessionArgs(ts, msg.slice(10).trim());
    return true;
  }
  if (msg.startsWith('*** exiting successfully')) {
    state.sessionStatus('success', 0);
    return true;
  }
  if (msg.startsWith('*** exiting unsuccessfully')) {
    const code = /status '(\d+)'/.exec(msg);
    state.sessionStatus('failure', code ? Number(code[1]) : undefined);
    return true;
  }
  if (msg.startsWith('*** terminating')) {
    state.endSession(ts);
    return true;
  }
  if (msg.startsWith('*** Resuming merge')) {
    state.resumed();
    return true;
  }
  if (msg.startsWith('*** Finished') || msg.startsWith('>>> AUTOCLEAN') || msg.startsWith('--- AUTOCLEAN') || msg.startsWith('>>> depclean') || msg.startsWith('=== regen')) return true;
  if (msg === '=== sync') {
    state.syncStart(ts);
    return true;
  }
  const repo = REPO_QUOTED_RE.exec(msg);
  if (repo) {
    const s = state.currentSync(ts);
    if (s.repo !== undefined && s.repo !== repo[1]) state.syncStart(ts).repo = repo[1];
    else s.repo = repo[1];
    return true;
  }
  if (/^>>> [Ss]tarting rsync with /.test(msg)) {
    state.currentSync(ts).uri = msg.slice(24).trim();
    return true;
  }
  if (msg.startsWith('=== Sync completed for ')) {
    state.syncDone(ts, msg.slice(23).trim());
    return true;
  }
  if (msg.startsWith('=== Sync completed')) {
    state.syncDone(ts);
    return true;
  }
  if (msg.startsWith('>>> Starting retry') || msg.startsWith('>>> Cancelling sync') || msg.startsWith('>>> Server out of date') || msg.startsWith('!!! ') || msg.startsWith('>>> Starting git') || msg.startsWith('>>> Syncing')) return true;
  return false;
}

/** Parses emerge.log text; never throws, keeps what it does not understand in `unknown`. */
export function parseEmergeLog(text: string): EmergeLog {
  const state = new LogState();
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    lineNo++;
    const line = text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
    start = nl + 1;
    if (line.length === 0) continue;
    let i = 0;
    while (i < line.length && i < 12) {
      const c = line.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    if (i === 0 || line.charCodeAt(i) !== 58) {
      state.log.unknown.push({ line: lineNo, text: line });
      continue;
    }
    const ts = Number(line.slice(0, i));
    const msg = line.charCodeAt(i + 1) === 32 ? line.slice(i + 2) : line.slice(i + 1);
    if (!handleMessage(state, ts, msg)) state.log.unknown.push({ line: lineNo, text: line });
  }
  return state.log;
}
