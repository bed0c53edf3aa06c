// Two images compared the way Yocto's buildhistory and Buildroot's size-stats-compare do it:
// packages added, removed and changed with their size deltas, the directories that grew most, and
// the total delta in bytes and percent.
import { splitCpv } from '../portage/names.js';
import { buildDirTree, directorySizeMap, type DirNode } from './dir-tree.js';
import { imagePackageDb, type Inspection } from './inspection.js';
import { stackLayers } from './layer-stack.js';
import { packageSizes, type PackageSize } from './package-sizes.js';

/** One side of a diff. */
export interface ImageView {
  /** What it is, for display: "base gentoo/stage3:latest", "previous build 2024…". */
  label: string;
  id: string | null;
  size: number;
  packages: PackageSize[];
  tree: DirNode;
}

export interface PackageSide {
  cpv: string;
  version: string;
  size: number;
  use: string[];
}

export interface PackageDelta {
  /** `cat/pn`, with `:slot` when the package is slotted. */
  key: string;
  kind: 'added' | 'removed' | 'changed';
  before: PackageSide | null;
  after: PackageSide | null;
  /** after − before (bytes). */
  delta: number;
  /** What changed, for `changed`: version, USE, size. */
  reasons: ('version' | 'use' | 'size')[];
}

export interface DirDelta {
  path: string;
  before: number;
  after: number;
  delta: number;
}

export interface ImageDiff {
  from: { label: string; id: string | null; size: number };
  to: { label: string; id: string | null; size: number };
  /** to − from, bytes. */
  delta: number;
  /** delta / from.size × 100; null when the older side is empty. */
  percent: number | null;
  added: PackageDelta[];
  removed: PackageDelta[];
  changed: PackageDelta[];
  unchanged: number;
  /** Directories (down to three levels) that grew, most first. */
  grew: DirDelta[];
  /** Directories that shrank, most first. */
  shrank: DirDelta[];
}

const DIR_DEPTH = 3;

/** The view of an inspected image. */
export function viewOf(ins: Inspection, label: string): ImageView {
  return { label, id: ins.image.id, size: ins.size, packages: ins.packages.packages, tree: ins.tree };
}

/**
 * The base image's own view, computed from the layers the image shares with it (commit-mode images
 * start with every base layer), so diffing against the base needs no second archive. Null when the
 * image shares no layer with its base (scratch images).
 */
export function basePrefixView(ins: Inspection): ImageView | null {
  const shared = ins.base?.layers ?? 0;
  if (!ins.base || shared === 0) return null;
  const stack = stackLayers(ins.source, shared);
  const db = imagePackageDb(ins.source.slice(0, shared), stack);
  const size = ins.layers.slice(0, shared).reduce((sum, l) => sum + l.size, 0);
  return { label: `base ${ins.base.ref}`, id: ins.base.id, size, packages: packageSizes(db, stack.root).packages, tree: buildDirTree(stack.root) };
}

function keyOf(p: PackageSize): string {
  const slot = p.slot?.split('/')[0];
  return slot && slot !== '0' ? `${p.cp}:${slot}` : p.cp;
}

function side(p: PackageSize): PackageSide {
  return { cpv: p.cpv, version: p.version || (splitCpv(p.cpv)?.version ?? ''), size: p.size, use: p.use };
}

function sameFlags(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((f) => set.has(f));
}

function byDelta(a: { delta: number; key?: string; path?: string }, b: { delta: number; key?: string; path?: string }): number {
  return Math.abs(b.delta) - Math.abs(a.delta) || (a.key ?? a.path ?? '').localeCompare(b.key ?? b.path ?? '');
}

/** Compare an older image (`from`) with a newer one (`to`). */
export function diffViews(from: ImageView, to: ImageView): ImageDiff {
  const before = new Map(from.packages.map((p) => [keyOf(p), p]));
  const after = new Map(to.packages.map((p) => [keyOf(p), p]));
  const added: PackageDelta[] = [];
  const removed: PackageDelta[] = [];
  const changed: PackageDelta[] = [];
  let unchanged = 0;
  for (const [key, p] of after) {
    const old = before.get(key);
    if (!old) {
      added.push({ key, kind: 'added', before: null, after: side(p), delta: p.size, reasons: [] });
      continue;
    }
    const reasons: PackageDelta['reasons'] = [];
    if (old.cpv !== p.cpv) reasons.push('version');
    if (!sameFlags(old.use, p.use)) reasons.push('use');
    if (old.size !== p.size) reasons.push('size');
    if (reasons.length === 0) unchanged += 1;
    else changed.push({ key, kind: 'changed', before: side(old), after: side(p), delta: p.size - old.size, reasons });
  }
  for (const [key, p] of before) {
    if (!after.has(key)) removed.push({ key, kind: 'removed', before: side(p), after: null, delta: -p.size, reasons: [] });
  }
  const dirsBefore = directorySizeMap(from.tree, DIR_DEPTH);
  const dirsAfter = directorySizeMap(to.tree, DIR_DEPTH);
  const dirs: DirDelta[] = [];
  for (const path of new Set([...dirsBefore.keys(), ...dirsAfter.keys()])) {
    const b = dirsBefore.get(path)?.size ?? 0;
    const a = dirsAfter.get(path)?.size ?? 0;
    if (a !== b) dirs.push({ path, before: b, after: a, delta: a - b });
  }
  const delta = to.size - from.size;
  return {
    from: { label: from.label, id: from.id, size: from.size },
    to: { label: to.label, id: to.id, size: to.size },
    delta,
    percent: from.size === 0 ? null : (delta / from.size) * 100,
    added: added.sort(byDelta),
    removed: removed.sort(byDelta),
    changed: changed.sort(byDelta),
    unchanged,
    grew: dirs.filter((d) => d.delta > 0).sort(byDelta),
    shrank: dirs.filter((d) => d.delta < 0).sort(byDelta),
  };
}
