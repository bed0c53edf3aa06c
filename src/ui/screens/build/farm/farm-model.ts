// A farm run as its view holds it, folded from the farm's progress events and each build's events:
// per recipe its engine, what it waits for, its build's progress (the live pane's own reducer) and,
// once it ended, the farm's result for it; then the summary. Pure: times come in.
import { EMPTY_PROGRESS, reduceProgress, type BuildProgress } from '../../../../core/build/progress.js';
import type { BuildEvent } from '../../../../core/events.js';
import type { FarmBinhost, FarmRecipeResult, FarmSummary } from '../../../../core/farm/farm-summary.js';
import type { FarmProgress } from '../../../session/farm-services.js';

export interface FarmRow {
  name: string;
  file: string;
  base: string;
  mode: string;
  /** The engine the scheduler chose; null until it has. */
  engine: string | null;
  /** Recipes (indexes) it waits for. */
  after: number[];
  /** Packages it waits for (built by those, installed here as binaries). */
  waitsFor: string[];
  buildId: string | null;
  logDir: string | null;
  progress: BuildProgress;
  startedAt: number | null;
  /** The farm's result for it once its turn ended. */
  result: FarmRecipeResult | null;
}

export interface FarmState {
  /** scheduling: reading recipes and engines; ended: the summary is there; failed: the farm could not run. */
  phase: 'scheduling' | 'running' | 'ended' | 'failed';
  /** Cancel was asked; builds are being stopped. */
  cancelling: boolean;
  engines: string[];
  rows: FarmRow[];
  binhost: FarmBinhost | null;
  /** The farm's last own line (what it does between builds). */
  note: string | null;
  summary: FarmSummary | null;
  error: string | null;
  startedAt: number;
  endedAt: number | null;
}

/** A farm of these recipes on these engines, just asked for. */
export function newFarm(recipes: ReadonlyArray<{ name: string; file: string; base: string; mode: string }>, engines: readonly string[], now: number): FarmState {
  return {
    phase: 'scheduling', cancelling: false, engines: [...engines], binhost: null, note: null, summary: null, error: null, startedAt: now, endedAt: null,
    rows: recipes.map((r) => ({ name: r.name, file: r.file, base: r.base, mode: r.mode, engine: null, after: [], waitsFor: [], buildId: null, logDir: null, progress: EMPTY_PROGRESS, startedAt: null, result: null })),
  };
}

function withRow(state: FarmState, index: number, change: (row: FarmRow) => FarmRow): FarmState {
  const row = state.rows[index];
  if (!row) return state;
  const rows = state.rows.slice();
  rows[index] = change(row);
  return { ...state, rows };
}

/** Fold one of the farm's own events. */
export function applyFarmProgress(state: FarmState, event: FarmProgress, now: number): FarmState {
  switch (event.type) {
    case 'scheduled': {
      let next: FarmState = { ...state, phase: 'running' };
      for (const slot of event.slots) next = withRow(next, slot.recipe, (r) => ({ ...r, engine: slot.engine, after: slot.after, waitsFor: slot.waitsFor }));
      return next;
    }
    case 'binhost':
      return { ...state, binhost: event.binhost };
    case 'started':
      return withRow(state, event.recipe, (r) => ({ ...r, engine: event.engine, buildId: event.buildId, logDir: event.logDir, startedAt: now }));
    case 'ended':
      return withRow(state, event.recipe, (r) => ({ ...r, result: event.result }));
  }
}

/** Fold a batch of one build's events (log lines are kept elsewhere). */
export function applyBuildEvents(state: FarmState, index: number, events: readonly BuildEvent[], now: number): FarmState {
  return withRow(state, index, (r) => {
    let progress = r.progress;
    for (const e of events) if (e.type !== 'log') progress = reduceProgress(progress, e, now);
    return progress === r.progress ? r : { ...r, progress };
  });
}

