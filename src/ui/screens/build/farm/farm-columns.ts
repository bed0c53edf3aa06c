// The farm table's columns at any width: fixed ones for recipe, engine, state, N/M, compiled and
// binary counts and elapsed time; the current package takes what is left. Pure: cells in, text out.
import { formatDuration } from '../format.js';
import type { RowFacts } from './farm-model.js';

/** Column widths; the state column's is its least (it grows on wide terminals), the package takes the rest. */
const WIDTH = { recipe: 11, engine: 8, state: 14, count: 5, srcBin: 7, time: 5, minPackage: 10 } as const;

/** `text` cut (with `ellipsis`) or padded to `width` columns. */
export function cell(text: string, width: number, ellipsis: string, right = false): string {
  const chars = [...text];
  const fitted = chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join('')}${width > 0 ? ellipsis : ''}` : text;
  return right ? fitted.padStart(width) : fitted.padEnd(width);
}

/** Widths for a table `width` columns wide; the state column grows on wide terminals. */
function widths(width: number): { state: number; pkg: number } {
  const fixed = WIDTH.recipe + WIDTH.engine + WIDTH.count + WIDTH.srcBin + WIDTH.time + 6;
  const free = Math.max(WIDTH.minPackage + WIDTH.state, width - fixed);
  const state = Math.max(WIDTH.state, Math.min(28, free - 40));
  return { state, pkg: Math.max(WIDTH.minPackage, free - state) };
}

/** The header line. */
export function headerText(width: number): string {
  const w = widths(width);
  return [cell('RECIPE', WIDTH.recipe, ''), cell('ENGINE', WIDTH.engine, ''), cell('STATE', w.state, ''), cell('PACKAGE', w.pkg, ''), cell('N/M', WIDTH.count, '', true), cell('SRC/BIN', WIDTH.srcBin, '', true), cell('TIME', WIDTH.time, '', true)].join(' ');
}

/** One row's line. */
export function rowText(name: string, engine: string | null, facts: RowFacts, width: number, ellipsis: string): string {
  const w = widths(width);
  const time = facts.elapsed === null ? '-' : formatDuration(facts.elapsed);
  const counts = facts.elapsed === null ? '-' : `${facts.compiled}/${facts.binaries}`;
  return [
    cell(name, WIDTH.recipe, ellipsis), cell(engine ?? '-', WIDTH.engine, ellipsis), cell(facts.state, w.state, ellipsis), cell(facts.current || '-', w.pkg, ellipsis),
    cell(facts.count, WIDTH.count, ellipsis, true), cell(counts, WIDTH.srcBin, ellipsis, true), cell(time, WIDTH.time, ellipsis, true),
  ].join(' ');
}
