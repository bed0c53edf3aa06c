// Where the megabytes of an image belong: each package's files looked up in the final file system
// (what the image really holds, after stripping), each path counted once — for the package that
// merged it last, as Portage's own ownership works.
import { splitCpv } from '../portage/names.js';
import { lookup, type FsNode } from './layer-stack.js';
import type { InstalledPackage, PackageDb, PackageDbSource } from './package-db.js';

export interface PackageSize {
  cpv: string;
  /** `cat/pn`. */
  cp: string;
  version: string;
  slot: string | null;
  repository: string | null;
  use: string[];
  license: string | null;
  /** Bytes of its files the image holds. */
  size: number;
  /** Its files present in the image. */
  files: number;
  /** Files it installed that the image does not hold (stripped or removed). */
  missing: number;
  /** Portage's SIZE at merge time. */
  recordedSize: number | null;
  /** True when the capture had no file list and `size` is Portage's recorded size. */
  estimated: boolean;
  /** The package's largest files in the image, largest first (at most 20). */
  largest: { path: string; size: number }[];
}

export interface PackageSizes {
  source: PackageDbSource | null;
  /** Largest first. */
  packages: PackageSize[];
  /** Bytes of distinct paths some package owns, as the image holds them. */
  ownedBytes: number;
  /** Files some package owns that the image holds. */
  ownedFiles: number;
}

const MAX_HOPS = 16;

/** Resolve a path in the stacked file system, following symlinked directories (merged /usr: /lib → usr/lib). */
function resolvePath(root: FsNode, path: string): { path: string; node: FsNode } | null {
  const direct = lookup(root, path);
  if (direct) return { path, node: direct };
  let parts = path.split('/').filter(Boolean);
  let hops = 0;
  let node = root;
  let at: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    const child = node.children?.get(name);
    if (!child) return null;
    const last = i === parts.length - 1;
    if (child.kind === 'symlink' && !last) {
      if (++hops > MAX_HOPS) return null;
      const target = child.target;
      if (target === undefined) return null;
      const base = target.startsWith('/') ? [] : at;
      parts = [...normalise([...base, ...target.split('/')]), ...parts.slice(i + 1)];
      node = root;
      at = [];
      i = -1;
      continue;
    }
    at.push(name);
    node = child;
  }
  return { path: `/${at.join('/')}`, node };
}

function normalise(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}

function byOwnership(a: InstalledPackage, b: InstalledPackage): number {
  // Later merges first: they own what they overwrote.
  return (b.counter ?? -1) - (a.counter ?? -1) || a.cpv.localeCompare(b.cpv);
}

/** Per-package sizes of a package database against the stacked file system. */
export function packageSizes(db: PackageDb | null, root: FsNode): PackageSizes {
  if (!db) return { source: null, packages: [], ownedBytes: 0, ownedFiles: 0 };
  const claimed = new Set<string>();
  let ownedBytes = 0;
  let ownedFiles = 0;
  const sizes: PackageSize[] = [];
  for (const pkg of [...db.packages].sort(byOwnership)) {
    const split = splitCpv(pkg.cpv);
    let size = 0;
    let files = 0;
    let missing = 0;
    const found: { path: string; size: number }[] = [];
    for (const file of pkg.files) {
      const hit = resolvePath(root, file.path);
      if (!hit || hit.node.kind === 'dir') {
        missing += 1;
        continue;
      }
      if (claimed.has(hit.path)) continue;
      claimed.add(hit.path);
      size += hit.node.size;
      files += 1;
      found.push({ path: hit.path, size: hit.node.size });
    }
    ownedBytes += size;
    ownedFiles += files;
    const estimated = pkg.files.length === 0 && pkg.recordedSize !== null;
    found.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
    sizes.push({
      cpv: pkg.cpv,
      cp: split?.cp ?? pkg.cpv,
      version: split?.version ?? '',
      slot: pkg.slot,
      repository: pkg.repository,
      use: pkg.use,
      license: pkg.license,
      size: estimated ? pkg.recordedSize! : size,
      files,
      missing,
      recordedSize: pkg.recordedSize,
      estimated,
      largest: found.slice(0, 20),
    });
  }
  sizes.sort((a, b) => b.size - a.size || a.cpv.localeCompare(b.cpv));
  return { source: db.source, packages: sizes, ownedBytes, ownedFiles };
}
