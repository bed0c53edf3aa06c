// The whole build's time left, from the forecast made before it (or, without one, the same estimator
// on the packages Portage has named so far): running packages keep their slots for what their estimate
// has left, the packages not started yet are scheduled after them on --jobs slots (eta.ts).
import type { BuildProgress } from '../build/progress.js';
import { estimatePackageSeconds, scheduleDurations, type BuildHistory } from '../portage/eta/eta.js';
import type { Forecast } from './forecast-types.js';

export interface BuildEta {
  /** Seconds until the last package should be merged. */
  remainingSeconds: number;
  /** Epoch ms of the expected end. */
  finishAt: number;
  done: number;
  total: number;
  /** True when the packages still to come are known by name (a forecast); false: counted only. */
  fromForecast: boolean;
}

/** The ETA at `now`; null before anything is known of the merge list. */
export function buildEta(progress: BuildProgress, forecast: Forecast | null, history: BuildHistory, jobs: number, now: number): BuildEta | null {
  const forecastOf = new Map((forecast?.packages ?? []).map((p) => [p.cpv, p]));
  // The forecast's figure while the package comes as forecast; a binary refused for its checksum compiles instead.
  const estimate = (cpv: string, binary: boolean) => {
    const f = forecastOf.get(cpv);
    return f && (f.from !== 'source') === binary ? f.seconds : estimatePackageSeconds(history, { cpv, kind: binary ? 'binary' : 'ebuild' }).seconds;
  };
  const started = new Set(progress.packages.map((p) => p.cpv));
  const busy: number[] = [];
  let done = 0;
  for (const p of progress.packages) {
    if (p.state === 'running' || p.state === 'installing') {
      const elapsed = p.startedAt === null ? 0 : Math.max(0, (now - p.startedAt) / 1000);
      // A package past its estimate is still running: give it a little, not a negative time.
      busy.push(Math.max(estimate(p.cpv, p.binary) - elapsed, 1));
    } else done++;
  }
  const total = Math.max(progress.total ?? 0, forecast?.packages.length ?? 0, progress.packages.length);
  if (total === 0) return null;
  let queued: number[];
  if (forecast && forecast.packages.length > 0) {
    queued = forecast.packages.filter((p) => !started.has(p.cpv)).map((p) => p.seconds);
    // Portage may merge more than pretend listed (a resumed list): count the rest at the forecast's mean.
    const extra = Math.max(0, total - progress.packages.length - queued.length);
    const mean = forecast.packages.reduce((s, p) => s + p.seconds, 0) / forecast.packages.length;
    for (let i = 0; i < extra; i++) queued.push(mean);
  } else {
    const unknown = estimatePackageSeconds(history, { cpv: '', kind: 'ebuild' }).seconds;
    queued = new Array<number>(Math.max(0, total - progress.packages.length)).fill(unknown);
  }
  const times = scheduleDurations(queued, jobs, busy);
  const remainingSeconds = Math.max(0, ...busy, ...times.map((t) => t.end));
  return { remainingSeconds, finishAt: now + remainingSeconds * 1000, done, total, fromForecast: forecast !== null };
}