/** The farm ended: its summary is the last word on every recipe. */
export function farmEnded(state: FarmState, summary: FarmSummary, now: number): FarmState {
  const rows = state.rows.map((r, i) => {
    const result = summary.recipes[i] ?? r.result;
    return { ...r, result, engine: result?.engine || r.engine };
  });
  return { ...state, phase: 'ended', cancelling: false, rows, summary, binhost: summary.binhost ?? state.binhost, endedAt: now };
}

/** The farm could not run (an engine did not answer, no engine fits a recipe …). */
export function farmFailed(state: FarmState, message: string, now: number): FarmState {
  return { ...state, phase: 'failed', cancelling: false, error: message, endedAt: now };
}

const STATUS_WORDS: Record<FarmRecipeResult['status'], string> = { succeeded: 'done', failed: 'failed', cancelled: 'cancelled', lost: 'lost', 'not started': 'not started' };

/** What a row's STATE column says. */
export function rowState(state: FarmState, index: number): string {
  const row = state.rows[index]!;
  if (row.result) return STATUS_WORDS[row.result.status];
  if (state.phase === 'failed') return 'not started';
  if (state.cancelling) return row.buildId ? 'cancelling' : 'not started';
  if (row.buildId) return 'running';
  const waiting = row.after.filter((i) => !state.rows[i]?.result).map((i) => state.rows[i]!.name);
  if (waiting.length > 0) return `waiting for ${waiting.join(', ')}`;
  return 'queued';
}

export interface RowFacts {
  state: string;
  /** The package building now (the newest of them, "+N" for the others), else the one that failed. */
  current: string;
  /** Packages done of Portage's merge list: `3/7`, `-` before the list is known. */
  count: string;
  compiled: number;
  binaries: number;
  /** Seconds the build has run (its whole time once ended); null before it started. */
  elapsed: number | null;
}

/** Every column of one row. */
export function rowFacts(state: FarmState, index: number, now: number): RowFacts {
  const row = state.rows[index]!;
  const { progress, result } = row;
  const building = progress.packages.filter((p) => p.state === 'running' || p.state === 'installing');
  const failed = progress.packages.find((p) => p.state === 'failed');
  const newest = building.at(-1);
  // An ended build builds nothing any more (a cancel leaves its last packages "running" in the stream).
  const current = newest && result === null ? `${newest.cpv}${building.length > 1 ? ` +${building.length - 1}` : ''}` : failed ? failed.cpv : '';
  const done = progress.packages.filter((p) => p.state === 'done');
  const count = progress.total === null ? (done.length > 0 ? `${done.length}/?` : '-') : `${done.length}/${progress.total}`;
  // Once ended, the counts are the build record's (what the summary says); before, the live ones.
  const ended = result !== null && result.buildId !== null;
  const compiled = ended ? result.actual.compiles : done.filter((p) => !p.binary).length;
  const binaries = ended ? result.actual.binaries : done.filter((p) => p.binary).length;
  const elapsed = ended ? result.seconds : row.startedAt === null ? null : Math.max(0, (now - row.startedAt) / 1000);
  return { state: rowState(state, index), current, count, compiled, binaries, elapsed };
}

/** The farm's own time: from the ask to its end (or now). */
export function farmElapsed(state: FarmState, now: number): number {
  return Math.max(0, ((state.endedAt ?? now) - state.startedAt) / 1000);
}

/** The footer line about the shared binhost. */
export function binhostLine(state: FarmState, arrow = '→'): string {
  const b = state.binhost;
  if (b === null) {
    if (state.phase === 'scheduling') return 'shared binhost: chosen once the recipes are read';
    if (state.phase === 'failed') return 'shared binhost: none (the farm did not run)';
    if (state.phase === 'ended') return 'shared binhost: none (no recipe keeps a binary package cache)';
    return 'shared binhost: starting';
  }
  const urls = Object.entries(b.urls).filter(([, u]) => u !== '')
    .map(([e, u]) => `${e} ${arrow} ${u}`).join(', ');
  const served = state.phase === 'ended' ? (b.startedByFarm ? ', stopped again' : ', left serving') : b.startedByFarm ? '' : ', served before the farm';
  return `shared binhost ${b.name} on ${b.engine}${urls ? ` (${urls})` : ''}${served}`;
}
