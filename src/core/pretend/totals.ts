// The totals under the merge list, said once for the Pretend screen and `gentoo-wb pretend`:
// Portage's own `Total:` line (its count and its download size, which leaves out files already in
// the distfiles cache) or, when Portage printed none, the merge list added up. The unit is always
// KiB as Portage counts it (old `kB` output was computed the same way, 1024 bytes).
import type { PretendResult, PretendTotal } from '../portage/pretend/pretend-types.js';
import { formatKiB } from './package-summary.js';

export interface PretendTotals {
  packages: number;
  /** `6 new`, `2 upgrades`, `8 binaries`, in Portage's order. */
  details: string[];
  downloadKiB: number;
  /** `Fetch Restriction: 1 package (1 unsatisfied)`, `Conflict: 1 block (1 unsatisfied)`. */
  extra: string[];
  /** Where the numbers come from: Portage's Total line, or the rows added up. */
  source: 'portage' | 'rows';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function detailsOf(t: PretendTotal): string[] {
  const parts: string[] = [];
  if (t.upgrades) parts.push(plural(t.upgrades, 'upgrade', 'upgrades'));
  if (t.downgrades) parts.push(plural(t.downgrades, 'downgrade', 'downgrades'));
  if (t.new) parts.push(`${t.new} new`);
  if (t.newSlots) parts.push(plural(t.newSlots, 'in new slot', 'in new slots'));
  if (t.reinstalls) parts.push(plural(t.reinstalls, 'reinstall', 'reinstalls'));
  if (t.binaries) parts.push(plural(t.binaries, 'binary', 'binaries'));
  if (t.uninstalls) parts.push(plural(t.uninstalls, 'uninstall', 'uninstalls'));
  if (t.interactive) parts.push(`${t.interactive} interactive`);
  return parts;
}

function extraOf(t: PretendTotal): string[] {
  const out: string[] = [];
  if (t.fetchRestriction) {
    const f = t.fetchRestriction;
    out.push(`Fetch Restriction: ${plural(f.packages, 'package', 'packages')}${f.unsatisfied ? ` (${f.unsatisfied} unsatisfied)` : ''}`);
  }
  if (t.conflict) {
    const c = t.conflict;
    out.push(`Conflict: ${plural(c.blocks, 'block', 'blocks')} (${c.unsatisfied ? `${c.unsatisfied} unsatisfied` : 'all satisfied'})`);
  }
  return out;
}

/** The totals of a pretend result; null when there is no merge list and no Total line. */
function pretendTotals(result: PretendResult): PretendTotals | null {
  const t = result.total;
  if (t) return { packages: t.packages, details: detailsOf(t), downloadKiB: t.downloadKiB, extra: extraOf(t), source: 'portage' };
  const merged = result.packages.filter((p) => p.kind === 'ebuild' || p.kind === 'binary');
  if (merged.length === 0) return null;
  const downloadKiB = merged.reduce((sum, p) => sum + (p.downloadKiB ?? 0), 0);
  return { packages: merged.length, details: [], downloadKiB, extra: [], source: 'rows' };
}

/** `Total: 8 packages (8 binaries), downloads 56 KiB` and the Fetch Restriction / Conflict lines; empty without totals. */
export function totalsLines(result: PretendResult): string[] {
  const t = pretendTotals(result);
  if (!t) return [];
  const details = t.details.length > 0 ? ` (${t.details.join(', ')})` : '';
  return [`Total: ${plural(t.packages, 'package', 'packages')}${details}, downloads ${formatKiB(t.downloadKiB)}`, ...t.extra];
}
