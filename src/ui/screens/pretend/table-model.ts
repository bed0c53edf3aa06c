// The merge list as table rows that fit any width: fixed status and size columns, the package,
// the version change and the changed USE flags sharing what is left. Pure, so it is tested alone.
import { fitEnd, fitStart } from '../../../core/format/fit.js';
import { formatKiB, summarisePackage, decoratedFlag, type PackageSummary } from '../../../core/pretend/package-summary.js';
import type { PretendPackage, PretendResult } from '../../../core/portage/pretend/pretend-types.js';
import type { Forecast, PackageForecast } from '../../../core/forecast/forecast-types.js';
import { FROM_MARKER } from '../../../core/forecast/forecast-text.js';

export interface TableRow {
  pkg: PretendPackage;
  summary: PackageSummary;
  /** Where it comes from and how long it takes, when the run has a forecast. */
  forecast: PackageForecast | null;
  /** Lower-case text `/` searches: status, atom, versions and every flag as Portage prints it. */
  haystack: string;
}

export interface ColumnWidths {
  status: number;
  atom: number;
  version: number;
  use: number;
  size: number;
  /** The ROOT column (0: every package goes to /, no column). */
  root: number;
  /** The FROM column (`bin`/`pkg`/`src`; 0 without a forecast). */
  from: number;
}

export interface RowCells {
  status: string;
  atom: string;
  version: string;
  use: string;
  size: string;
  /** `/destination` or `/` (empty without a ROOT column). */
  root: string;
  /** `src`, `pkg`, `bin` (empty without a FROM column). */
  from: string;
}

export interface TableGlyphs {
  arrow: string;
  ellipsis: string;
}

/** Width taken by the focus marker in front of every row. */
export const MARKER_WIDTH = 2;
const STATUS_WIDTH = 6;
const SIZE_WIDTH = 9;
const GAPS = 3;
/** `FROM` over `bin`/`pkg`/`src`. */
const FROM_WIDTH = 4;

/** One row per merge-list line, with its forecast when there is one. */
export function tableRows(result: PretendResult, forecast: Forecast | null = null): TableRow[] {
  const byIndex = new Map((forecast?.packages ?? []).map((f) => [f.index, f]));
  return result.packages.map((pkg, i) => {
    const summary = summarisePackage(pkg);
    const flags = pkg.use.map(decoratedFlag).join(' ');
    const blocking = pkg.blocker ? pkg.blocker.blocking.join(' ') : '';
    const f = byIndex.get(i) ?? null;
    return { pkg, summary, forecast: f, haystack: `${f ? `${FROM_MARKER[f.from]} ` : ''}${summary.status} ${pkg.cpv} ${summary.oldVersion ?? ''} ${flags} ${blocking} ${pkg.root}`.toLowerCase() };
  });
}

function atomText(row: TableRow): string {
  return `${' '.repeat(row.pkg.depth)}${row.summary.atom}`;
}

function versionText(row: TableRow, arrow: string): string {
  const s = row.summary;
  return s.oldVersion ? `${s.oldVersion}${arrow}${s.newVersion}` : s.newVersion;
}

/** Where the package is merged: `/destination` for `to /destination/`, `/` for the host's own ROOT. */
function rootText(row: TableRow): string {
  if (row.pkg.kind === 'blocks') return '';
  return row.pkg.root === '/' ? '/' : row.pkg.root.replace(/\/+$/, '');
}

/** True when some package goes to another ROOT than / (scratch mode): the table then shows a ROOT column. */
function hasOtherRoot(rows: readonly TableRow[]): boolean {
  return rows.some((r) => r.pkg.kind !== 'blocks' && r.pkg.root !== '/');
}

const ROOT_MAX = 16;

function useText(row: TableRow): string {
  if (row.pkg.kind === 'blocks' && row.pkg.blocker) return `blocked by ${row.pkg.blocker.blocking.join(', ')}`;
  return row.summary.useText;
}

