// The rows of the live pane, computed: "all output" first, then every running package (in the
// order Portage started them), then the failed ones, each with elapsed time and an ETA from past
// builds. Pure: `now` and the history come in.
import type { BuildProgress, PackageProgress, PackageState } from '../../../core/build/progress.js';
import type { BuildPhase } from '../../../core/events.js';
import { estimatePackageSeconds, type BuildHistory, type PackageEstimate } from '../../../core/portage/eta/eta.js';

export const ALL_OUTPUT = 'all';

export type PackageRow =
  | { kind: 'all'; key: typeof ALL_OUTPUT }
  | {
      kind: 'package';
      key: string;
      cpv: string;
      state: PackageState;
      phase: BuildPhase | null;
      binary: boolean;
      /** Seconds since it started (to its end once it ended). */
      elapsed: number | null;
      estimate: PackageEstimate;
      /** How far along by the estimate (0-0.99 while running), null once ended. */
      fraction: number | null;
      /** Seconds left by the estimate; negative when it runs longer than estimated. */
      left: number | null;
    };

export type PackageRowOf = Extract<PackageRow, { kind: 'package' }>;

function row(p: PackageProgress, history: BuildHistory, now: number, phases: ReadonlyMap<string, BuildPhase>): PackageRowOf {
  const estimate = estimatePackageSeconds(history, { cpv: p.cpv, kind: p.binary ? 'binary' : 'ebuild' });
  const running = p.state === 'running' || p.state === 'installing';
  const end = running ? now : (p.endedAt ?? now);
  const elapsed = p.startedAt === null ? null : Math.max(0, (end - p.startedAt) / 1000);
  const fraction = running && elapsed !== null ? Math.min(0.99, elapsed / Math.max(1, estimate.seconds)) : null;
  const left = running && elapsed !== null ? estimate.seconds - elapsed : null;
  // What the build.log says beats the stream's guess (a --jobs build prints no phases).
  const phase = p.state === 'running' ? (phases.get(p.cpv) ?? p.phase) : p.phase;
  return { kind: 'package', key: p.cpv, cpv: p.cpv, state: p.state, phase, binary: p.binary, elapsed, estimate, fraction, left };
}

/** Rows for the pane; `keep` (the focused package) stays listed after it ends; `phases` read from build logs. */
export function packageRows(progress: BuildProgress, history: BuildHistory, now: number, keep: string | null = null, phases: ReadonlyMap<string, BuildPhase> = new Map()): PackageRow[] {
  const rows: PackageRow[] = [{ kind: 'all', key: ALL_OUTPUT }];
  const running = progress.packages.filter((p) => p.state === 'running' || p.state === 'installing');
  const failed = progress.packages.filter((p) => p.state === 'failed');
  for (const p of [...running, ...failed]) rows.push(row(p, history, now, phases));
  if (keep && keep !== ALL_OUTPUT && !rows.some((r) => r.key === keep)) {
    const kept = progress.packages.find((p) => p.cpv === keep);
    if (kept) rows.push(row(kept, history, now, phases));
  }
  return rows;
}

/** The build's own elapsed seconds: to now while it runs, to its last event once it ended. */
export function buildElapsed(progress: BuildProgress, running: boolean, now: number): number | null {
  if (progress.startedAt === null) return null;
  const end = running ? now : (progress.lastEventAt ?? now);
  return Math.max(0, (end - progress.startedAt) / 1000);
}
