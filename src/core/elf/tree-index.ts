// A file tree as the ROOT check sees it: every path of an image-to-be with its kind, symlink targets
// resolved inside the tree (an absolute link points into the tree, never to the builder), and the
// ELF facts of the files that are ELF.
import type { ElfInfo } from './elf-reader.js';

export type TreeNode =
  | { kind: 'dir' }
  | { kind: 'file'; size: number; elf: ElfInfo | null }
  | { kind: 'symlink'; target: string }
  | { kind: 'other' };

const MAX_LINK_HOPS = 40;

function parts(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

/** Normalise an absolute path: no `.`, no double slashes, `..` applied. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const p of parts(path)) {
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

/** Parent folder of an absolute path ("/" for top-level entries). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export class TreeIndex {
  private readonly nodes = new Map<string, TreeNode>([['/', { kind: 'dir' }]]);

  /** Add an entry; missing parent folders are added as folders (archives may leave them out). */
  add(path: string, node: TreeNode): void {
    const p = normalizePath(path);
    for (let dir = parentOf(p); dir !== '/' && !this.nodes.has(dir); dir = parentOf(dir)) this.nodes.set(dir, { kind: 'dir' });
    this.nodes.set(p, node);
  }

  get(path: string): TreeNode | undefined {
    return this.nodes.get(normalizePath(path));
  }

  /** Every entry, in insertion order. */
  entries(): IterableIterator<[string, TreeNode]> {
    return this.nodes.entries();
  }

  get size(): number {
    return this.nodes.size;
  }

  /** Follow symlinks in every component; the final path, or null when it leads nowhere in the tree. */
  resolve(path: string): string | null {
    let todo = parts(path);
    let at: string[] = [];
    let hops = 0;
    while (todo.length > 0) {
      const name = todo.shift()!;
      if (name === '..') {
        at.pop();
        continue;
      }
      const candidate = `/${[...at, name].join('/')}`;
      const node = this.nodes.get(candidate);
      if (!node) return null;
      if (node.kind === 'symlink') {
        if (++hops > MAX_LINK_HOPS) return null;
        if (node.target.startsWith('/')) at = [];
        todo = [...parts(node.target), ...todo];
        continue;
      }
      if (todo.length > 0 && node.kind !== 'dir') return null;
      at.push(name);
    }
    return `/${at.join('/')}`;
  }

  /** The node a path finally leads to, after symlinks. */
  lookup(path: string): { path: string; node: TreeNode } | null {
    const resolved = this.resolve(path);
    if (resolved === null) return null;
    const node = this.nodes.get(resolved);
    return node ? { path: resolved, node } : null;
  }
}
