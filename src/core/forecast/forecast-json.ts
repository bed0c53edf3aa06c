// The forecast in `pretend --json`: every package of the merge list gets `forecast: {from, reason?,
// seconds}` and the document `forecast: {totalSeconds, binaries, compiles}` (names scripts rely on).
import type { PretendResult } from '../portage/pretend/pretend-types.js';
import type { Forecast, ForecastFrom, ForecastTotals } from './forecast-types.js';

export interface PackageForecastJson {
  from: ForecastFrom;
  /** Why a compile although binaries are in use: `USE differs`, `no binary`, … */
  reason?: string;
  /** The reason in one sentence. */
  detail?: string;
  seconds: number;
  /** What the estimate rests on: history, category, size or default. */
  basis: string;
}

export type PretendJson = Omit<PretendResult, 'packages'> & {
  packages: (PretendResult['packages'][number] & { forecast?: PackageForecastJson })[];
  forecast: ForecastTotals | null;
};

/** The pretend result with the forecast merged in (packages that take no time get none). */
export function pretendJson(result: PretendResult, forecast: Forecast | null): PretendJson {
  const byIndex = new Map((forecast?.packages ?? []).map((p) => [p.index, p]));
  return {
    ...result,
    packages: result.packages.map((pkg, i) => {
      const f = byIndex.get(i);
      if (!f) return pkg;
      return { ...pkg, forecast: { from: f.from, ...(f.reason ? { reason: f.reason.label, detail: f.reason.detail } : {}), seconds: f.seconds, basis: f.basis } };
    }),
    forecast: forecast?.totals ?? null,
  };
}