/** Column widths for the table at `width` (marker included). */
export function columnWidths(width: number, rows: readonly TableRow[], arrow = '→'): ColumnWidths {
  // ROOT (scratch mode: the same package can be listed for / and for /destination) comes first: it
  // tells rows apart that are otherwise the same.
  const root = hasOtherRoot(rows) ? Math.min(ROOT_MAX, Math.max('ROOT'.length, ...rows.map((r) => rootText(r).length))) : 0;
  const from = rows.some((r) => r.forecast) ? FROM_WIDTH : 0;
  const room = Math.max(12, width - MARKER_WIDTH - STATUS_WIDTH - SIZE_WIDTH - GAPS - (root > 0 ? root + 1 : 0) - (from > 0 ? from + 1 : 0));
  const want = (f: (r: TableRow) => string, header: string) => Math.max(header.length, ...rows.map((r) => f(r).length));
  const atomWant = want(atomText, 'PACKAGE');
  const versionWant = want((r) => versionText(r, arrow), 'VERSION');
  const useWant = want(useText, 'USE');
  if (atomWant + versionWant + useWant <= room) {
    return { status: STATUS_WIDTH, atom: atomWant, version: versionWant, use: room - atomWant - versionWant, size: SIZE_WIDTH, root, from };
  }
  const version = Math.min(versionWant, 18);
  let use = Math.min(useWant, Math.max(10, Math.floor((room - version) * 0.4)));
  let atom = room - version - use;
  if (atom > atomWant) {
    use += atom - atomWant;
    atom = atomWant;
  }
  return { status: STATUS_WIDTH, atom, version, use, size: SIZE_WIDTH, root, from };
}

/** As many whole space-separated tokens as fit, then `+N` for the rest. */
function fitTokens(tokens: readonly string[], width: number, ellipsis = '…'): string {
  const all = tokens.join(' ');
  if (all.length <= width) return all;
  for (let n = tokens.length - 1; n >= 1; n--) {
    const text = `${tokens.slice(0, n).join(' ')} +${tokens.length - n}`;
    if (text.length <= width) return text;
  }
  return fitEnd(all, width, ellipsis);
}

/** The text of each cell of a row, padded or cut to its column. */
export function rowCells(row: TableRow, widths: ColumnWidths, glyphs: TableGlyphs): RowCells {
  const use = row.pkg.kind === 'blocks' ? fitEnd(useText(row), widths.use, glyphs.ellipsis) : fitTokens(row.summary.useText ? row.summary.useText.split(' ') : [], widths.use, glyphs.ellipsis);
  return {
    status: fitEnd(row.summary.status, widths.status, glyphs.ellipsis).padEnd(widths.status),
    atom: fitEnd(atomText(row), widths.atom, glyphs.ellipsis).padEnd(widths.atom),
    version: fitStart(versionText(row, glyphs.arrow), widths.version, glyphs.ellipsis).padEnd(widths.version),
    use: use.padEnd(widths.use),
    size: formatKiB(row.summary.downloadKiB).padStart(widths.size),
    root: widths.root > 0 ? fitStart(rootText(row), widths.root, glyphs.ellipsis).padEnd(widths.root) : '',
    from: widths.from > 0 ? (row.forecast ? FROM_MARKER[row.forecast.from] : '').padEnd(widths.from) : '',
  };
}

/** Indexes of rows matching a search (case-insensitive substring); none for an empty query. */
export function searchMatches(rows: readonly TableRow[], query: string): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return rows.flatMap((r, i) => (r.haystack.includes(q) ? [i] : []));
}

/** The next match after (or before, backwards) `from`, wrapping around; -1 without matches. */
export function nextMatch(matches: readonly number[], from: number, backwards = false): number {
  if (matches.length === 0) return -1;
  if (backwards) return [...matches].reverse().find((m) => m < from) ?? matches[matches.length - 1]!;
  return matches.find((m) => m > from) ?? matches[0]!;
}
