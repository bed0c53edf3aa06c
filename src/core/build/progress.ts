// What a build looks like right now, folded from its event stream. One reducer serves the live pane,
// the --plain summary and the build record, so all three agree.
import { BUILD_PHASES, type BuildEvent, type BuildPhase } from '../events.js';
import type { DistccHelperStatus } from '../distcc/distcc-status.js';
import { fallbackNoteOf } from '../forecast/binary-fallback-text.js';

export type PackageState = 'running' | 'installing' | 'done' | 'failed' | 'dropped';

export interface PackageProgress {
  cpv: string;
  /** Position in Portage's merge list (i of n). */
  index: number;
  binary: boolean;
  state: PackageState;
  phase: BuildPhase | null;
  startedAt: number | null;
  endedAt: number | null;
  logPath: string | null;
  failedPhase: string | null;
}

export interface StepProgress {
  id: string;
  title: string;
  state: 'running' | 'ok' | 'failed';
  startedAt: number | null;
  seconds: number | null;
}

export interface BuildProgress {
  /** Packages in the order Portage started them. */
  packages: PackageProgress[];
  /** Size of Portage's merge list, once known. */
  total: number | null;
  /** Portage's own Jobs line facts. */
  jobs: { complete: number; running: number; failed: number; mergeWait: number; load: [number, number, number] | null } | null;
  steps: StepProgress[];
  image: { id: string; tags: string[] } | null;
  result: { ok: boolean; failed: string[] } | null;
  errors: string[];
  lost: string | null;
  startedAt: number | null;
  lastEventAt: number | null;
  /** The build's distccd helpers as the last `distcc` event told them (recipe.distcc); absent without. */
  distcc?: { helpers: DistccHelperStatus[]; makeopts: string };
  /** Binaries that failed their checksum and were compiled instead (onMissing `compile`). */
  fallbacks?: { cp: string; hosts: string[]; reason?: 'checksum' | 'signature' }[];
}

export const EMPTY_PROGRESS: BuildProgress = {
  packages: [],
  total: null,
  jobs: null,
  steps: [],
  image: null,
  result: null,
  errors: [],
  lost: null,
  startedAt: null,
  lastEventAt: null,
};

function updatePackage(progress: BuildProgress, cpv: string, change: (p: PackageProgress) => PackageProgress, create?: () => PackageProgress): BuildProgress {
  const i = progress.packages.findIndex((p) => p.cpv === cpv);
  if (i === -1) {
    if (!create) return progress;
    return { ...progress, packages: [...progress.packages, change(create())] };
  }
  const packages = progress.packages.slice();
  packages[i] = change(packages[i]!);
  return { ...progress, packages };
}

function blank(cpv: string, index: number): PackageProgress {
  return { cpv, index, binary: false, state: 'running', phase: null, startedAt: null, endedAt: null, logPath: null, failedPhase: null };
}

/** Fold one event into the progress; events without a time use `now`. */
export function reduceProgress(progress: BuildProgress, event: BuildEvent, now = Date.now()): BuildProgress {
  const t = event.t ?? now;
  const p: BuildProgress = { ...progress, lastEventAt: t, startedAt: progress.startedAt ?? t };
  switch (event.type) {
    case 'started':
      return updatePackage(
        { ...p, total: event.total },
        event.cpv,
        (pkg) => ({ ...pkg, index: event.index, binary: event.binary, state: 'running', startedAt: t, endedAt: null, phase: event.binary ? 'merge' : 'fetch' }),
        () => blank(event.cpv, event.index),
      );
    case 'installing':
      return updatePackage(p, event.cpv, (pkg) => ({ ...pkg, state: 'installing', phase: 'merge' }), () => ({ ...blank(event.cpv, event.index), startedAt: t }));
    case 'completed':
      return updatePackage(p, event.cpv, (pkg) => ({ ...pkg, state: 'done', endedAt: t, phase: null }), () => ({ ...blank(event.cpv, event.index), state: 'done', startedAt: t, endedAt: t }));
    case 'phase': {
      if (!event.cpv) return p;
      // A finished phase means the next one runs (`>>> Completed installing` → merge).
      const phase = event.done ? (BUILD_PHASES[BUILD_PHASES.indexOf(event.phase) + 1] ?? event.phase) : event.phase;
      return updatePackage(p, event.cpv, (pkg) => (pkg.state === 'running' ? { ...pkg, phase } : pkg));
    }
    case 'failed':
      return updatePackage(
        p,
        event.cpv,
        (pkg) => ({ ...pkg, state: 'failed', endedAt: t, logPath: event.logPath ?? pkg.logPath, failedPhase: event.phase ?? pkg.failedPhase ?? pkg.phase }),
        () => ({ ...blank(event.cpv, 0), startedAt: t }),
      );
    case 'failure-summary':
      return event.packages.reduce(
        (acc, entry) => updatePackage(acc, entry.cpv, (pkg) => ({ ...pkg, state: 'failed', logPath: entry.logPath ?? pkg.logPath, endedAt: pkg.endedAt ?? t }), () => ({ ...blank(entry.cpv, 0), state: 'failed', logPath: entry.logPath ?? null, endedAt: t })),
        p,
      );
    case 'dropped':
      return updatePackage(p, event.cpv, (pkg) => ({ ...pkg, state: 'dropped', endedAt: t }), () => ({ ...blank(event.cpv, 0), state: 'dropped', endedAt: t }));
    case 'jobs':
      return { ...p, total: event.total || p.total, jobs: { complete: event.complete, running: event.running, failed: event.failed, mergeWait: event.mergeWait, load: event.load } };
    case 'step-started':
      return { ...p, steps: [...p.steps.filter((s) => s.id !== event.step), { id: event.step, title: event.title, state: 'running', startedAt: t, seconds: null }] };
    case 'step-finished':
      return { ...p, steps: p.steps.map((s) => (s.id === event.step ? { ...s, state: event.ok ? 'ok' : 'failed', seconds: event.seconds } : s)) };
    case 'image':
      return { ...p, image: { id: event.id, tags: event.tags } };
    case 'result':
      return { ...p, result: { ok: event.ok, failed: event.failed } };
    case 'error':
      return { ...p, errors: [...p.errors, event.message] };
    case 'lost':
      return { ...p, lost: event.message };
    case 'distcc':
      return { ...p, distcc: { helpers: event.helpers, makeopts: event.makeopts } };
    case 'binary-fallback':
      return { ...p, fallbacks: [...(p.fallbacks ?? []), { cp: event.cp, hosts: event.hosts, ...(event.reason ? { reason: event.reason } : {}) }] };
    default:
      return p;
  }
}

