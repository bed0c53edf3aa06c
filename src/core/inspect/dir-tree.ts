// The final file system as a tree with sizes summed up the directories and files counted, children
// largest first: the ncdu view of an image. Built once per inspection; the screen only walks it.
import type { FsNode, FsNodeKind } from './layer-stack.js';

export interface DirNode {
  name: string;
  path: string;
  kind: FsNodeKind;
  /** A file's own size; for a directory the sum of everything below it. */
  size: number;
  /** Non-directory entries at or below this node (1 for a file). */
  files: number;
  /** Layer that last wrote this path. */
  layer: number;
  /** Largest first (then by name); null for non-directories. */
  children: DirNode[] | null;
}

function childPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

function build(node: FsNode, path: string): DirNode {
  if (node.kind !== 'dir') return { name: node.name, path, kind: node.kind, size: node.size, files: 1, layer: node.layer, children: null };
  const children: DirNode[] = [];
  let size = 0;
  let files = 0;
  for (const [name, child] of node.children ?? []) {
    const built = build(child, childPath(path, name));
    size += built.size;
    files += built.files;
    children.push(built);
  }
  children.sort(bySize);
  return { name: node.name, path, kind: 'dir', size, files, layer: node.layer, children };
}

/** Largest first, then by name: the order ncdu shows. */
function bySize(a: DirNode, b: DirNode): number {
  return b.size - a.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The tree of a stacked file system. */
export function buildDirTree(root: FsNode): DirNode {
  return build(root, '/');
}

export interface DirSize {
  path: string;
  size: number;
  files: number;
}

/** Every directory down to `depth` levels below the root (1 = top-level ones), largest first. */
export function directoriesTo(tree: DirNode, depth: number): DirSize[] {
  const out: DirSize[] = [];
  const walk = (node: DirNode, level: number) => {
    for (const child of node.children ?? []) {
      if (child.kind !== 'dir') continue;
      out.push({ path: child.path, size: child.size, files: child.files });
      if (level < depth) walk(child, level + 1);
    }
  };
  walk(tree, 1);
  return out.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
}

/** Directory sizes by path down to `depth`, for diffs. */
export function directorySizeMap(tree: DirNode, depth: number): Map<string, DirSize> {
  return new Map(directoriesTo(tree, depth).map((d) => [d.path, d]));
}
