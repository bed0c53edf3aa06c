// Stacking rules: whiteouts act on lower layers only, opaque directories hide lower contents but
// keep the layer's own, type changes replace subtrees; dive's figures follow from the history.
import { describe, expect, it } from 'vitest';
import { lookup, stackLayers } from '../../../src/core/inspect/layer-stack.js';
import { classifyWhiteout, normalizeTarPath } from '../../../src/core/inspect/layer-types.js';
import { wasteOf } from '../../../src/core/inspect/waste.js';
import { layer } from './layers.js';

describe('tar names and whiteouts', () => {
  it('normalises member names to absolute paths', () => {
    expect(normalizeTarPath('./usr/bin/')).toBe('/usr/bin');
    expect(normalizeTarPath('usr')).toBe('/usr');
    expect(normalizeTarPath('./')).toBe('/');
  });
  it('recognises whiteouts and opaque markers', () => {
    expect(classifyWhiteout('/etc/.wh.passwd')).toEqual({ kind: 'whiteout', target: '/etc/passwd' });
    expect(classifyWhiteout('/.wh.opt')).toEqual({ kind: 'whiteout', target: '/opt' });
    expect(classifyWhiteout('/var/cache/.wh..wh..opq')).toEqual({ kind: 'opaque', dir: '/var/cache' });
    expect(classifyWhiteout('/etc/.wh.')).toBeNull();
    expect(classifyWhiteout('/etc/wh.x')).toBeNull();
  });
});

describe('stackLayers', () => {
  it('applies a layer\'s whiteouts before its own entries, wherever they sit in the tar', () => {
    // The layer re-creates /etc/x and whites it out after: the whiteout only hides the lower copy.
    const stack = stackLayers([layer(0, [['/etc', 'dir'], ['/etc/x', 10]]), layer(1, [['/etc/x', 4], ['/etc/x', 'wh']])]);
    expect(lookup(stack.root, '/etc/x')).toMatchObject({ size: 4, layer: 1 });
    expect(stack.history.get('/etc/x')).toEqual({ min: 0, total: 14, count: 3 });
  });

  it('an opaque directory keeps what its own layer puts there', () => {
    const stack = stackLayers([
      layer(0, [['/d', 'dir'], ['/d/old', 5], ['/d/sub', 'dir'], ['/d/sub/deep', 7]]),
      layer(1, [['/d/new', 3], ['/d', 'opq']]),
    ]);
    expect([...lookup(stack.root, '/d')!.children!.keys()]).toEqual(['new']);
    expect(stack.effects[1]).toMatchObject({ added: 1, removed: 2, hiddenBytes: 12, size: 3 });
  });

  it('lists what whiteouts really removed; an opaque marker on a new directory (or a whiteout of nothing) is no removal', () => {
    const stack = stackLayers([
      layer(0, [['/d', 'dir'], ['/d/old', 5], ['/d/sub', 'dir'], ['/d/sub/deep', 7], ['/gone', 4], ['/empty', 'dir']]),
      layer(1, [['/d', 'opq'], ['/gone', 'wh'], ['/empty', 'wh'], ['/never', 'wh'], ['/var/db/pkg/x/y-1', 'opq'], ['/var/db/pkg/x/y-1/CONTENTS', 10]]),
    ]);
    expect(stack.effects[1]!.removals).toEqual([
      { path: '/d', opaque: true, files: 2, bytes: 12 },
      { path: '/gone', opaque: false, files: 1, bytes: 4 },
      { path: '/empty', opaque: false, files: 0, bytes: 0 },
    ]);
    expect(stack.effects[1]).toMatchObject({ removed: 3, hiddenBytes: 16, added: 1 });
    expect(stackLayers([layer(0, [['/a', 'dir'], ['/a', 'opq'], ['/a/f', 1]])]).effects[0]).toMatchObject({ removed: 0, removals: [] });
  });

  it('a file replacing a directory drops the whole subtree (and the other way round)', () => {
    const stack = stackLayers([
      layer(0, [['/a', 'dir'], ['/a/1', 1], ['/a/2', 2], ['/b', 9]]),
      layer(1, [['/a', 5], ['/b', 'dir'], ['/b/c', 1]]),
    ]);
    expect(lookup(stack.root, '/a')).toMatchObject({ kind: 'file', size: 5 });
    expect(lookup(stack.root, '/b/c')).toMatchObject({ kind: 'file', size: 1 });
    expect(stack.effects[1]).toMatchObject({ removed: 3, hiddenBytes: 12, added: 2 });
  });

  it('a deep file in a new layer creates its missing parents', () => {
    const stack = stackLayers([layer(0, [['/x/y/z', 3]])]);
    expect(lookup(stack.root, '/x/y')).toMatchObject({ kind: 'dir', layer: 0 });
  });

  it('stacks only a prefix when asked (the base image\'s own view)', () => {
    const layers = [layer(0, [['/a', 1]]), layer(1, [['/a', 'wh'], ['/b', 2]])];
    expect(lookup(stackLayers(layers, 1).root, '/a')).not.toBeNull();
    expect(lookup(stackLayers(layers).root, '/a')).toBeNull();
  });
});

describe('wasteOf (dive\'s efficiency and wasted bytes)', () => {
  it('one layer: efficiency 1, nothing wasted', () => {
    const w = wasteOf(stackLayers([layer(0, [['/a', 10], ['/b', 20]])]));
    expect(w).toMatchObject({ efficiency: 1, wastedBytes: 0, hiddenBytes: 0, paths: [] });
  });

  it('an empty image scores 1', () => {
    expect(wasteOf(stackLayers([])).efficiency).toBe(1);
  });

  it('a file written then removed is wasted whole and counts 0 as its smallest size', () => {
    const w = wasteOf(stackLayers([layer(0, [['/big', 900], ['/keep', 100]]), layer(1, [['/big', 'wh']])]));
    expect(w.efficiency).toBeCloseTo(100 / 1000, 10);
    expect(w.wastedBytes).toBe(900);
    expect(w.hiddenBytes).toBe(900);
    expect(w.paths).toEqual([{ path: '/big', count: 2, totalBytes: 900 }]);
  });

  it('a removed directory counts every file it held', () => {
    const w = wasteOf(stackLayers([layer(0, [['/cache', 'dir'], ['/cache/a', 30], ['/cache/b', 70]]), layer(1, [['/cache', 'wh']])]));
    expect(w.efficiency).toBe(0);
    expect(w.wastedBytes).toBe(100);
  });

  it('an overwrite keeps the smaller size as the minimum', () => {
    const w = wasteOf(stackLayers([layer(0, [['/f', 40]]), layer(1, [['/f', 10]])]));
    expect(w.efficiency).toBeCloseTo(10 / 50, 10);
    expect(w.wastedBytes).toBe(50);
    expect(w.hiddenBytes).toBe(40);
  });
});
