// One xterm buffer line → runs of same-styled cells, and search highlights laid over runs. Cells are
// compared by a numeric key so a line of one style costs one run, not one object per cell.
import type { IBufferCell, IBufferLine } from '@xterm/headless';
import type { CellStyle, StyledRun } from './styled-run.js';
import { cellColour } from './xterm-colour.js';

const BOLD = 1;
const DIM = 2;
const ITALIC = 4;
const UNDERLINE = 8;
const INVERSE = 16;
const STRIKE = 32;

function flagsOf(cell: IBufferCell, mono: boolean): number {
  let f = 0;
  if (cell.isBold()) f |= BOLD;
  if (cell.isInverse()) f |= INVERSE;
  if (mono) return f;
  if (cell.isDim()) f |= DIM;
  if (cell.isItalic()) f |= ITALIC;
  if (cell.isUnderline()) f |= UNDERLINE;
  if (cell.isStrikethrough()) f |= STRIKE;
  return f;
}

function styleFor(cell: IBufferCell, flags: number, mono: boolean): CellStyle {
  const style: CellStyle = {};
  if (!mono) {
    const fg = cellColour({ isDefault: cell.isFgDefault(), isRgb: cell.isFgRGB(), value: cell.getFgColor() });
    const bg = cellColour({ isDefault: cell.isBgDefault(), isRgb: cell.isBgRGB(), value: cell.getBgColor() });
    if (fg) style.fg = fg;
    if (bg) style.bg = bg;
  }
  if (flags & BOLD) style.bold = true;
  if (flags & DIM) style.dim = true;
  if (flags & ITALIC) style.italic = true;
  if (flags & UNDERLINE) style.underline = true;
  if (flags & INVERSE) style.inverse = true;
  if (flags & STRIKE) style.strikethrough = true;
  return style;
}

function isPlain(run: StyledRun): boolean {
  return run.bg === undefined && !run.inverse && !run.underline && !run.strikethrough;
}

/**
 * The runs of `line` up to `cols` cells. In mono, colours are dropped and only bold and inverse
 * are kept. Trailing blanks without a visible style are cut. `cell` is reused between calls.
 */
export function lineRuns(line: IBufferLine | undefined, cols: number, cell: IBufferCell | undefined, mono: boolean): StyledRun[] {
  if (!line) return [];
  const runs: StyledRun[] = [];
  let current: StyledRun | null = null;
  let key = '';
  const end = Math.min(cols, line.length);
  let c = cell;
  for (let x = 0; x < end; x++) {
    c = line.getCell(x, c);
    if (!c) break;
    const width = c.getWidth();
    if (width === 0) continue;
    const flags = flagsOf(c, mono);
    const cellKey = mono ? `${flags}` : `${flags}:${c.getFgColorMode()}:${c.getFgColor()}:${c.getBgColorMode()}:${c.getBgColor()}`;
    const chars = c.getChars() || ' ';
    if (current && cellKey === key) {
      current.text += chars;
    } else {
      current = { text: chars, ...styleFor(c, flags, mono) };
      key = cellKey;
      runs.push(current);
    }
  }
  while (runs.length > 0) {
    const last = runs[runs.length - 1]!;
    if (!isPlain(last)) break;
    const trimmed = last.text.trimEnd();
    if (trimmed.length > 0) {
      last.text = trimmed;
      break;
    }
    runs.pop();
  }
  return runs;
}

export interface Highlight {
  start: number;
  end: number;
  style: CellStyle;
}

/** Lay highlights (character ranges of the line's text, sorted, not overlapping) over runs. */
export function highlightRuns(runs: readonly StyledRun[], highlights: readonly Highlight[]): StyledRun[] {
  if (highlights.length === 0) return runs.slice();
  const out: StyledRun[] = [];
  let pos = 0;
  let h = 0;
  for (const run of runs) {
    let offset = 0;
    while (offset < run.text.length) {
      const at = pos + offset;
      while (h < highlights.length && highlights[h]!.end <= at) h++;
      const hl = highlights[h];
      const runEnd = pos + run.text.length;
      if (!hl || hl.start >= runEnd) {
        out.push({ ...run, text: run.text.slice(offset) });
        break;
      }
      if (hl.start > at) {
        out.push({ ...run, text: run.text.slice(offset, hl.start - pos) });
        offset = hl.start - pos;
        continue;
      }
      const stop = Math.min(hl.end, runEnd);
      out.push({ ...run, ...hl.style, text: run.text.slice(offset, stop - pos) });
      offset = stop - pos;
    }
    pos += run.text.length;
  }
  return out;
}
