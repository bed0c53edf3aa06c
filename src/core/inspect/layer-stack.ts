// Layers stacked the way an overlay file system does it: each layer first removes what its
// whiteouts and opaque markers hide in the layers below, then adds or replaces its own entries.
// While stacking, every size a non-directory path ever had is noted, which is what dive's
// efficiency and wasted bytes are computed from (see waste.ts).
import { classifyWhiteout, type LayerEntry, type LayerFiles } from './layer-types.js';

export type FsNodeKind = 'dir' | 'file' | 'symlink' | 'hardlink' | 'other';

/** One path of the stacked file system. */
export interface FsNode {
  name: string;
  kind: FsNodeKind;
  /** Own size (0 for directories). */
  size: number;
  /** Index of the layer that last wrote this path. */
  layer: number;
  children: Map<string, FsNode> | null;
  /** A symlink's target. */
  target?: string;
}

/** What a layer did to the stack. */
export interface LayerEffect {
  index: number;
  /** Bytes the layer holds (sum of its entries' sizes). */
  size: number;
  entries: number;
  /** Non-directory paths new in this layer. */
  added: number;
  /** Non-directory paths this layer replaced. */
  modified: number;
  /** Non-directory paths of lower layers this layer removed (whiteouts, opaque directories, type changes). */
  removed: number;
  /** Bytes of lower layers this layer hid by removing or replacing them. */
  hiddenBytes: number;
  /**
   * What the layer's whiteouts and opaque markers really removed from the layers below. A marker that
   * hides nothing (an opaque marker on a directory the lower layers did not have, as engines write
   * for every new directory of a commit) is no deletion and is not listed.
   */
  removals: Removal[];
}

/** One path a layer removed from the layers below. */
export interface Removal {
  path: string;
  /** An opaque directory: everything the lower layers had below it is gone, the directory stays. */
  opaque: boolean;
  /** Non-directory paths removed. */
  files: number;
  /** Their bytes. */
  bytes: number;
}

/** Every size one path had across the layers (a removal counts as size 0). */
export interface PathHistory {
  min: number;
  total: number;
  count: number;
}

export interface Stack {
  root: FsNode;
  effects: LayerEffect[];
  /** Non-directory paths seen in any layer, with their sizes over the layers. */
  history: Map<string, PathHistory>;
}

function newDir(name: string, layer: number): FsNode {
  return { name, kind: 'dir', size: 0, layer, children: new Map() };
}

