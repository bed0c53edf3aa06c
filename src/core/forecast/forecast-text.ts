// A forecast in words, the same for the Pretend screen, the pretend report and the build's ETA lines.
import type { ForecastFrom, ForecastTotals, PackageForecast } from './forecast-types.js';

/**
 * Three-letter marker of where a package comes from: `net` a binhost's binary, `pkg` one from the local
 * cache, `src` a compile. (Not `bin`: the status column already says `bin` for every binary, as Portage does.)
 */
export const FROM_MARKER: Record<ForecastFrom, string> = { binhost: 'net', local: 'pkg', source: 'src' };

/** What each marker means (for legends and help). */
export const FROM_LEGEND = 'net: binary from a binhost, pkg: binary from the local cache, src: compiled from source';

/** A rough duration: `under a minute`, `about 4 min`, `about 1 h 20 min`. */
export function roughDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 58) return s < 10 ? 'a few seconds' : `about ${Math.round(s / 5) * 5} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `about ${h} h${m ? ` ${m} min` : ''}`;
}

/** `1 binary`, `3 binaries`. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `3 binaries, 5 compiles, about 4 min` (with --jobs when above one). */
export function forecastSummary(totals: ForecastTotals): string {
  const parts = [plural(totals.binaries, 'binary', 'binaries'), plural(totals.compiles, 'compile', 'compiles'), roughDuration(totals.totalSeconds)];
  return `${parts.join(', ')}${totals.jobs > 1 ? ` (--jobs ${totals.jobs})` : ''}`;
}

/** `source (USE differs)`, `binary from the local cache`, `binary from a binhost`. */
export function fromText(p: Pick<PackageForecast, 'from' | 'reason'>): string {
  if (p.from === 'binhost') return 'binary from a binhost';
  if (p.from === 'local') return 'binary from the local cache';
  return p.reason ? `source (${p.reason.label})` : 'source';
}

/** What an estimate rests on, in words: `2 earlier builds`, `packages of its category`, … */
export function forecastBasis(p: Pick<PackageForecast, 'basis' | 'samples' | 'downloadSeconds'>): string {
  const download = p.downloadSeconds > 0 ? `, ${roughDuration(p.downloadSeconds)} of it downloading` : '';
  switch (p.basis) {
    case 'history':
      return `from ${p.samples === 1 ? '1 earlier build' : `${p.samples} earlier builds`}${download}`;
    case 'category':
      return `from earlier builds of its category${download}`;
    case 'size':
      return `guessed from its download size${download}`;
    default:
      return `a default guess: no earlier build of it${download}`;
  }
}

/** A clock time `HH:MM` (local time of the viewer) `seconds` from `now` (epoch ms). */
export function finishClock(now: number, seconds: number): string {
  const d = new Date(now + Math.max(0, seconds) * 1000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
