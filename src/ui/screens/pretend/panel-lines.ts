// The text of the problems panel, the changes panel and a package's detail, wrapped to a width.
// Pure: the components only draw these lines.
import type { ProblemExplanation } from '../../../core/pretend/problem-explanation.js';
import { decoratedFlag, flagMeaning, formatKiB } from '../../../core/pretend/package-summary.js';
import type { PackageChange } from '../../../core/portage/pretend/pretend-types.js';
import { wrapLine } from '../../../core/format/wrap.js';
import { forecastBasis, fromText, roughDuration } from '../../../core/forecast/forecast-text.js';
import type { TextLine } from '../../components/text-lines/text-lines.js';
import type { TableRow } from './table-model.js';

export type PanelLine = TextLine;

export interface PanelGlyphs {
  fail: string;
  warn: string;
  arrow: string;
}

/** Portage's lines are shown for errors it words itself; blockers and conflicts are explained instead. */
const SHOW_PORTAGE_LINES = new Set(['masked', 'no-ebuilds', 'invalid-atom', 'required-use', 'other']);

function wrapped(text: string, width: number, indent: string, style: Omit<PanelLine, 'text'> = {}): PanelLine[] {
  return wrapLine(`${indent}${text}`, width, indent).map((t) => ({ text: t, ...style }));
}

/** Each problem: a marked title, what is wrong, what to do, and Portage's own lines for errors. */
export function problemLines(problems: readonly ProblemExplanation[], width: number, glyphs: PanelGlyphs): PanelLine[] {
  const out: PanelLine[] = [];
  for (const p of problems) {
    const error = p.severity === 'error';
    out.push(...wrapped(`${error ? glyphs.fail : glyphs.warn} ${p.title}`, width, '', { tone: error ? 'fail' : 'warn', bold: true }));
    if (p.text) out.push(...wrapped(p.text, width, '  '));
    if (p.fix) out.push(...wrapped(`What to do: ${p.fix}.`, width, '  ', { tone: 'info' }));
    if (SHOW_PORTAGE_LINES.has(p.kind) && p.portageLines.length > 0) {
      out.push({ text: '  Portage said:', tone: 'muted' });
      for (const l of p.portageLines) out.push(...wrapped(l, width, '    ', { tone: 'muted' }));
    }
  }
  return out;
}

/** Portage's requested lines by file, with who needs them, and how to apply them. */
export function changeLines(changes: readonly PackageChange[], width: number, canApply: boolean): PanelLine[] {
  const out: PanelLine[] = [];
  for (const c of changes) {
    out.push(...wrapped(`${c.file}: ${c.line}`, width, '', { tone: 'changed', bold: true }));
    if (c.requiredBy.length > 0) out.push(...wrapped(`required by ${c.requiredBy.join(' ← ')}`, width, '  ', { tone: 'muted' }));
  }
  if (changes.length > 0) {
    out.push(...wrapped(canApply ? 'a writes these lines into the recipe and runs pretend again.' : 'Open a recipe to apply these lines.', width, '', { tone: 'info' }));
  }
  return out;
}

/** Everything about one merge-list line: what its letters mean, every USE flag and Portage's line. */
export function detailLines(row: TableRow, rawLine: string, problems: readonly ProblemExplanation[], width: number, glyphs: PanelGlyphs): PanelLine[] {
  const { pkg, summary } = row;
  const out: PanelLine[] = [];
  const title = pkg.kind === 'blocks' ? `${pkg.cpv} (blocker)` : `${pkg.cpv}${pkg.slot ? `:${pkg.slot}${pkg.subslot ? `/${pkg.subslot}` : ''}` : ''}${pkg.repo ? `::${pkg.repo}` : ''}`;
  out.push(...wrapped(`${title}   [${pkg.flags}]`, width, '', { bold: true }));
  out.push(...wrapped(summary.statusWords.join(', ') || 'no change', width, '  '));
  if (pkg.kind !== 'blocks') {
    const facts = [`root ${pkg.root}`];
    if (summary.oldVersion) facts.push(`installed ${pkg.oldVersions.map((o) => o.version).join(', ')} ${glyphs.arrow} ${pkg.version}`);
    if (pkg.downloadKiB !== null) facts.push(`download ${formatKiB(pkg.downloadKiB)}`);
    out.push(...wrapped(facts.join(' · '), width, '  '));
  }
  if (row.forecast) {
    const f = row.forecast;
    out.push(...wrapped(`${fromText(f)} · ${roughDuration(f.seconds)} (${forecastBasis(f)})`, width, '  ', { tone: f.from === 'source' ? (f.reason && f.reason.kind !== 'missing' ? 'warn' : undefined) : 'pass' }));
    if (f.reason) out.push(...wrapped(f.reason.detail, width, '    '));
  }
  if (pkg.blocker) {
    out.push(...wrapped(`${pkg.blocker.blocking.join(', ')} ${pkg.blocker.strength === 'hard' ? 'hard-blocks' : 'blocks'} ${pkg.blocker.atom}; ${pkg.blocker.satisfied ? 'Portage resolves it by itself' : 'Portage cannot resolve it'}.`, width, '  '));
    const cp = pkg.cpv.replace(/^[!<>=~]+/, '');
    for (const p of problems.filter((x) => x.kind === 'blocker' && x.title.includes(cp))) {
      out.push(...wrapped(`${p.title}: ${p.fix ?? ''}`, width, '  ', { tone: 'fail' }));
    }
  }
  if (pkg.use.length > 0) {
    out.push({ text: '' });
    out.push(...wrapped('USE flags (* changed, % new in IUSE, () forced or masked by the profile):', width, '', { bold: true }));
    const names = pkg.use.map((f) => `${f.group === 'USE' ? '' : `${f.group}: `}${decoratedFlag(f)}`);
    const col = Math.min(Math.max(...names.map((n) => n.length)) + 2, Math.floor(width / 2));
    pkg.use.forEach((f, i) => {
      const name = names[i] ?? '';
      const text = `  ${name.padEnd(col)}${flagMeaning(f)}`;
      out.push(...wrapped(text.slice(2), width, '  ', f.changed || f.newFlag ? { tone: 'changed' } : {}));
    });
  }
  if (rawLine) {
    out.push({ text: '' });
    out.push({ text: "Portage's line:", bold: true });
    out.push(...wrapped(rawLine, width, '  ', { tone: 'muted' }));
  }
  return out;
}
