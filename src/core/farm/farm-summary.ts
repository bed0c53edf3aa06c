// What a farm run tells at its end, plain and --json: which engine built which recipe, per recipe how
// many packages compiled and how many came as binaries (the build record's forecast against what
// happened), how long each took and waited, and where the farm's own time went (scheduling, image
// and package transfers).
import type { ForecastVsActual } from '../forecast/forecast-vs-actual.js';

export type FarmRecipeStatus = 'succeeded' | 'failed' | 'cancelled' | 'lost' | 'not started';

export interface FarmTransfer {
  kind: 'image' | 'packages';
  from: string;
  to: string;
  /** The image reference, or the packages' cpvs joined. */
  what: string;
  bytes: number;
  seconds: number;
}

export interface FarmRecipeResult {
  recipe: string;
  file: string;
  engine: string;
  buildId: string | null;
  status: FarmRecipeStatus;
  message: string | null;
  image: { id: string; tags: string[] } | null;
  /** Seconds from the farm's start to this build's start (scheduling, transfers, recipes it waited for). */
  waitedSeconds: number;
  /** The build's own wall time. */
  seconds: number;
  forecast: { binaries: number; compiles: number; fromBinhost: number } | null;
  actual: { binaries: number; compiles: number };
  /** Packages it compiled that were published to the shared binhost afterwards. */
  published: number;
}

export interface FarmBinhost {
  engine: string;
  name: string;
  /** The URL each engine's builds use ('' for the engine that serves it: its builds read the cache itself). */
  urls: Record<string, string>;
  startedByFarm: boolean;
}

export interface FarmSummary {
  ok: boolean;
  engines: string[];
  binhost: FarmBinhost | null;
  recipes: FarmRecipeResult[];
  transfers: FarmTransfer[];
  seconds: { total: number; scheduling: number; transfer: number };
}

/** Forecast and actual counts of one build, from its record's forecast-vs-actual. */
export function countsOf(compared: ForecastVsActual | null): Pick<FarmRecipeResult, 'forecast' | 'actual'> {
  if (compared === null) return { forecast: null, actual: { binaries: 0, compiles: 0 } };
  const fromBinhost = compared.packages.filter((p) => p.forecast?.from === 'binhost').length;
  return {
    forecast: compared.forecast ? { binaries: compared.forecast.binaries, compiles: compared.forecast.compiles, fromBinhost } : null,
    actual: { binaries: compared.actual.binaries, compiles: compared.actual.compiles },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The closing table and lines of a plain farm run. */
export function farmSummaryText(s: FarmSummary): string {
  const header = ['RECIPE', 'ENGINE', 'BUILD', 'STATUS', 'COMPILED', 'BINARIES', 'FORECAST', 'WAITED', 'TOOK'];
  const rows = s.recipes.map((r) => [
    r.recipe, r.engine, r.buildId ?? '-', r.status, String(r.actual.compiles), String(r.actual.binaries),
    r.forecast ? `${r.forecast.compiles} src, ${r.forecast.binaries} bin (${r.forecast.fromBinhost} binhost)` : '-',
    `${round(r.waitedSeconds)} s`, `${round(r.seconds)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const lines = [line(header), ...rows.map(line)];
  for (const r of s.recipes) {
    if (r.published > 0) lines.push(`${r.recipe}: ${r.published} package(s) it compiled published to the shared binhost`);
    if (r.message && r.status !== 'succeeded') lines.push(`${r.recipe}: ${r.message}`);
  }
  if (s.binhost) {
    const urls = Object.entries(s.binhost.urls).filter(([, u]) => u !== '').map(([e, u]) => `${e} → ${u}`).join(', ');
    lines.push(`shared binhost ${s.binhost.name} on ${s.binhost.engine}${urls ? ` (${urls})` : ''}${s.binhost.startedByFarm ? ', stopped again' : ', served before the farm and left serving'}`);
  }
  const bytes = s.transfers.reduce((n, t) => n + t.bytes, 0);
  lines.push(`farm: ${round(s.seconds.total)} s in all; ${round(s.seconds.scheduling)} s scheduling (forecasts, cache keys, engine facts); ${round(s.seconds.transfer)} s transfers (${s.transfers.length}: ${(bytes / 1048576).toFixed(1)} MiB of images and packages)`);
  return `${lines.join('\n')}\n`;
}
