// The Directories tab's row model: expanded rows depth-first in each order, filtered matches, and
// the ancestors a reveal opens.
import { describe, expect, it } from 'vitest';
import { buildDirTree } from '../../../../../src/core/inspect/dir-tree.js';
import { stackLayers } from '../../../../../src/core/inspect/layer-stack.js';
import { ancestors, matchingRows, treeRows } from '../../../../../src/ui/screens/result/dirs/tree-rows.js';
import { layer } from '../../../../core/inspect/layers.js';

const root = buildDirTree(stackLayers([layer(0, [['/b', 'dir'], ['/b/x', 5], ['/b/yy', 50], ['/b/zz', 'dir'], ['/b/zz/1', 1], ['/b/zz/2', 1], ['/b/zz/3', 1], ['/a', 40], ['/c', 'dir']])]).root);

describe('treeRows', () => {
  it('lists the top level, then the children of each expanded directory under it', () => {
    expect(treeRows(root, new Set(), 'size').map((r) => r.node.path)).toEqual(['/b', '/a', '/c']);
    const open = treeRows(root, new Set(['/b', '/b/zz']), 'size');
    expect(open.map((r) => [r.node.path, r.depth])).toEqual([['/b', 0], ['/b/yy', 1], ['/b/x', 1], ['/b/zz', 1], ['/b/zz/1', 2], ['/b/zz/2', 2], ['/b/zz/3', 2], ['/a', 0], ['/c', 0]]);
    expect(open[1]!.parentSize).toBe(58);
  });
  it('orders by name or file count when asked, without touching the tree', () => {
    const b = root.children!.find((c) => c.name === 'b')!;
    const under = (sort: 'name' | 'files') => treeRows(root, new Set(['/b']), sort).filter((r) => r.depth === 1).map((r) => r.node.name);
    expect(under('name')).toEqual(['x', 'yy', 'zz']);
    expect(under('files')).toEqual(['zz', 'x', 'yy']);
    expect(b.children!.map((c) => c.name)).toEqual(['yy', 'x', 'zz']);
  });
});

describe('matchingRows and ancestors', () => {
  it('finds paths anywhere, largest first, counting beyond the limit', () => {
    expect(matchingRows(root, 'Z').rows.map((r) => r.node.path)).toEqual(['/b/zz', '/b/zz/1', '/b/zz/2', '/b/zz/3']);
    expect(matchingRows(root, 'zz/', 2)).toMatchObject({ total: 3, rows: [{ node: { path: '/b/zz/1' } }, { node: { path: '/b/zz/2' } }] });
  });
  it('names the directories to open for a path', () => {
    expect(ancestors('/b/zz/1')).toEqual(['/b', '/b/zz']);
    expect(ancestors('/a')).toEqual([]);
  });
});
