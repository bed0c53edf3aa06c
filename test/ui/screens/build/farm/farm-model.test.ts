// The farm's state as its view folds it: states in words, the live counts, what the summary says at the end.
import { describe, expect, it } from 'vitest';
import type { FarmSummary } from '../../../../../src/core/farm/farm-summary.js';
import { applyBuildEvents, applyFarmProgress, binhostLine, farmEnded, farmFailed, newFarm, rowFacts, rowState } from '../../../../../src/ui/screens/build/farm/farm-model.js';
import { cell, headerText, rowText } from '../../../../../src/ui/screens/build/farm/farm-columns.js';
import { result } from './farm-harness.js';

const recipes = [{ name: 'a', file: '/r/a.json', base: 'b', mode: 'commit' }, { name: 'b', file: '/r/b.json', base: 'b', mode: 'commit' }, { name: 'c', file: '/r/c.json', base: 'b', mode: 'commit' }];

describe('farm model', () => {
  it('queued, waiting for the recipes still running, running, done; counts from the build events, then from the record', () => {
    let s = newFarm(recipes, ['local', 'b2'], 0);
    expect([0, 1, 2].map((i) => rowState(s, i))).toEqual(['queued', 'queued', 'queued']);
    s = applyFarmProgress(s, { type: 'scheduled', slots: [{ recipe: 0, engine: 'local', after: [], waitsFor: [] }, { recipe: 1, engine: 'b2', after: [], waitsFor: [] }, { recipe: 2, engine: 'b2', after: [0, 1], waitsFor: ['x/y-1'] }] }, 1000);
    expect(rowState(s, 2)).toBe('waiting for a, b');
    s = applyFarmProgress(s, { type: 'started', recipe: 0, engine: 'local', buildId: 'id0', logDir: '/d/id0' }, 2000);
    s = applyBuildEvents(s, 0, [
      { type: 'started', cpv: 'x/y-1', index: 1, total: 2, binary: false, t: 2000 },
      { type: 'completed', cpv: 'x/y-1', index: 1, total: 2, t: 3000 },
      { type: 'started', cpv: 'x/z-1', index: 2, total: 2, binary: true, t: 3000 },
      { type: 'log', text: 'not folded' },
    ], 3000);
    expect(rowFacts(s, 0, 12_000)).toEqual({ state: 'running', current: 'x/z-1', count: '1/2', compiled: 1, binaries: 0, elapsed: 10 });
    s = applyFarmProgress(s, { type: 'ended', recipe: 0, result: result('a', 'local', 'succeeded', { actual: { compiles: 1, binaries: 1 }, seconds: 9 }) }, 13_000);
    expect(rowState(s, 2)).toBe('waiting for b');
    expect(rowFacts(s, 0, 99_000)).toMatchObject({ state: 'done', current: '', compiled: 1, binaries: 1, elapsed: 9 });
    // Cancelling: a started build is being stopped, one never started will not be.
    s = { ...s, cancelling: true };
    expect(rowState(s, 1)).toBe('not started');
    const summary: FarmSummary = { ok: false, engines: ['local', 'b2'], binhost: null, transfers: [], seconds: { total: 20, scheduling: 1, transfer: 0 }, recipes: [result('a', 'local', 'succeeded'), result('b', 'b2', 'cancelled'), result('c', 'b2', 'not started')] };
    s = farmEnded(s, summary, 20_000);
    expect([0, 1, 2].map((i) => rowState(s, i))).toEqual(['done', 'cancelled', 'not started']);
    expect(s.rows[1]!.engine).toBe('b2');
    expect(binhostLine(s)).toBe('shared binhost: none (no recipe keeps a binary package cache)');
  });

  it('a farm that could not run: every row not started, the reason kept', () => {
    const s = farmFailed(newFarm(recipes, ['local'], 0), 'engine b2: refused', 5);
    expect(rowState(s, 0)).toBe('not started');
    expect(s.error).toBe('engine b2: refused');
    expect(binhostLine(s)).toBe('shared binhost: none (the farm did not run)');
  });

  it('binhost line: URLs of the engines that reach it over the network, served before or stopped at the end', () => {
    let s = applyFarmProgress(newFarm(recipes, ['local', 'b2'], 0), { type: 'binhost', binhost: { engine: 'local', name: 'farm-1', urls: { local: '', b2: 'http://h:1/' }, startedByFarm: true } }, 0);
    expect(binhostLine(s)).toBe('shared binhost farm-1 on local (b2 → http://h:1/)');
    s = farmEnded(s, { ok: true, engines: [], binhost: s.binhost, recipes: [], transfers: [], seconds: { total: 1, scheduling: 0, transfer: 0 } }, 1);
    expect(binhostLine(s)).toBe('shared binhost farm-1 on local (b2 → http://h:1/), stopped again');
  });
});

describe('farm columns', () => {
  it('fit the width exactly, cut with the ellipsis, the package taking what is left', () => {
    for (const width of [78, 120, 198]) {
      expect([...headerText(width)]).toHaveLength(width);
      expect([...rowText('a-very-long-recipe-name', 'engine-long', { state: 'waiting for something', current: 'dev-libs/libfoo-1.0', count: '10/12', compiled: 3, binaries: 9, elapsed: 75 }, width, '…')]).toHaveLength(width);
    }
    expect(rowText('a', 'local', { state: 'running', current: 'x/y-1', count: '1/2', compiled: 1, binaries: 0, elapsed: 61 }, 78, '…')).toMatch(/^a +local +running +x\/y-1 +1\/2 +1\/0 +1:01$/);
    expect(cell('abcdef', 4, '~')).toBe('abc~');
    expect(cell('ab', 4, '~', true)).toBe('  ab');
  });
});
