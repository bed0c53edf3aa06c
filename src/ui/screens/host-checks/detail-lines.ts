// The detail of one finding as wrapped lines: title, where it belongs, why it matters, and the fix
// (every fix line shown whole; long ones continue indented on the next line).
import { GROUP_TITLES, type Finding, type FindingStatus } from '../../../core/host/finding.js';
import { wrapLine } from '../../../core/format/wrap.js';
import type { TextLine } from '../../components/text-lines/text-lines.js';

export type DetailLine = TextLine;

const WORD: Record<FindingStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', info: 'INFO' };

function valueText(v: Finding['value']): string {
  return v === null ? 'none' : String(v);
}

/** The lines of the detail view for a width (in columns). */
export function detailLines(f: Finding, width: number): DetailLine[] {
  const lines: DetailLine[] = [];
  const push = (text: string, indent: string, style: Omit<DetailLine, 'text'> = {}, hang = indent) => {
    for (const l of wrapLine(indent + text, width, hang)) lines.push({ text: l, ...style });
  };
  push(`${WORD[f.status]}  ${f.title}`, '', { tone: f.status, bold: true }, '      ');
  const gate = f.gate ? ` · applies on ${f.gate}` : '';
  push(`${GROUP_TITLES[f.group]} · ${f.id} · value: ${valueText(f.value)}${gate}`, '', { tone: 'muted' });
  lines.push({ text: '' });
  lines.push({ text: 'Why it matters', tone: 'title', bold: true });
  push(f.detail, '  ');
  lines.push({ text: '' });
  if (f.fix.length === 0) {
    lines.push({ text: 'Nothing to fix.', tone: 'muted' });
    return lines;
  }
  lines.push({ text: 'Fix (c copies these lines)', tone: 'title', bold: true });
  for (const fix of f.fix) push(fix, '  ', fix.startsWith('#') ? { tone: 'muted' } : {}, '    ');
  return lines;
}

/** The text `c` copies: the fix as a shell snippet (comments included, they are harmless to paste). */
export function fixText(findings: readonly Finding[]): string {
  if (findings.length === 1) return `${findings[0]!.fix.join('\n')}\n`;
  return findings.filter((f) => f.fix.length > 0).map((f) => `# ${f.title}\n${f.fix.join('\n')}\n`).join('\n');
}
