// The Engine section's rows and what the detail pane says about the selected engine: reachable with
// its facts (architecture, CPUs, memory, kind and version, free disk, rootless, the sizing a recipe
// would start with), or why it does not answer. Pure.
import type { Glyphs } from '../../../core/glyphs.js';
import { humanSize } from '../../../core/format/size.js';
import { recommendSizing, type SizingRecommendation } from '../../../core/host/sizing.js';
import type { EngineCheck, EngineFacts } from '../../../engine/engines/engine-check.js';

/** One engine of the list: `local` (the default endpoint) first, then the configured ones; check null while asked. */
export interface EngineRow {
  name: string;
  check: EngineCheck | null;
}

/** The rows for these names, joined with the checks that came back (matched by name). */
export function engineRows(names: readonly string[], checks: readonly EngineCheck[] | null): EngineRow[] {
  return names.map((name) => ({ name, check: checks?.find((c) => c.name === name) ?? null }));
}

/** The sizing a recipe started on this engine gets (null when it did not say its CPUs). */
function engineSizing(facts: EngineFacts): SizingRecommendation | null {
  return facts.cpus === null ? null : recommendSizing(facts.cpus, facts.memoryBytes, 'engine');
}

/**
 * The row's facts, most telling for sizing first, as many whole ones as fit in `width`:
 * `x86_64 8 CPU 34.4 GB docker 20.10.24 120 GB free` on a wide terminal, `x86_64 8 CPU 34.4 GB docker` at 80.
 */
export function engineSummary(row: EngineRow, ellipsis: string, width = Infinity): string {
  if (row.check === null) return `checking${ellipsis}`;
  if (!row.check.reachable || row.check.facts === null) return 'does not answer';
  const f = row.check.facts;
  const parts = [f.arch, f.cpus === null ? null : `${f.cpus} CPU`, f.memoryBytes === null ? null : humanSize(f.memoryBytes), f.kind, f.version, f.freeDiskBytes === null ? null : `${humanSize(f.freeDiskBytes)} free`];
  let text = '';
  for (const part of parts) {
    if (part === null) continue;
    const next = text === '' ? part : `${text} ${part}`;
    if (next.length > width) break;
    text = next;
  }
  return text;
}

/** What the detail pane says about an engine; `current`: the session uses it. */
export function engineDetail(row: EngineRow, current: boolean, glyphs: Glyphs): string[] {
  const title = `Engine ${row.name}${current ? ' (in use)' : ''}`;
  const check = row.check;
  if (check === null) return [title, `Asking it${glyphs.ellipsis}`];
  const where = check.host ?? check.url;
  if (!check.reachable || check.facts === null) {
    return [
      title, where, '',
      `${glyphs.fail} does not answer: ${check.error ?? 'no reason given'}`,
      ...(check.hint ? [check.hint] : []),
      '', current ? 'r asks again.' : 'Enter tries to connect anyway; r asks again.',
    ];
  }
  const f = check.facts;
  const sizing = engineSizing(f);
  const fact = (label: string, value: string) => `${label.padEnd(9)}${value}`;
  return [
    title, where,
    `${glyphs.pass} answers (${check.elapsedMs} ms)`,
    fact('kind', `${f.kind} ${f.version}`),
    fact('arch', `${f.arch} · ${f.os}`),
    fact('CPUs', f.cpus === null ? '?' : String(f.cpus)),
    fact('memory', f.memoryBytes === null ? '?' : humanSize(f.memoryBytes)),
    // Why a remote data root's free space is unknown is long; `engines check NAME` says it whole.
    fact('disk', f.freeDiskBytes === null ? '? (not readable from here)' : `${humanSize(f.freeDiskBytes)} free`),
    fact('rootless', f.rootless ? 'yes' : 'no'),
    // What a recipe started on this engine gets.
    ...(sizing === null ? [fact('sizing', '? (CPUs not known)')] : [fact('MAKEOPTS', sizing.makeopts), fact('emerge', `--jobs=${sizing.emergeJobs}`)]),
    ...check.warnings.map((w) => `${glyphs.warn} ${w}`),
    '',
    current ? 'Every step uses it.' : 'Enter uses it for every step.',
  ];
}
