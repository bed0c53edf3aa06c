// The whole build's ETA in the live pane at 80x24: time left and the finish clock from the forecast kept
// in the build's folder, moving on as packages finish; none without a forecast.
import { afterEach, expect, it } from 'vitest';
import type { Forecast } from '../../../../src/core/forecast/forecast-types.js';
import { emit, openBuild, startBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const CPVS = ['dev-libs/oniguruma-6.9.9', 'dev-libs/libxml2-2.13.5', 'dev-lang/php-8.3.15', 'app-misc/hello-2.12.1'];
const FORECAST: Forecast = {
  packages: CPVS.map((cpv, index) => ({ index, cpv, from: 'source', reason: null, seconds: 60, basis: 'history', samples: 1, downloadSeconds: 0 })),
  totals: { totalSeconds: 240, serialSeconds: 240, binaries: 0, compiles: 4, fromBinhost: 0, jobs: 1 },
};
const clock = (t: number) => `${String(new Date(t).getHours()).padStart(2, '0')}:${String(new Date(t).getMinutes()).padStart(2, '0')}`;

it('says how long is left and when it ends, and moves on as packages finish', async () => {
  h = await openBuild({ forecast: FORECAST });
  const build = await startBuild(h);
  const t0 = Date.now();
  // The first package started 30 s ago: 30 s of it left, then three of 60 s.
  let frame = await emit(h, build, [{ type: 'started', cpv: CPVS[0]!, index: 1, total: 4, binary: false, t: t0 - 30_000 }], (f) => f.includes('of 4  ') && f.includes('left, ends'));
  let line = frame.split('\n')[2]!;
  expect(line).toMatch(/^running 1 +merge wait 0 +done 0 +failed 0 +of 4 +3:[23]\d left, ends \d\d:\d\d$/);
  expect([clock(t0 + 210_000), clock(t0 + 211_000)]).toContain(/ends (\d\d:\d\d)$/.exec(line)![1]);
  // It finished, the second one starts now: three of 60 s left.
  frame = await emit(h, build, [
    { type: 'completed', cpv: CPVS[0]!, index: 1, total: 4, t: Date.now() },
    { type: 'started', cpv: CPVS[1]!, index: 2, total: 4, binary: false, t: Date.now() },
  ], (f) => /done 1 .* [23]:\d\d left/.test(f));
  line = frame.split('\n')[2]!;
  expect(line).toMatch(/done 1 +failed 0 +of 4 +(?:3:00|2:5\d) left, ends \d\d:\d\d$/);
  for (const l of frame.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
});

it('shows no ETA without a forecast', async () => {
  h = await openBuild();
  const build = await startBuild(h);
  const frame = await emit(h, build, [{ type: 'started', cpv: CPVS[0]!, index: 1, total: 4, binary: false, t: Date.now() - 30_000 }], (f) => f.includes('of 4'));
  expect(frame).not.toContain('left, ends');
});
