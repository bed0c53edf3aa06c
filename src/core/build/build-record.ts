// A build's lasting record: what was built from what, how long each package took, how it ended.
// Written at the end of every build and read back for ETAs, `gentoo-wb builds` and the result pane.
import type { BuildModeKind } from '../recipe/recipe-schema.js';
import type { EmergeLogMerge } from '../portage/emerge-log/emerge-log-parser.js';
import type { ForecastVsActual } from '../forecast/forecast-vs-actual.js';

export type BuildStatus = 'preparing' | 'running' | 'finishing' | 'succeeded' | 'failed' | 'cancelled' | 'lost';

/** The state file of a build, rewritten as it moves on; enough to reattach and finish. */
export interface BuildState {
  id: string;
  recipeName: string;
  recipeHash: string;
  recipePath: string | null;
  mode: BuildModeKind;
  baseImage: string;
  tags: string[];
  containerId: string | null;
  status: BuildStatus;
  createdAt: number;
  endedAt: number | null;
  /** Finish steps already done (a reattached session skips them). */
  finishDone: string[];
  image: { id: string; tags: string[] } | null;
  failed: string[];
  exitCode: number | null;
  message: string | null;
  /** The configured engine (`--engine NAME`) the build runs on; absent: the default endpoint. */
  engine?: string;
}

export interface PackageTiming {
  cpv: string;
  seconds: number;
  binary: boolean;
  ok: boolean;
  /** Epoch ms the package started. */
  startedAt: number;
  /** Why it came otherwise than forecast (a binary that failed its checksum and compiled). */
  note?: string;
}

export interface SmokeTestResult {
  argv: string[];
  exitCode: number;
  ok: boolean;
  output: string;
}

export interface BuildRecord {
  state: BuildState;
  packages: PackageTiming[];
  steps: { id: string; title: string; ok: boolean; seconds: number | null }[];
  smokeTest: SmokeTestResult | null;
  /** The forecast made when the build started, next to the actual durations (absent: none was made). */
  forecast?: ForecastVsActual;
}

/** Past package timings as emerge.log-style merges, for the ETA estimator. */
export function recordsAsMerges(records: BuildRecord[]): EmergeLogMerge[] {
  return records.flatMap((r) =>
    r.packages.map((p, i): EmergeLogMerge => {
      const start = p.startedAt / 1000;
      return { cpv: p.cpv, start, end: start + p.seconds, ok: p.ok, duration: p.seconds, index: i + 1, total: r.packages.length, root: '/', binary: p.binary, session: null };
    }),
  );
}

/** Terminal states: nothing more will happen to the build. */
export function isFinished(status: BuildStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}
