// `Total: 5 packages (2 upgrades, 1 in new slot, 2 reinstalls), Size of downloads: 0 KiB` and the
// `Fetch Restriction:` / `Conflict:` lines that follow it.
import { parseSizeText } from './size.js';
import type { PretendTotal } from './pretend-types.js';

const TOTAL_RE = /^Total: (\d+) packages?(?: \(([^)]*)\))?, Size of downloads: (.{1,40})$/;
const OLD_TOTAL_RE = /^Total size of downloads: (.{1,40})$/;
const DETAIL_RE = /^(\d+) (upgrades?|downgrades?|new|in new slots?|reinstalls?|binary|binaries|uninstalls?|interactive)$/;

function emptyTotal(): PretendTotal {
  return {
    packages: 0, upgrades: 0, downgrades: 0, new: 0, newSlots: 0, reinstalls: 0, binaries: 0, uninstalls: 0,
    interactive: 0, downloadKiB: 0, sizeUnit: 'KiB', fetchRestriction: null, conflict: null,
  };
}

/** Parses a `Total:` line (or the pre-2007 `Total size of downloads:`); null when it is not one. */
export function parseTotalLine(line: string): PretendTotal | null {
  const m = TOTAL_RE.exec(line);
  const old = m ? null : OLD_TOTAL_RE.exec(line);
  if (!m && !old) return null;
  const total = emptyTotal();
  const size = parseSizeText((m ? m[3] : old?.[1]) ?? '');
  if (size) {
    total.downloadKiB = size.kib;
    total.sizeUnit = size.unit;
  }
  if (!m) return total;
  total.packages = Number(m[1]);
  for (const part of (m[2] ?? '').split(', ')) {
    const d = DETAIL_RE.exec(part.trim());
    if (!d) continue;
    const n = Number(d[1]);
    const word = d[2] ?? '';
    if (word.startsWith('upgrade')) total.upgrades = n;
    else if (word.startsWith('downgrade')) total.downgrades = n;
    else if (word === 'new') total.new = n;
    else if (word.startsWith('in new slot')) total.newSlots = n;
    else if (word.startsWith('reinstall')) total.reinstalls = n;
    else if (word === 'binary' || word === 'binaries') total.binaries = n;
    else if (word.startsWith('uninstall')) total.uninstalls = n;
    else if (word === 'interactive') total.interactive = n;
  }
  return total;
}

const FETCH_RE = /^Fetch Restriction: (\d+) packages?(?: \((\d+) unsatisfied\))?$/;
const CONFLICT_RE = /^Conflict: (\d+) blocks?(?: \((?:(\d+) unsatisfied|(all satisfied))\))?$/;

/** Applies a `Fetch Restriction:` or `Conflict:` line to the total; false when it is neither. */
export function applyTotalContinuation(total: PretendTotal, line: string): boolean {
  const f = FETCH_RE.exec(line);
  if (f) {
    total.fetchRestriction = { packages: Number(f[1]), unsatisfied: f[2] ? Number(f[2]) : 0 };
    return true;
  }
  const c = CONFLICT_RE.exec(line);
  if (c) {
    const unsatisfied = c[2] ? Number(c[2]) : 0;
    // Before 3.0.27 Portage printed nothing after the count when every block was satisfied.
    total.conflict = { blocks: Number(c[1]), unsatisfied, allSatisfied: unsatisfied === 0 };
    return true;
  }
  return false;
}
