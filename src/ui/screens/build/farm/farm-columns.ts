// The farm table's columns at any width: fixed ones for recipe, engine, state, N/M, compiled and
// binary counts and elapsed time; the current package takes what is left. Pure: cells in, text out.
import { formatDuration } from '../format.js';
import type { RowFacts } from './farm-model.js';

const RECIPE = 11;
const ENGINE = 8;
const STATE = 14;
const COUNT = 5;
const SRC_BIN = 7;
const TIME = 5;
const MIN_PACKAGE = 10;

/** `text` cut (with `ellipsis`) or padded to `width` columns. */
export function cell(text: string, width: number, ellipsis: string, right = false): string {
  const chars = [...text];
  const fitted = chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join('')}${width > 0 ? ellipsis : ''}` : text;
  return right ? fitted.padStart(width) : fitted.padEnd(width);
}

/** Widths for a table `width` columns wide; the state column grows on wide terminals. */
function widths(width: number): { state: number; pkg: number } {
  const fixed = RECIPE + ENGINE + COUNT + SRC_BIN + TIME + 6;
  const free = Math.max(MIN_PACKAGE + STATE, width - fixed);
  const state = Math.max(STATE, Math.min(28, free - 40));
  return { state, pkg: Math.max(MIN_PACKAGE, free - state) };
}

/** The header line. */
export function headerText(width: number): string {
  const w = widths(width);
  return [cell('RECIPE', RECIPE, ''), cell('ENGINE', ENGINE, ''), cell('STATE', w.state, ''), cell('PACKAGE', w.pkg, ''), cell('N/M', COUNT, '', true), cell('SRC/BIN', SRC_BIN, '', true), cell('TIME', TIME, '', true)].join(' ');
}

/** One row's line. */
export function rowText(name: string, engine: string | null, facts: RowFacts, width: number, ellipsis: string): string {
  const w = widths(width);
  const time = facts.elapsed === null ? '-' : formatDuration(facts.elapsed);
  const counts = facts.elapsed === null ? '-' : `${facts.compiled}/${facts.binaries}`;
  return [
    cell(name, RECIPE, ellipsis), cell(engine ?? '-', ENGINE, ellipsis), cell(facts.state, w.state, ellipsis), cell(facts.current || '-', w.pkg, ellipsis),
    cell(facts.count, COUNT, ellipsis, true), cell(counts, SRC_BIN, ellipsis, true), cell(time, TIME, ellipsis, true),
  ].join(' ');
}
