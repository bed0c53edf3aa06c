// The rows of the live pane, computed: "all output" first, then the packages building now (so the
// one compiling is always on screen), the ones merging, the ones built and waiting for the merge
// lock, then the failed ones; each with elapsed time and, while it builds, an ETA from past builds.
// Pure: `now`, the history and the phases read from build logs come in.
import { packageViews, type BuildProgress, type PackageActivity, type PackageView } from '../../../core/build/progress.js';
import type { BuildPhase } from '../../../core/events.js';
import { estimatePackageSeconds, type BuildHistory, type PackageEstimate } from '../../../core/portage/eta/eta.js';

export const ALL_OUTPUT = 'all';

export type PackageRow =
  | { kind: 'all'; key: typeof ALL_OUTPUT }
  | {
      kind: 'package';
      key: string;
      cpv: string;
      state: PackageActivity;
      phase: BuildPhase | null;
      binary: boolean;
      /** Seconds since it started (to its end once it ended). */
      elapsed: number | null;
      estimate: PackageEstimate;
      /** How far along by the estimate (0-0.99 while it builds), null otherwise. */
      fraction: number | null;
      /** Seconds left by the estimate while it builds; negative when it runs longer than estimated. */
      left: number | null;
    };

export type PackageRowOf = Extract<PackageRow, { kind: 'package' }>;

/** Row order: what moves first, what waits after, what ended last. */
const ORDER: Record<PackageActivity, number> = { running: 0, merging: 1, 'merge-wait': 2, failed: 3, done: 4, dropped: 5 };

function row(v: PackageView, history: BuildHistory, now: number): PackageRowOf {
  const p = v.pkg;
  const estimate = estimatePackageSeconds(history, { cpv: p.cpv, kind: p.binary ? 'binary' : 'ebuild' });
  const active = v.activity === 'running' || v.activity === 'merging' || v.activity === 'merge-wait';
  const end = active ? now : (p.endedAt ?? now);
  const elapsed = p.startedAt === null ? null : Math.max(0, (end - p.startedAt) / 1000);
  // Only a package that builds has an ETA: one that waited for the merge lock (or merges after
  // waiting) is neither late nor early.
  const building = v.activity === 'running';
  const fraction = building && elapsed !== null ? Math.min(0.99, elapsed / Math.max(1, estimate.seconds)) : null;
  const left = building && elapsed !== null ? estimate.seconds - elapsed : null;
  return { kind: 'package', key: p.cpv, cpv: p.cpv, state: v.activity, phase: v.phase, binary: p.binary, elapsed, estimate, fraction, left };
}

/** Rows for the pane; `keep` (the focused package) stays listed after it ends; `phases` read from build logs. */
export function packageRows(progress: BuildProgress, history: BuildHistory, now: number, keep: string | null = null, phases: ReadonlyMap<string, BuildPhase> = new Map()): PackageRow[] {
  const views = packageViews(progress, phases);
  const listed = views
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.activity !== 'done' && v.activity !== 'dropped')
    // Stable within a group: the order Portage started them.
    .sort((a, b) => ORDER[a.v.activity] - ORDER[b.v.activity] || a.i - b.i)
    .map(({ v }) => v);
  const rows: PackageRow[] = [{ kind: 'all', key: ALL_OUTPUT }, ...listed.map((v) => row(v, history, now))];
  if (keep && keep !== ALL_OUTPUT && !rows.some((r) => r.key === keep)) {
    const kept = views.find((v) => v.pkg.cpv === keep);
    if (kept) rows.push(row(kept, history, now));
  }
  return rows;
}

export interface RowWindow {
  /** Index of the first row drawn. */
  top: number;
  /** How many rows are drawn. */
  shown: number;
  /** Rows below the window, told on the window's last line ("N more") instead of a row. */
  more: number;
}

/** Which rows fit `height` lines with `selected` on screen; the last line says how many more there are. */
export function rowWindow(count: number, selected: number, height: number): RowWindow {
  if (height <= 0) return { top: 0, shown: 0, more: 0 };
  if (count <= height) return { top: 0, shown: count, more: 0 };
  // The window reaches the end: every line is a row.
  if (selected >= count - height) return { top: count - height, shown: height, more: 0 };
  const slots = Math.max(1, height - 1);
  const top = Math.max(0, selected - slots + 1);
  return { top, shown: slots, more: count - top - slots };
}

/** The build's own elapsed seconds: to now while it runs, to its last event once it ended. */
export function buildElapsed(progress: BuildProgress, running: boolean, now: number): number | null {
  if (progress.startedAt === null) return null;
  const end = running ? now : (progress.lastEventAt ?? now);
  return Math.max(0, (end - progress.startedAt) / 1000);
}
