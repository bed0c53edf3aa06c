// Build-time estimates from past merges (the build records of this machine, and the base image's
// emerge.log where the forecast reads it), and the list scheduler that lays a run out on `--jobs N` slots.
//
// Per package, first match wins:
//   1. history  – median of the most recent successful builds of the same cat/pn
//                 (binary merges and source builds are kept apart);
//   2. category – median of the per-package medians of other packages in the same category;
//   3. size     – a crude line through the download size (BASE + KiB × SECONDS_PER_KIB);
//   4. default  – the median of every build in the history, or DEFAULT_SECONDS without history
//                 (a binary: the median of recent binary merges, or BINARY_DEFAULT_SECONDS).
// Whole run: a list scheduler with N slots. Packages start in plan order, each as soon as a slot is
// free and not before the package listed before it started. Dependencies between packages are not
// modelled (the plan order already respects them, but a dependant may in reality wait for its
// dependency to finish), so with N > 1 the total is optimistic; with N = 1 it is the plain sum.
import { splitCpv } from '../names.js';
import type { EmergeLogMerge } from '../emerge-log/emerge-log-parser.js';

const DEFAULT_SECONDS = 120;
const BINARY_DEFAULT_SECONDS = 15;
const SIZE_BASE_SECONDS = 30;
const SECONDS_PER_KIB = 0.04;
const RECENT_SAMPLES = 5;

/** Durations (seconds, oldest first) of past merges, grouped for lookups. */
export interface BuildHistory {
  kind: 'build-history';
  source: Map<string, number[]>;
  binary: Map<string, number[]>;
  all: number[];
  /** Every binary merge (for a binary package never merged before). */
  allBinary: number[];
}

/** What the estimator needs of a plan entry (a PretendPackage fits). */
export interface PlanItem {
  cpv: string;
  kind?: string;
  downloadKiB?: number | null;
}

export type EstimateSource = 'history' | 'category' | 'size' | 'default';

export interface PackageEstimate {
  cpv: string;
  seconds: number;
  source: EstimateSource;
  /** How many past builds the figure rests on. */
  samples: number;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Groups the successful merges of a parsed emerge.log by cat/pn. */
export function buildHistory(merges: readonly EmergeLogMerge[]): BuildHistory {
  const history: BuildHistory = { kind: 'build-history', source: new Map(), binary: new Map(), all: [], allBinary: [] };
  const ordered = merges.filter((m) => m.ok && m.end !== undefined && m.end >= m.start).sort((a, b) => (a.end as number) - (b.end as number));
  for (const m of ordered) {
    const cp = splitCpv(m.cpv)?.cp;
    if (!cp) continue;
    const seconds = (m.end as number) - m.start;
    const map = m.binary ? history.binary : history.source;
    const list = map.get(cp);
    if (list) list.push(seconds);
    else map.set(cp, [seconds]);
    if (!m.binary) history.all.push(seconds);
    else history.allBinary.push(seconds);
  }
  return history;
}

function categoryMedian(history: BuildHistory, category: string, exclude: string): { seconds: number; samples: number } | null {
  const medians: number[] = [];
  let samples = 0;
  for (const [cp, list] of history.source) {
    if (cp === exclude || !cp.startsWith(`${category}/`)) continue;
    medians.push(median(list.slice(-RECENT_SAMPLES)));
    samples += Math.min(list.length, RECENT_SAMPLES);
  }
  return medians.length > 0 ? { seconds: median(medians), samples } : null;
}

/** Estimates one package's build (or binary merge) time. */
export function estimatePackageSeconds(history: BuildHistory, item: PlanItem): PackageEstimate {
  const split = splitCpv(item.cpv, item.kind === 'binary');
  const cp = split?.cp ?? item.cpv;
  const binary = item.kind === 'binary';
  const own = (binary ? history.binary : history.source).get(cp);
  if (own && own.length > 0) {
    const recent = own.slice(-RECENT_SAMPLES);
    return { cpv: item.cpv, seconds: median(recent), source: 'history', samples: recent.length };
  }
  if (binary) {
    // Binary merges of other packages say how fast this machine unpacks and merges; the recent ones count.
    const recent = history.allBinary.slice(-RECENT_SAMPLES * 4);
    return recent.length > 0
      ? { cpv: item.cpv, seconds: median(recent), source: 'default', samples: recent.length }
      : { cpv: item.cpv, seconds: BINARY_DEFAULT_SECONDS, source: 'default', samples: 0 };
  }
  const category = split?.category;
  const byCategory = category ? categoryMedian(history, category, cp) : null;
  if (byCategory) return { cpv: item.cpv, seconds: byCategory.seconds, source: 'category', samples: byCategory.samples };
  if (item.downloadKiB && item.downloadKiB > 0) {
    return { cpv: item.cpv, seconds: Math.round(SIZE_BASE_SECONDS + item.downloadKiB * SECONDS_PER_KIB), source: 'size', samples: 0 };
  }
  if (history.all.length > 0) return { cpv: item.cpv, seconds: median(history.all), source: 'default', samples: history.all.length };
  return { cpv: item.cpv, seconds: DEFAULT_SECONDS, source: 'default', samples: 0 };
}

/**
 * Start and end of each duration when run in list order on `jobs` slots (see the model at the top of
 * this file). `busy` gives slots already taken from time 0 for that many seconds (packages running now).
 */
export function scheduleDurations(seconds: readonly number[], jobs: number, busy: readonly number[] = []): { start: number; end: number }[] {
  const slots = Math.max(1, Math.floor(Number.isFinite(jobs) ? jobs : 1));
  const free: number[] = new Array<number>(slots).fill(0);
  // Running packages hold the slots that free first-come: the longest keeps its slot the longest.
  [...busy].sort((a, b) => b - a).slice(0, slots).forEach((b, i) => (free[i] = Math.max(0, b)));
  const out: { start: number; end: number }[] = [];
  let lastStart = 0;
  for (const s of seconds) {
    let slot = 0;
    for (let i = 1; i < slots; i++) if ((free[i] as number) < (free[slot] as number)) slot = i;
    const start = Math.max(free[slot] as number, lastStart);
    const end = start + s;
    free[slot] = end;
    lastStart = start;
    out.push({ start, end });
  }
  return out;
}

/** True for merge-list entries that take time (blockers, uninstalls and nomerge lines take none). */
export function takesTime(item: PlanItem): boolean {
  return item.kind !== 'blocks' && item.kind !== 'nomerge' && item.kind !== 'uninstall';
}

/** Seconds left for a package that has been building for `elapsed` seconds (never below zero). */
export function remainingSeconds(estimate: PackageEstimate, elapsed: number): number {
  return Math.max(0, estimate.seconds - elapsed);
}
