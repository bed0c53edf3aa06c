// The text `gentoo-wb pretend` prints: the merge list as a table, Portage's total line, the changes
// Portage asks for, the problems in words with Portage's own lines, and the verdict.
import { formatKiB, summarisePackage } from '../core/pretend/package-summary.js';
import { totalsLines } from '../core/pretend/totals.js';
import type { PretendRun } from '../engine/pretend/run-pretend.js';
import { verdictLine } from '../core/pretend/verdict.js';
import { explainContextOf, explainProblems } from '../core/pretend/explain-problems.js';
import type { Recipe } from '../core/recipe/recipe-schema.js';
import type { Forecast } from '../core/forecast/forecast-types.js';
import { FROM_LEGEND, FROM_MARKER, forecastSummary, fromText } from '../core/forecast/forecast-text.js';
import { wrapLine } from '../core/format/wrap.js';
import { formatTable } from './output.js';

/** The merge list as a table (ROOT column only when something installs outside /; FROM with a forecast). */
function mergeTable(run: PretendRun, forecast: Forecast | null = null): string {
  const pkgs = run.result.packages;
  if (pkgs.length === 0) return '';
  const withRoot = pkgs.some((p) => p.kind !== 'blocks' && p.root !== '/');
  const byIndex = new Map((forecast?.packages ?? []).map((f) => [f.index, f]));
  const header = [...(forecast ? ['FROM'] : []), 'STATUS', 'PACKAGE', 'VERSION', ...(withRoot ? ['ROOT'] : []), 'USE CHANGES', 'SIZE'];
  const rows = pkgs.map((p, i) => {
    const f = byIndex.get(i);
    const from = forecast ? [f ? FROM_MARKER[f.from] : ''] : [];
    const s = summarisePackage(p);
    const version = s.oldVersion ? `${s.oldVersion} -> ${s.newVersion}` : s.newVersion;
    const atom = p.kind === 'blocks' && p.blocker ? `${s.atom} (blocked by ${p.blocker.blocking.join(', ')})` : s.atom;
    return [...from, s.status, atom, version, ...(withRoot ? [p.kind === 'blocks' ? '' : `to ${p.root}`] : []), s.useText, formatKiB(s.downloadKiB)];
  });
  return formatTable(header, rows);
}

/** The forecast below the table: totals, then each compile Portage could have taken as a binary, and why not. */
function forecastLines(forecast: Forecast, run: PretendRun, width: number): string[] {
  if (forecast.packages.length === 0) return [];
  const out = [`Forecast: ${forecastSummary(forecast.totals)}`, `  (${FROM_LEGEND})`];
  // Packages without any binary are counted (a first build has nothing else); other reasons one by one.
  const missing = forecast.packages.filter((p) => p.reason?.kind === 'missing').length;
  if (missing > 0) out.push(`  ${missing === forecast.totals.compiles ? 'every compile has' : `${missing} of the compiles have`} no binary package to take`);
  for (const f of forecast.packages.filter((p) => p.reason && p.reason.kind !== 'missing')) {
    const pkg = run.result.packages[f.index];
    out.push(`  ${pkg?.cpv ?? f.cpv}: ${fromText(f)}`);
    out.push(...wrapLine(`    ${f.reason!.detail.replace(/\s+/g, ' ').trim()}`, width, '    '));
  }
  return out;
}

/** The whole human-readable report. */
export function pretendReport(run: PretendRun, recipe: Recipe, width = 100, forecast: Forecast | null = null): string {
  const out: string[] = [];
  const table = mergeTable(run, forecast);
  if (table) out.push(table.trimEnd(), '');
  const ahead = forecast ? forecastLines(forecast, run, width) : [];
  if (ahead.length > 0) out.push(...ahead, '');
  // The same totals the Pretend screen shows (one computation in core).
  const totals = totalsLines(run.result);
  if (totals.length > 0) out.push(...totals, '');
  if (run.result.changes.length > 0) {
    out.push('Changes Portage asks for (gentoo-wb pretend --apply writes them into the recipe):');
    for (const c of run.result.changes) {
      const why = c.requiredBy[0] ? `   (required by ${c.requiredBy[0]})` : '';
      out.push(`  ${c.file}: ${c.line}${why}`);
    }
    out.push('');
  }
  const problems = explainProblems(run.result, run.text, recipe, explainContextOf(run.command));
  if (problems.length > 0) {
    out.push('Problems:');
    for (const p of problems) {
      out.push(`  ${p.severity === 'error' ? 'x' : '!'} ${p.title}${p.fix ? `: ${p.fix}` : ''}`);
      out.push(...wrapLine(`    ${p.text.replace(/\s+/g, ' ').trim()}`, width, '    '));
      if (p.portageLines.length > 0) {
        out.push('    Portage said:');
        out.push(...p.portageLines.map((l) => `      ${l}`.trimEnd()));
      }
    }
    out.push('');
  }
  out.push(verdictLine(run.verdict));
  return `${out.join('\n')}\n`;
}
