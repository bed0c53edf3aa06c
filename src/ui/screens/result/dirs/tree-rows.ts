// The Directories tab's rows: the expanded part of the tree flattened depth-first (children in the
// chosen order), or — while a filter is set — every path that matches, largest first. Only the
// window of rows on screen is ever drawn, so a 100,000-file directory costs one pass per expand.
import type { DirNode } from '../../../../core/inspect/dir-tree.js';

export type TreeSort = 'size' | 'name' | 'files';
export const TREE_SORTS: readonly TreeSort[] = ['size', 'name', 'files'];

export interface TreeRow {
  node: DirNode;
  depth: number;
  /** Size of the parent (the bar is the share of it). */
  parentSize: number;
}

const byName = (a: DirNode, b: DirNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A node's children in the chosen order (the tree is stored largest first). */
function sortedChildren(node: DirNode, sort: TreeSort): readonly DirNode[] {
  const children = node.children ?? [];
  if (sort === 'size') return children;
  const copy = [...children];
  return sort === 'name' ? copy.sort(byName) : copy.sort((a, b) => b.files - a.files || byName(a, b));
}

/** The visible rows: the root's children, and the children of every expanded directory below. */
export function treeRows(root: DirNode, expanded: ReadonlySet<string>, sort: TreeSort): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: DirNode, depth: number) => {
    for (const child of sortedChildren(node, sort)) {
      rows.push({ node: child, depth, parentSize: node.size });
      if (child.children && expanded.has(child.path)) walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return rows;
}

/** Every node whose path holds the query (case-insensitive), largest first, at most `limit`. */
export function matchingRows(root: DirNode, query: string, limit = 5000): { rows: TreeRow[]; total: number } {
  const needle = query.toLowerCase();
  const found: DirNode[] = [];
  let total = 0;
  const walk = (node: DirNode) => {
    for (const child of node.children ?? []) {
      if (child.path.toLowerCase().includes(needle)) {
        total += 1;
        found.push(child);
      }
      if (child.children) walk(child);
    }
  };
  walk(root);
  found.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  return { rows: found.slice(0, limit).map((node) => ({ node, depth: 0, parentSize: root.size })), total };
}

/** The directories on the way to `path` (for opening the tree down to a filtered match). */
export function ancestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}
