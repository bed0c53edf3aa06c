// Flag descriptions from an ebuild repository, as the Recipe screen lists them.
import type { IuseFlag } from './iuse.js';

export interface FlagInfo {
  name: string;
  description: string;
  /** use.desc (global) or use.local.desc (described per package). */
  origin: 'global' | 'local';
  /** For local flags: the packages that describe it (first few). */
  packages?: string[];
}

/** Every flag of a tree worth offering in make.conf USE. */
export interface TreeFlags {
  /** What the descriptions were read from, for the screen ("snapshot gentoo/portage:latest"). */
  source: string;
  /** Global flags (sorted), then local-only ones (sorted). */
  flags: FlagInfo[];
  /** cat/pn → flag → description, from use.local.desc. */
  local: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Why there are no descriptions (the tree is empty or missing); absent when all is well. */
  problem?: string;
}

/** One package's flags: IUSE of the best version with the best description for each. */
export interface PackageFlags {
  cp: string;
  version: string | null;
  flags: (IuseFlag & { description: string })[];
  /** Set when the package could not be read (not in the tree…): what to tell the user. */
  problem: string | null;
}
