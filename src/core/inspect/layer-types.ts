// What one image layer holds, as read from its tar: every entry with its size, whiteouts kept as
// they are (the stacking decides what they remove). Paths are absolute ("/usr/bin/x"), the way
// Portage's CONTENTS names them, so package files and layer files meet without translation.

export type LayerEntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other' | 'whiteout' | 'opaque';

export interface LayerEntry {
  /** Absolute path, no trailing slash. For a whiteout: the path it removes; for opaque: the directory. */
  path: string;
  kind: LayerEntryKind;
  /**
   * Bytes the entry adds to the layer the way the engines count a layer's size: a file's length, a
   * symlink's target length, 0 for directories, hard links (counted once, at the original) and whiteouts.
   */
  size: number;
  /** A symlink's target as written. */
  target?: string;
}

/** One layer of an image, bottom first. */
export interface LayerFiles {
  /** Position from the bottom (0 = first). */
  index: number;
  /** The layer's diff ID (sha256 of the uncompressed tar), when the archive says it. */
  diffId: string | null;
  /** The history step that made it (`created_by`), empty when unknown. */
  createdBy: string;
  /** ISO 8601, empty when unknown. */
  created: string;
  entries: LayerEntry[];
  /** Small files read whole while scanning (the package database), by absolute path. */
  captured: Map<string, string>;
}

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

/** A tar member name as an absolute path: "./usr/bin/" and "usr/bin" both become "/usr/bin". */
export function normalizeTarPath(name: string): string {
  let p = name;
  while (p.startsWith('./')) p = p.slice(2);
  while (p.startsWith('/')) p = p.slice(1);
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p === '' || p === '.' ? '/' : `/${p}`;
}

/** The parent directory of an absolute path ("/" for top-level entries). */
function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** The last component of an absolute path. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * What an entry name means for the layer stack: an OCI/aufs whiteout (`dir/.wh.name` removes
 * `dir/name`), an opaque marker (`dir/.wh..wh..opq` hides everything lower layers put in `dir`), or
 * an ordinary entry.
 */
export function classifyWhiteout(path: string): { kind: 'whiteout'; target: string } | { kind: 'opaque'; dir: string } | null {
  const name = baseName(path);
  if (!name.startsWith(WHITEOUT_PREFIX)) return null;
  const dir = parentPath(path);
  if (name === OPAQUE_MARKER) return { kind: 'opaque', dir };
  const target = name.slice(WHITEOUT_PREFIX.length);
  if (target === '') return null;
  return { kind: 'whiteout', target: dir === '/' ? `/${target}` : `${dir}/${target}` };
}
