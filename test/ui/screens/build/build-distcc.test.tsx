// The distcc line of the live pane at 80x24: each helper's engine, address, jobs, state and compiles, under
// the header; the frame stays within the terminal; none without the option.
import { afterEach, expect, it } from 'vitest';
import type { DistccHelperStatus } from '../../../../src/core/distcc/distcc-status.js';
import { emit, openBuild, startBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const helper = (over: Partial<DistccHelperStatus> = {}): DistccHelperStatus => ({ engine: 'second', address: '10.213.0.2', port: 32768, jobs: 2, compiles: null, otherJobs: 0, state: 'running', ...over });

it('shows the helpers and their compiles as distccd reports them, within 80 columns and 23 rows', async () => {
  h = await openBuild();
  const build = await startBuild(h);
  const hosts = '10.213.0.2:32768/2';
  let frame = await emit(h, build, [{ type: 'distcc', helpers: [helper()], hosts, makeopts: '-j9 -l2', t: Date.now() }], (f) => f.includes('distcc second'));
  expect(frame).toContain('distcc second 10.213.0.2:32768/2 running; MAKEOPTS=-j9 -l2');
  frame = await emit(h, build, [
    { type: 'started', cpv: 'app-misc/newtool-1.0', index: 1, total: 2, binary: false, t: Date.now() },
    { type: 'distcc', helpers: [helper({ compiles: 2 })], hosts, makeopts: '-j9 -l2', t: Date.now() },
  ], (f) => f.includes('2 compiles'));
  expect(frame).toContain('distcc second 10.213.0.2:32768/2 running, 2 compiles; MAKEOPTS=-j9 -l2');
  const lines = frame.split('\n');
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  expect(lines.length).toBeLessThanOrEqual(23);
});

it('has no distcc line without helpers', async () => {
  h = await openBuild();
  const build = await startBuild(h);
  const frame = await emit(h, build, [{ type: 'started', cpv: 'app-misc/newtool-1.0', index: 1, total: 2, binary: false, t: Date.now() }], (f) => f.includes('newtool'));
  expect(frame).not.toContain('distcc');
});
