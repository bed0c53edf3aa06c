// The ncdu view: sizes summed up the tree, files counted, largest first, and the JSON directory list.
import { describe, expect, it } from 'vitest';
import { buildDirTree, directoriesTo } from '../../../src/core/inspect/dir-tree.js';
import { inspectionJson, buildInspection } from '../../../src/core/inspect/inspection.js';
import { stackLayers } from '../../../src/core/inspect/layer-stack.js';
import { FACTS, layer } from './layers.js';

const layers = [layer(0, [['/usr', 'dir'], ['/usr/lib', 'dir'], ['/usr/lib/a', 300], ['/usr/lib/b', 200], ['/usr/bin', 'dir'], ['/usr/bin/x', 600], ['/etc', 'dir'], ['/etc/z', 5], ['/etc/y', 5], ['/empty', 'dir']])];

describe('buildDirTree', () => {
  it('sums sizes and counts files up the tree, largest first then by name', () => {
    const tree = buildDirTree(stackLayers(layers).root);
    expect([tree.size, tree.files]).toEqual([1110, 5]);
    expect(tree.children!.map((c) => [c.path, c.size, c.files])).toEqual([['/usr', 1100, 3], ['/etc', 10, 2], ['/empty', 0, 0]]);
    expect(tree.children![0]!.children!.map((c) => c.name)).toEqual(['bin', 'lib']);
    expect(tree.children![1]!.children!.map((c) => c.name)).toEqual(['y', 'z']);
  });

  it('lists directories down to a depth, largest first', () => {
    const tree = buildDirTree(stackLayers(layers).root);
    expect(directoriesTo(tree, 1).map((d) => d.path)).toEqual(['/usr', '/etc', '/empty']);
    expect(directoriesTo(tree, 2).map((d) => [d.path, d.size])).toEqual([['/usr', 1100], ['/usr/bin', 600], ['/usr/lib', 500], ['/etc', 10], ['/empty', 0]]);
  });
});

describe('inspectionJson', () => {
  it('has the documented shape', () => {
    const json = inspectionJson(buildInspection({ image: FACTS, layers, base: null, recordedDb: null, build: null }), 1);
    expect(json).toMatchObject({ id: 'sha256:feed', size: 1110, layers: [{ size: 1110, createdBy: 'step 0' }], packages: [], dirs: [{ path: '/usr', size: 1100 }, { path: '/etc', size: 10 }, { path: '/empty', size: 0 }], wastedBytes: 0, efficiency: 1 });
  });
});
