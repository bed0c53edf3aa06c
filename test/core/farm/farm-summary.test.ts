// The farm's closing summary: counts from the record's forecast-vs-actual, and the plain text.
import { describe, expect, it } from 'vitest';
import { countsOf, farmSummaryText, type FarmSummary } from '../../../src/core/farm/farm-summary.js';
import { forecastVsActual } from '../../../src/core/forecast/forecast-vs-actual.js';
import type { Forecast } from '../../../src/core/forecast/forecast-types.js';

const T0 = Date.UTC(2026, 0, 7, 10, 0, 0);

describe('farm summary', () => {
  it('counts compiled and binary packages, forecast and actual, and the forecast binhost ones', () => {
    const forecast: Forecast = {
      packages: [
        { index: 0, cpv: 'dev-libs/libfoo-1.0', from: 'binhost', reason: null, seconds: 2, basis: 'default', samples: 0, downloadSeconds: 1 },
        { index: 1, cpv: 'app-misc/foo-tool-1.0', from: 'source', reason: null, seconds: 10, basis: 'default', samples: 0, downloadSeconds: 0 },
      ],
      totals: { totalSeconds: 12, serialSeconds: 12, binaries: 1, compiles: 1, fromBinhost: 1, jobs: 1 },
    } as Forecast;
    const compared = forecastVsActual(forecast, [
      { cpv: 'dev-libs/libfoo-1.0', seconds: 1, binary: true, ok: true, startedAt: T0 },
      { cpv: 'app-misc/foo-tool-1.0', seconds: 9, binary: false, ok: true, startedAt: T0 + 1000 },
    ]);
    expect(countsOf(compared)).toEqual({ forecast: { binaries: 1, compiles: 1, fromBinhost: 1 }, actual: { binaries: 1, compiles: 1 } });
    expect(countsOf(null)).toEqual({ forecast: null, actual: { binaries: 0, compiles: 0 } });
  });

  it('says which engine built what, the transfers and where the time went', () => {
    const s: FarmSummary = {
      ok: true, engines: ['local', 'second'],
      binhost: { engine: 'local', name: 'farm-0123456789ab', urls: { local: '', second: 'http://10.0.0.1:32768/' }, startedByFarm: true },
      recipes: [
        { recipe: 'one', file: 'one.json', engine: 'local', buildId: 'b1', status: 'succeeded', message: null, image: null, waitedSeconds: 3, seconds: 40, forecast: { binaries: 0, compiles: 2, fromBinhost: 0 }, actual: { binaries: 0, compiles: 2 }, published: 0 },
        { recipe: 'two', file: 'two.json', engine: 'second', buildId: null, status: 'failed', message: 'no space', image: null, waitedSeconds: 44, seconds: 0, forecast: null, actual: { binaries: 0, compiles: 0 }, published: 0 },
      ],
      transfers: [{ kind: 'image', from: 'local', to: 'second', what: 'base', bytes: 2 * 1048576, seconds: 4 }],
      seconds: { total: 90.04, scheduling: 6.01, transfer: 4 },
    };
    const text = farmSummaryText(s);
    expect(text).toMatch(/^RECIPE +ENGINE +BUILD +STATUS +COMPILED +BINARIES +FORECAST +WAITED +TOOK$/m);
    expect(text).toMatch(/^one +local +b1 +succeeded +2 +0 +2 src, 0 bin \(0 binhost\) +3 s +40 s$/m);
    expect(text).toMatch(/^two +second +- +failed +0 +0 +- +44 s +0 s$/m);
    expect(text).toContain('two: no space');
    expect(text).toContain('shared binhost farm-0123456789ab on local (second → http://10.0.0.1:32768/), stopped again');
    expect(text).toContain('farm: 90 s in all; 6 s scheduling (forecasts, cache keys, engine facts); 4 s transfers (1: 2.0 MiB of images and packages)');
  });
});
