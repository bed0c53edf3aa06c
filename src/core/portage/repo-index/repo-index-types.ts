// The package index of an ebuild repository as data: every category/package with its versions,
// their KEYWORDS, SLOT and DESCRIPTION (from metadata/md5-cache), and which versions the profile masks.

/** How a version stands for the profile's architecture. */
export type KeywordState = 'stable' | 'testing' | 'unkeyworded';

/** One package mask as the profile stack leaves it. */
export interface MaskEntry {
  atom: string;
  /** File it came from, relative to the repository (`profiles/package.mask`). */
  file: string;
  /** The comment block above the entry, joined into one line ('' when none). */
  reason: string;
}

export interface IndexedVersion {
  version: string;
  slot: string;
  keywords: string[];
  /** Against the profile's ARCH (unkeyworded when the arch is unknown and KEYWORDS is empty). */
  state: KeywordState;
  /** The mask that hides it, or null. */
  mask: MaskEntry | null;
}

export interface IndexedPackage {
  /** `cat/pn` */
  cp: string;
  category: string;
  name: string;
  /** Of the newest version. */
  description: string;
  /** Oldest first (Portage's order). */
  versions: IndexedVersion[];
}

export interface RepoIndex {
  /** For people: "snapshot gentoo/portage:latest", "the tree in gentoo/stage3:amd64-openrc". */
  source: string;
  /** ARCH of the profile (`amd64`), or null when no profile was read. */
  arch: string | null;
  /** The profile's path under profiles/, or null. */
  profile: string | null;
  /** Sorted by cp. */
  packages: IndexedPackage[];
  masks: MaskEntry[];
}

/** The fields gentoo-wb reads from one md5-cache file. */
export interface CacheEntry {
  description: string;
  slot: string;
  keywords: string[];
  iuse: string[];
}