/**
 * What a package is doing, as the live pane shows it. `merge-wait`: it finished its build (its
 * build.log says `>>> Completed installing`) and waits for Portage's merge lock — not running, not
 * overdue. `merging`: `>>> Installing (i of n)` was printed.
 */
export type PackageActivity = 'running' | 'merge-wait' | 'merging' | 'done' | 'failed' | 'dropped';

export interface PackageView {
  pkg: PackageProgress;
  activity: PackageActivity;
  /** The best known phase: the package's own build.log first, then the stream's. */
  phase: BuildPhase | null;
}

/**
 * Every package with what it is doing now. `logPhases` are phases read from the packages' own
 * build.logs (cpv → phase; `merge` there means built). Portage's Jobs line names no package, so
 * packages whose log was not read yet are split by its counts: with R running, the R most recently
 * started of them are running (minus those the logs already place), the older ones wait to merge.
 * A built package takes a running slot still left over (its job ends after QA checks and stripping);
 * only then does it wait to merge, so the running count agrees with Portage's.
 */
export function packageViews(progress: BuildProgress, logPhases: ReadonlyMap<string, BuildPhase> = new Map()): PackageView[] {
  const views: PackageView[] = progress.packages.map((pkg) => {
    const phase = pkg.state === 'running' ? (logPhases.get(pkg.cpv) ?? pkg.phase) : pkg.phase;
    const activity: PackageActivity = pkg.state === 'installing' ? 'merging' : pkg.state === 'running' ? 'running' : pkg.state;
    return { pkg, activity, phase };
  });
  const jobs = progress.jobs;
  // Without a Jobs line (a serial build printing its phases) nothing waits for a lock.
  if (!jobs) return views;
  const unknown: PackageView[] = [];
  const installed: PackageView[] = [];
  let placedRunning = 0;
  for (const v of views) {
    if (v.activity !== 'running') continue;
    const fromLog = logPhases.get(v.pkg.cpv);
    if (fromLog === 'merge') installed.push(v);
    else if (fromLog) placedRunning++;
    else unknown.push(v);
  }
  let slots = Math.max(0, jobs.running - placedRunning);
  // Newest first: the package started last is the one most likely still building.
  const newestFirst = (a: PackageView, b: PackageView) => (b.pkg.startedAt ?? 0) - (a.pkg.startedAt ?? 0) || b.pkg.index - a.pkg.index;
  unknown.sort(newestFirst);
  for (const v of unknown) {
    if (slots > 0) slots--;
    else v.activity = 'merge-wait';
  }
  // `>>> Completed installing` comes before Portage's QA checks and stripping: its job still runs
  // (and counts as running in the Jobs line) until those end. Running slots the Jobs line has left
  // go to such packages, newest first, still installing; the others wait for the merge.
  installed.sort(newestFirst);
  for (const v of installed) {
    if (slots > 0) {
      slots--;
      v.phase = 'install';
    } else v.activity = 'merge-wait';
  }
  return views;
}

export interface PackageCounts {
  /** Building or merging now. */
  running: number;
  /** Built, waiting for the merge lock. */
  mergeWait: number;
  done: number;
  failed: number;
  dropped: number;
  /** Not started yet (null until Portage said how many there are). */
  queued: number | null;
  /** Size of the merge list, once known. */
  total: number | null;
}

/** Counts for the pane header (`logPhases` as for packageViews). */
export function packageCounts(progress: BuildProgress, logPhases: ReadonlyMap<string, BuildPhase> = new Map()): PackageCounts {
  const counts: PackageCounts = { running: 0, mergeWait: 0, done: 0, failed: 0, dropped: 0, queued: null, total: progress.total };
  for (const v of packageViews(progress, logPhases)) {
    if (v.activity === 'running' || v.activity === 'merging') counts.running++;
    else if (v.activity === 'merge-wait') counts.mergeWait++;
    else counts[v.activity]++;
  }
  const started = counts.running + counts.mergeWait + counts.done + counts.failed + counts.dropped;
  counts.queued = progress.total === null ? null : Math.max(0, progress.total - started);
  return counts;
}

/** Seconds each finished package took (for the build record and later ETAs). */
export function packageDurations(progress: BuildProgress): { cpv: string; seconds: number; binary: boolean; ok: boolean; note?: string }[] {
  return progress.packages
    .filter((p) => p.startedAt !== null && p.endedAt !== null && (p.state === 'done' || p.state === 'failed'))
    .map((p) => {
      const note = fallbackNoteOf(p.cpv, p.binary, progress.fallbacks ?? []);
      return { cpv: p.cpv, seconds: (p.endedAt! - p.startedAt!) / 1000, binary: p.binary, ok: p.state === 'done', ...(note ? { note } : {}) };
    });
}
