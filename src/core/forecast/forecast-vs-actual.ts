// After a build: the forecast made before it next to what happened, per package and in total. Kept in
// the build record (later forecasts read the actual durations from there) and printed at the end of
// `build --json`.
import type { PackageTiming } from '../build/build-record.js';
import type { Forecast, ForecastFrom } from './forecast-types.js';
import { plural } from './forecast-text.js';

export interface PackageVsActual {
  cpv: string;
  /** Forecast: where it would come from and how long it would take (null: not in the forecast). */
  forecast: { from: ForecastFrom; reason?: string; seconds: number } | null;
  /** What happened (null: it never ran, e.g. dropped after a failure). */
  actual: { binary: boolean; seconds: number; ok: boolean; note?: string } | null;
}

export interface TotalsVsActual {
  totalSeconds: number;
  binaries: number;
  compiles: number;
}

export interface ForecastVsActual {
  forecast: (TotalsVsActual & { jobs: number }) | null;
  /** `totalSeconds`: first package start to last package end (what the forecast predicts). */
  actual: TotalsVsActual;
  packages: PackageVsActual[];
}

function actualOf(t: PackageTiming): NonNullable<PackageVsActual['actual']> {
  return { binary: t.binary, seconds: t.seconds, ok: t.ok, ...(t.note ? { note: t.note } : {}) };
}

/** Forecast against the record's package timings. */
export function forecastVsActual(forecast: Forecast | null, timings: readonly PackageTiming[]): ForecastVsActual {
  const byCpv = new Map(timings.map((t) => [t.cpv, t]));
  const forecastCpvs = new Set((forecast?.packages ?? []).map((p) => p.cpv));
  const packages: PackageVsActual[] = [
    ...(forecast?.packages ?? []).map((p): PackageVsActual => {
      const t = byCpv.get(p.cpv);
      return { cpv: p.cpv, forecast: { from: p.from, ...(p.reason ? { reason: p.reason.label } : {}), seconds: p.seconds }, actual: t ? actualOf(t) : null };
    }),
    ...timings.filter((t) => !forecastCpvs.has(t.cpv)).map((t): PackageVsActual => ({ cpv: t.cpv, forecast: null, actual: actualOf(t) })),
  ];
  const start = Math.min(...timings.map((t) => t.startedAt));
  const end = Math.max(...timings.map((t) => t.startedAt + t.seconds * 1000));
  const binaries = timings.filter((t) => t.binary).length;
  return {
    forecast: forecast ? { totalSeconds: forecast.totals.totalSeconds, binaries: forecast.totals.binaries, compiles: forecast.totals.compiles, jobs: forecast.totals.jobs } : null,
    actual: { totalSeconds: timings.length > 0 ? Math.round((end - start) / 100) / 10 : 0, binaries, compiles: timings.length - binaries },
    packages,
  };
}

/** One line per package that came otherwise than forecast, saying why (`  cpv: binary from … compiled instead`). */
function noteLines(compared: ForecastVsActual): string[] {
  return compared.packages.flatMap((p) => (p.actual?.note ? [`  ${p.cpv}: ${p.actual.note}`] : []));
}

function totalsText(t: TotalsVsActual): string {
  return `${plural(t.binaries, 'binary', 'binaries')}, ${plural(t.compiles, 'compile', 'compiles')}, ${t.totalSeconds} s`;
}

/** After a --plain build: `forecast: 1 binary, 2 compiles, 30 s; actual: …`, then the package notes; none without a forecast. */
export function totalsLines(compared: ForecastVsActual): string[] {
  if (!compared.forecast) return [];
  return [`forecast: ${totalsText(compared.forecast)}; actual: ${totalsText(compared.actual)}`, ...noteLines(compared)];
}
