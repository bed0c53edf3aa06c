import { describe, expect, it } from 'vitest';
import { highlightRuns } from '../../../../src/ui/components/log-view/line-runs.js';
import { findMatches, nextMatchIndex } from '../../../../src/ui/components/log-view/log-search.js';
import { cellColour } from '../../../../src/ui/components/log-view/xterm-colour.js';

describe('highlightRuns', () => {
  const runs = [{ text: 'make: *** ' }, { text: 'Error', fg: 'red', bold: true }, { text: ' 1' }];
  it('splits runs at match edges and keeps each piece\'s own style under the highlight', () => {
    expect(highlightRuns(runs, [{ start: 6, end: 12, style: { inverse: true } }])).toEqual([
      { text: 'make: ' },
      { text: '*** ', inverse: true },
      { text: 'Er', fg: 'red', bold: true, inverse: true },
      { text: 'ror', fg: 'red', bold: true },
      { text: ' 1' },
    ]);
  });
  it('leaves runs alone without highlights and ignores ranges past the end', () => {
    expect(highlightRuns(runs, [])).toEqual(runs);
    expect(highlightRuns(runs, [{ start: 40, end: 45, style: { inverse: true } }])).toEqual(runs);
  });
});

describe('log search', () => {
  const lines = ['checking for gcc... gcc', 'src/a.c:5: error: expected ;', 'Error 1', 'ok'];
  const text = (i: number) => lines[i] ?? '';
  it('ignores case for lower-case queries and respects it when the query has a capital', () => {
    expect(findMatches('error', 4, text)).toEqual([{ line: 1, start: 11, end: 16 }, { line: 2, start: 0, end: 5 }]);
    expect(findMatches('Error', 4, text)).toEqual([{ line: 2, start: 0, end: 5 }]);
    expect(findMatches('gcc', 4, text)).toEqual([{ line: 0, start: 13, end: 16 }, { line: 0, start: 20, end: 23 }]);
    expect(findMatches('', 4, text)).toEqual([]);
  });
  it('stops at the match limit', () => {
    expect(findMatches('c', 4, text, 3)).toHaveLength(3);
  });
  it('n and N start from the window and wrap around', () => {
    const m = findMatches('c', 4, text);
    expect(nextMatchIndex(m, null, 1, 1)).toBe(m.findIndex((x) => x.line === 1));
    expect(nextMatchIndex(m, m.length - 1, 1, 0)).toBe(0);
    expect(nextMatchIndex(m, 0, -1, 0)).toBe(m.length - 1);
    expect(nextMatchIndex([], null, 1, 0)).toBeNull();
  });
});

describe('xterm colours', () => {
  it('names the 16 ANSI colours and passes the rest as ansi256 or hex', () => {
    const paletteColour = (value: number) => cellColour({ isDefault: false, isRgb: false, value });
    const rgbColour = (value: number) => cellColour({ isDefault: false, isRgb: true, value });
    expect(cellColour({ isDefault: true, isRgb: false, value: 1 })).toBeUndefined();
    expect(paletteColour(1)).toBe('red');
    expect(paletteColour(9)).toBe('redBright');
    expect(paletteColour(8)).toBe('gray');
    expect(paletteColour(196)).toBe('ansi256(196)');
    expect(rgbColour(0xff8000)).toBe('#ff8000');
  });
});
