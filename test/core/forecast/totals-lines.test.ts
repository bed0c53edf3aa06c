// The line a --plain build ends with: the forecast's totals against the actual ones, counted in words
// that agree with their numbers, then one line per package that came otherwise than forecast.
import { describe, expect, it } from 'vitest';
import { totalsLines, type ForecastVsActual } from '../../../src/core/forecast/forecast-vs-actual.js';

const compared = (forecast: ForecastVsActual['forecast'], actual: ForecastVsActual['actual'], packages: ForecastVsActual['packages'] = []): ForecastVsActual => ({ forecast, actual, packages });

describe('totalsLines', () => {
  it('says 1 compile and 1 binary in the singular, other counts in the plural', () => {
    expect(totalsLines(compared({ binaries: 0, compiles: 1, totalSeconds: 3, jobs: 1 }, { binaries: 1, compiles: 2, totalSeconds: 5.6 }))).toEqual([
      'forecast: 0 binaries, 1 compile, 3 s; actual: 1 binary, 2 compiles, 5.6 s',
    ]);
  });

  it('adds the note of a package that came otherwise than forecast, and says nothing without a forecast', () => {
    const packages = [{ cpv: 'app-misc/oldtool-1.0', forecast: { from: 'binhost' as const, seconds: 2 }, actual: { binary: false, seconds: 9, ok: true, note: 'binary from lan failed its checksum: compiled instead' } }];
    expect(totalsLines(compared({ binaries: 1, compiles: 0, totalSeconds: 2, jobs: 1 }, { binaries: 0, compiles: 1, totalSeconds: 9 }, packages))).toEqual([
      'forecast: 1 binary, 0 compiles, 2 s; actual: 0 binaries, 1 compile, 9 s',
      '  app-misc/oldtool-1.0: binary from lan failed its checksum: compiled instead',
    ]);
    expect(totalsLines(compared(null, { binaries: 0, compiles: 1, totalSeconds: 9 }))).toEqual([]);
  });
});
