// Glyphs: Unicode where the locale and terminal can show it, ASCII otherwise. Kept apart from the
// themes (which need zod) so the very first frame can use them without loading anything else.
export interface Glyphs {
  focus: string;
  /** A small mark: the selected row of a list without the keyboard, an older copy of an image present. */
  dot: string;
  unfocused: string;
  pass: string;
  warn: string;
  fail: string;
  info: string;
  arrow: string;
  separator: string;
  barFull: string;
  barEmpty: string;
  ellipsis: string;
}

const UNICODE: Glyphs = { focus: '›', dot: '·', unfocused: ' ', pass: '✓', warn: '!', fail: '✗', info: 'i', arrow: '→', separator: '│', barFull: '█', barEmpty: '░', ellipsis: '…' };
const ASCII: Glyphs = { focus: '>', dot: '.', unfocused: ' ', pass: '+', warn: '!', fail: 'x', info: 'i', arrow: '>', separator: '|', barFull: '#', barEmpty: '.', ellipsis: '~' };

/** Unicode glyphs only when the locale says UTF-8 and the terminal is not dumb or the Linux console. */
export function chooseGlyphs(env: Record<string, string | undefined>): Glyphs {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  const utf8 = /utf-?8/i.test(locale);
  if (!utf8 || env.TERM === 'dumb' || env.TERM === 'linux') return ASCII;
  return UNICODE;
}
