// The build folder keeps the forecast made as the build started, and the record sets it against the
// actual durations whichever of the two is written first; --plain prints the ETA after each package.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { BuildRecord, BuildState } from '../../../src/core/build/build-record.js';
import type { Forecast } from '../../../src/core/forecast/forecast-types.js';
import { buildHistory } from '../../../src/core/portage/eta/eta.js';
import { buildFiles, createBuildFiles, readForecast, writeForecast, writeRecord } from '../../../src/engine/build/build-store.js';
import { eventPrinter } from '../../../src/commands/build-events-printer.js';

const env = { XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-forecast-store-')) };
afterAll(() => rmSync(env.XDG_STATE_HOME, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 0, 7, 10, 0, 0);
const FORECAST: Forecast = {
  packages: [
    { index: 0, cpv: 'a/one-1', from: 'local', reason: null, seconds: 10, basis: 'history', samples: 2, downloadSeconds: 0 },
    { index: 1, cpv: 'a/two-1', from: 'source', reason: { kind: 'use', label: 'USE differs', detail: 'x' }, seconds: 60, basis: 'default', samples: 0, downloadSeconds: 0 },
  ],
  totals: { totalSeconds: 70, serialSeconds: 70, binaries: 1, compiles: 1, fromBinhost: 0, jobs: 1 },
};

function record(state: BuildState): BuildRecord {
  return {
    state,
    packages: [
      { cpv: 'a/one-1', seconds: 12, binary: true, ok: true, startedAt: T0 },
      { cpv: 'a/two-1', seconds: 48, binary: false, ok: true, startedAt: T0 + 12_000 },
    ],
    steps: [],
    smokeTest: null,
  };
}

async function newBuild(id: string) {
  const files = buildFiles(id, env);
  const state = { id, recipeName: 'r', recipeHash: 'h', recipePath: null, mode: 'commit', baseImage: 'b', tags: [], containerId: null, status: 'running', createdAt: T0, endedAt: null, finishDone: [], image: null, failed: [], exitCode: null, message: null } as BuildState;
  await createBuildFiles(files, state, '{}', null);
  return { files, state };
}

it.each([
  ['forecast first', true],
  ['record first', false],
])('the record holds forecast against actual (%s)', async (_name, forecastFirst) => {
  const { files, state } = await newBuild(forecastFirst ? '20260107-100000-aaaaaa' : '20260107-100000-bbbbbb');
  if (forecastFirst) await writeForecast(files, FORECAST);
  await writeRecord(files, record(state));
  if (!forecastFirst) await writeForecast(files, FORECAST);
  expect(await readForecast(files)).toEqual(FORECAST);
  const kept = JSON.parse(readFileSync(files.record, 'utf8')) as BuildRecord;
  expect(kept.packages).toHaveLength(2);
  expect(kept.forecast?.forecast).toEqual({ totalSeconds: 70, binaries: 1, compiles: 1, jobs: 1 });
  expect(kept.forecast?.actual).toEqual({ totalSeconds: 60, binaries: 1, compiles: 1 });
  expect(kept.forecast?.packages[1]).toEqual({ cpv: 'a/two-1', forecast: { from: 'source', reason: 'USE differs', seconds: 60 }, actual: { binary: false, seconds: 48, ok: true } });
});

it('a record without a forecast stays as it was', async () => {
  const { files, state } = await newBuild('20260107-100000-cccccc');
  await writeRecord(files, record(state));
  expect(JSON.parse(readFileSync(files.record, 'utf8'))).not.toHaveProperty('forecast');
});

it('--plain prints the ETA after each package that ends; --json prints only the events', () => {
  let plain = '';
  let json = '';
  const source = () => ({ forecast: FORECAST, history: buildHistory([]), jobs: 1 });
  const p = eventPrinter('plain', { write: (t: string) => (plain += t) } as unknown as NodeJS.WritableStream, source);
  const j = eventPrinter('json', { write: (t: string) => (json += t) } as unknown as NodeJS.WritableStream, source);
  const events = [
    { type: 'started' as const, cpv: 'a/one-1', index: 1, total: 2, binary: true, t: T0 },
    { type: 'completed' as const, cpv: 'a/one-1', index: 1, total: 2, t: T0 + 12_000 },
  ];
  p(events);
  j(events);
  expect(plain.split('\n')).toEqual([
    '10:00:00 start    (1 of 2) a/one-1 (binary)',
    '10:00:12 done     (1 of 2) a/one-1',
    expect.stringMatching(/^10:00:12 eta {6}1 of 2 done, about 1 min left, done about 10:01:12$/),
    '',
  ]);
  expect(json.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['started', 'completed']);
  expect(p.timings()).toEqual([{ cpv: 'a/one-1', seconds: 12, binary: true, ok: true, startedAt: T0 }]);
  // Without an ETA source (attach replays a build), no ETA lines.
  let bare = '';
  eventPrinter('plain', { write: (t: string) => (bare += t) } as unknown as NodeJS.WritableStream)(events);
  expect(bare).not.toContain(' eta ');
});
