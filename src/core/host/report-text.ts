// `gentoo-wb check` as aligned text: one block per group, problems first, fix lines under problems.
import type { HostCheckResult } from './evaluate.js';
import { FINDING_GROUPS, GROUP_TITLES, problemsFirst, type Finding, type FindingStatus } from './finding.js';

const WORD: Record<FindingStatus, string> = { pass: 'ok', warn: 'WARN', fail: 'FAIL', info: 'info' };

export interface TextOptions {
  /** ASCII only (--plain): menu arrows become ">". */
  ascii: boolean;
  /** Show fix lines for passing and info findings too. */
  allFixes?: boolean;
}

/** One finding as the text report writes it: its status word, then its title. */
export function findingLine(f: Pick<Finding, 'status' | 'title'>): string {
  return `${WORD[f.status].padEnd(4)}  ${f.title}`;
}

function asciiOnly(s: string): string {
  return s.replace(/→/g, '>').replace(/—/g, '-').replace(/[≥]/g, '>=').replace(/[≤]/g, '<=').replace(/[^\x20-\x7e\n]/g, '?');
}

/** One summary line: counts and the verdict. */
function summaryLine(r: HostCheckResult, elapsedMs?: number): string {
  const c = r.counts;
  const time = elapsedMs === undefined ? '' : ` in ${(elapsedMs / 1000).toFixed(2)} s`;
  const verdict = c.fail > 0 ? 'fix the failures before building' : c.warn > 0 ? 'ready, with warnings' : 'ready';
  return `${c.fail} failed, ${c.warn} warnings, ${c.pass} passed, ${c.info} info${time}: ${verdict}`;
}

/** The whole report as lines of text. */
export function reportText(r: HostCheckResult, opts: TextOptions, elapsedMs?: number): string {
  const lines: string[] = [];
  for (const group of FINDING_GROUPS) {
    const items = problemsFirst(r.findings.filter((f) => f.group === group));
    if (items.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(GROUP_TITLES[group]);
    for (const f of items) {
      const gate = f.gate ? ` [${f.gate}]` : '';
      lines.push(`  ${findingLine(f)}${gate}`);
      if (f.status === 'fail' || f.status === 'warn' || opts.allFixes) {
        for (const fix of f.fix) lines.push(`        ${fix}`);
      }
    }
  }
  lines.push('', summaryLine(r, elapsedMs));
  const text = lines.join('\n') + '\n';
  return opts.ascii ? asciiOnly(text) : text;
}
