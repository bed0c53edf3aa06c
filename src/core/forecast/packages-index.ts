// Portage's binary package index (`$PKGDIR/Packages`, and the copy of a binhost's index Portage caches
// under /var/cache/edb/binhost/<host>/<path>/Packages): a header block, then one block per package,
// blocks separated by a blank line, each line `KEY: value`. Keys a package block leaves out are
// inherited from the header (CHOST, REPO) as Portage does (bintree's _pkgindex_inherited_keys).

/** One package of an index, with the fields a forecast compares. */
export interface IndexedBinary {
  cpv: string;
  buildId: number | null;
  /** Enabled USE flags as the package was built (Portage writes only flags in IUSE, plus ARCH). */
  use: string[];
  /** IUSE names without their `+`/`-` defaults. */
  iuse: string[];
  keywords: string[];
  chost: string | null;
  /** File size in bytes (what a binhost download costs). */
  size: number | null;
  repo: string | null;
}

export interface PackagesIndex {
  header: Record<string, string>;
  packages: IndexedBinary[];
}

function block(lines: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

function words(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean);
}

/** Parses a Packages index; text that is no index gives an empty one. */
export function parsePackagesIndex(text: string): PackagesIndex {
  const blocks: string[][] = [[]];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if ((blocks[blocks.length - 1] as string[]).length > 0) blocks.push([]);
    } else (blocks[blocks.length - 1] as string[]).push(line);
  }
  const [first = [], ...rest] = blocks.filter((b) => b.length > 0);
  const header = block(first);
  // An index always starts with its header; a first block with a CPV means there was none.
  const packageBlocks = 'CPV' in header ? [first, ...rest] : rest;
  const packages: IndexedBinary[] = [];
  for (const lines of packageBlocks) {
    const f = block(lines);
    if (!f.CPV) continue;
    const buildId = f.BUILD_ID ? Number(f.BUILD_ID) : NaN;
    const size = f.SIZE ? Number(f.SIZE) : NaN;
    packages.push({
      cpv: f.CPV,
      buildId: Number.isInteger(buildId) ? buildId : null,
      use: words(f.USE),
      iuse: words(f.IUSE).map((w) => w.replace(/^[+-]/, '')),
      keywords: words(f.KEYWORDS),
      chost: f.CHOST ?? ('CPV' in header ? null : (header.CHOST ?? null)),
      size: Number.isFinite(size) ? size : null,
      repo: f.REPO ?? header.REPO ?? null,
    });
  }
  return { header: 'CPV' in header ? {} : header, packages };
}
