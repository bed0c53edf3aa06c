// The whole build's ETA, the forecast against the actuals, and the --plain ETA line.
import { describe, expect, it } from 'vitest';
import type { PackageTiming } from '../../../src/core/build/build-record.js';
import { plainEtaLine } from '../../../src/core/build/plain-lines.js';
import { EMPTY_PROGRESS, reduceProgress, type BuildProgress } from '../../../src/core/build/progress.js';
import type { BuildEvent } from '../../../src/core/events.js';
import { buildEta } from '../../../src/core/forecast/build-eta.js';
import type { Forecast } from '../../../src/core/forecast/forecast-types.js';
import { forecastVsActual } from '../../../src/core/forecast/forecast-vs-actual.js';
import { roughDuration } from '../../../src/core/forecast/forecast-text.js';
import { buildHistory, estimatePackageSeconds, scheduleDurations } from '../../../src/core/portage/eta/eta.js';

const T0 = Date.UTC(2026, 0, 7, 10, 0, 0);
const CPVS = ['a/one-1', 'a/two-1', 'a/three-1', 'a/four-1'];

function forecastOf(seconds: number[], jobs = 1): Forecast {
  return {
    packages: seconds.map((s, index) => ({ index, cpv: CPVS[index]!, from: index === 0 ? 'local' : 'source', reason: null, seconds: s, basis: 'history', samples: 1, downloadSeconds: 0 })),
    totals: { totalSeconds: 0, serialSeconds: 0, binaries: 1, compiles: seconds.length - 1, fromBinhost: 0, jobs },
  };
}

function fold(events: BuildEvent[]): BuildProgress {
  return events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);
}

describe('scheduleDurations', () => {
  it('runs the list on N slots, running packages holding theirs', () => {
    expect(scheduleDurations([10, 10, 10], 1).map((t) => t.end)).toEqual([10, 20, 30]);
    expect(scheduleDurations([10, 10, 10], 2).map((t) => t.end)).toEqual([10, 10, 20]);
    // One slot busy 25 s more: the first queued package goes to the free one.
    expect(scheduleDurations([10, 10], 2, [25]).map((t) => [t.start, t.end])).toEqual([[0, 10], [10, 20]]);
  });
});

describe('buildEta', () => {
  it('a package forecast as a binary that compiles instead (its binary failed its checksum) is timed as a compile', () => {
    const history = buildHistory([{ cpv: 'a/one-1', start: 0, end: 300, ok: true, duration: 300, index: 1, total: 1, root: '/', binary: false, session: null }]);
    const forecast = forecastOf([5]);
    const asBinary = fold([{ type: 'started', cpv: 'a/one-1', index: 1, total: 1, binary: true, t: T0 }]);
    expect(buildEta(asBinary, forecast, history, 1, T0)?.remainingSeconds).toBe(5);
    const compiling = fold([{ type: 'started', cpv: 'a/one-1', index: 1, total: 1, binary: false, t: T0 }]);
    expect(buildEta(compiling, forecast, history, 1, T0)?.remainingSeconds).toBe(300);
  });

  it('is null before anything is known, and the forecast total once the forecast is there', () => {
    const history = buildHistory([]);
    expect(buildEta(EMPTY_PROGRESS, null, history, 1, T0)).toBeNull();
    expect(buildEta(EMPTY_PROGRESS, forecastOf([60, 60, 60, 60]), history, 2, T0)).toMatchObject({ remainingSeconds: 120, done: 0, total: 4, fromForecast: true, finishAt: T0 + 120_000 });
  });

  it('moves on as packages finish: what the running one has left, then the rest', () => {
    const forecast = forecastOf([10, 60, 60, 60]);
    const progress = fold([
      { type: 'started', cpv: 'a/one-1', index: 1, total: 4, binary: true, t: T0 },
      { type: 'completed', cpv: 'a/one-1', index: 1, total: 4, t: T0 + 10_000 },
      { type: 'started', cpv: 'a/two-1', index: 2, total: 4, binary: false, t: T0 + 10_000 },
    ]);
    // 20 s into two: 40 s of it, then 60 + 60.
    expect(buildEta(progress, forecast, buildHistory([]), 1, T0 + 30_000)).toMatchObject({ remainingSeconds: 160, done: 1, total: 4 });
    // Past its estimate a package still holds its slot a little, never a negative time.
    expect(buildEta(progress, forecast, buildHistory([]), 1, T0 + 200_000)?.remainingSeconds).toBe(121);
  });

  it('without a forecast counts the packages still to come at the history default', () => {
    const progress = fold([{ type: 'started', cpv: 'a/one-1', index: 1, total: 3, binary: false, t: T0 }]);
    const eta = buildEta(progress, null, buildHistory([]), 1, T0);
    expect(eta).toMatchObject({ total: 3, fromForecast: false, remainingSeconds: estimatePackageSeconds(buildHistory([]), { cpv: 'a/b-1' }).seconds * 3 });
  });
});

describe('forecastVsActual', () => {
  it('sets each package of the forecast against its timing, and the totals', () => {
    const timings: PackageTiming[] = [
      { cpv: 'a/one-1', seconds: 8, binary: true, ok: true, startedAt: T0 },
      { cpv: 'a/two-1', seconds: 50, binary: false, ok: true, startedAt: T0 + 8_000 },
      { cpv: 'a/extra-1', seconds: 5, binary: false, ok: false, startedAt: T0 + 58_000 },
    ];
    const compared = forecastVsActual(forecastOf([10, 60]), timings);
    expect(compared.forecast).toEqual({ totalSeconds: 0, binaries: 1, compiles: 1, jobs: 1 });
    expect(compared.actual).toEqual({ totalSeconds: 63, binaries: 1, compiles: 2 });
    expect(compared.packages).toEqual([
      { cpv: 'a/one-1', forecast: { from: 'local', seconds: 10 }, actual: { binary: true, seconds: 8, ok: true } },
      { cpv: 'a/two-1', forecast: { from: 'source', seconds: 60 }, actual: { binary: false, seconds: 50, ok: true } },
      { cpv: 'a/extra-1', forecast: null, actual: { binary: false, seconds: 5, ok: false } },
    ]);
    expect(forecastVsActual(null, []).actual).toEqual({ totalSeconds: 0, binaries: 0, compiles: 0 });
  });
});

describe('plainEtaLine and roughDuration', () => {
  it('says what is done, how long is left and the finish clock', () => {
    const line = plainEtaLine({ remainingSeconds: 150, finishAt: T0 + 150_000, done: 2, total: 5, fromForecast: true }, T0);
    expect(line).toMatch(/^10:00:00 eta {6}2 of 5 done, about 3 min left, done about 10:02:30$/);
    expect(plainEtaLine({ remainingSeconds: 0, finishAt: T0, done: 5, total: 5, fromForecast: false }, T0)).toBe('10:00:00 eta      5 of 5 done, finishing (estimated without a forecast)');
    expect([5, 42, 59, 61, 3600, 4800].map(roughDuration)).toEqual(['a few seconds', 'about 40 s', 'about 1 min', 'about 1 min', 'about 1 h', 'about 1 h 20 min']);
  });
});