function note(history: Map<string, PathHistory>, path: string, size: number): void {
  const seen = history.get(path);
  if (!seen) history.set(path, { min: size, total: size, count: 1 });
  else {
    seen.total += size;
    seen.count += 1;
    if (size < seen.min) seen.min = size;
  }
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** The node at an absolute path, or null. */
export function lookup(root: FsNode, path: string): FsNode | null {
  if (path === '/') return root;
  let node: FsNode | undefined = root;
  let start = 1;
  while (node) {
    const slash = path.indexOf('/', start);
    const name = slash < 0 ? path.slice(start) : path.slice(start, slash);
    node = node.children?.get(name);
    if (slash < 0) return node ?? null;
    start = slash + 1;
  }
  return null;
}

class Stacker {
  readonly root = newDir('/', 0);
  readonly history = new Map<string, PathHistory>();
  private effect: LayerEffect = { index: 0, size: 0, entries: 0, added: 0, modified: 0, removed: 0, hiddenBytes: 0, removals: [] };

  begin(index: number): LayerEffect {
    this.effect = { index, size: 0, entries: 0, added: 0, modified: 0, removed: 0, hiddenBytes: 0, removals: [] };
    return this.effect;
  }

  /** Runs a whiteout's or opaque marker's removal and lists it when it removed anything. */
  private noteRemoval(path: string, opaque: boolean, drop: () => void): void {
    const removed = this.effect.removed;
    const hidden = this.effect.hiddenBytes;
    drop();
    const files = this.effect.removed - removed;
    // An empty lower directory whited out is still a deletion; an opaque marker over nothing is not.
    if (files > 0 || !opaque) this.effect.removals.push({ path, opaque, files, bytes: this.effect.hiddenBytes - hidden });
  }

  /** Every non-directory path under `node` is gone: note a size-0 occurrence for each. */
  private dropSubtree(node: FsNode, path: string): void {
    if (node.kind !== 'dir') {
      note(this.history, path, 0);
      this.effect.removed += 1;
      this.effect.hiddenBytes += node.size;
      return;
    }
    for (const [name, child] of node.children ?? []) this.dropSubtree(child, join(path, name));
  }

  /** The directory at `path`, created (and any file in the way replaced) when missing. */
  private dirAt(path: string, layer: number): FsNode {
    if (path === '/') return this.root;
    let node = this.root;
    let start = 1;
    let walked = '';
    for (;;) {
      const slash = path.indexOf('/', start);
      const name = slash < 0 ? path.slice(start) : path.slice(start, slash);
      walked = `${walked}/${name}`;
      let child = node.children!.get(name);
      if (!child || child.kind !== 'dir') {
        if (child) this.dropSubtree(child, walked);
        child = newDir(name, layer);
        node.children!.set(name, child);
      }
      node = child;
      if (slash < 0) return node;
      start = slash + 1;
    }
  }

  remove(path: string): void {
    const slash = path.lastIndexOf('/');
    const parent = lookup(this.root, slash <= 0 ? '/' : path.slice(0, slash));
    const name = path.slice(slash + 1);
    const node = parent?.children?.get(name);
    if (!parent || !node) return;
    this.noteRemoval(path, false, () => this.dropSubtree(node, path));
    parent.children!.delete(name);
  }

  makeOpaque(dir: string): void {
    const node = lookup(this.root, dir);
    if (!node || node.kind !== 'dir') return;
    this.noteRemoval(dir, true, () => {
      for (const [name, child] of node.children!) this.dropSubtree(child, join(dir, name));
    });
    node.children!.clear();
  }

  add(entry: LayerEntry, layer: number): void {
    this.effect.entries += 1;
    this.effect.size += entry.size;
    if (entry.path === '/') return;
    const slash = entry.path.lastIndexOf('/');
    const parent = this.dirAt(slash <= 0 ? '/' : entry.path.slice(0, slash), layer);
    const name = entry.path.slice(slash + 1);
    const existing = parent.children!.get(name);
    if (entry.kind === 'dir') {
      if (existing?.kind === 'dir') {
        existing.layer = layer;
        return;
      }
      if (existing) this.dropSubtree(existing, entry.path);
      parent.children!.set(name, newDir(name, layer));
      return;
    }
    const kind: FsNodeKind = entry.kind === 'file' || entry.kind === 'symlink' || entry.kind === 'hardlink' ? entry.kind : 'other';
    if (existing && existing.kind !== 'dir') {
      this.effect.modified += 1;
      this.effect.hiddenBytes += existing.size;
    } else {
      if (existing) this.dropSubtree(existing, entry.path);
      this.effect.added += 1;
    }
    note(this.history, entry.path, entry.size);
    const node: FsNode = { name, kind, size: entry.size, layer, children: null };
    if (entry.target !== undefined) node.target = entry.target;
    parent.children!.set(name, node);
  }
}

/** Stack the first `count` layers (all by default) into one file system. */
export function stackLayers(layers: readonly LayerFiles[], count = layers.length): Stack {
  const stacker = new Stacker();
  const effects: LayerEffect[] = [];
  for (const layer of layers.slice(0, count)) {
    const effect = stacker.begin(layer.index);
    // A layer's whiteouts only hide what lies below it, wherever they sit in its tar.
    for (const entry of layer.entries) {
      if (entry.kind === 'whiteout') stacker.remove(entry.path);
      else if (entry.kind === 'opaque') stacker.makeOpaque(entry.path);
    }
    for (const entry of layer.entries) {
      if (entry.kind !== 'whiteout' && entry.kind !== 'opaque') stacker.add(entry, layer.index);
    }
    effects.push(effect);
  }
  return { root: stacker.root, effects, history: stacker.history };
}

/** The layer entry for a tar member: whiteouts recognised by name, sizes as the engines count them. */
export function layerEntry(path: string, type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other', size: number, linkTarget: string | null): LayerEntry {
  const special = classifyWhiteout(path);
  if (special?.kind === 'whiteout') return { path: special.target, kind: 'whiteout', size: 0 };
  if (special?.kind === 'opaque') return { path: special.dir, kind: 'opaque', size: 0 };
  if (type === 'file') return { path, kind: 'file', size };
  if (type === 'symlink') return { path, kind: 'symlink', size: Buffer.byteLength(linkTarget ?? ''), target: linkTarget ?? '' };
  return { path, kind: type, size: 0 };
}
