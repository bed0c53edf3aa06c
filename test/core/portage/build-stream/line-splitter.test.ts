import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLineSplitter } from '../../../../src/core/portage/build-stream/line-splitter.js';

function splitAll(chunks: string[]): string[] {
  const s = createLineSplitter();
  return [...chunks.flatMap((c) => s.push(c)), ...s.end()];
}

describe('createLineSplitter', () => {
  it('joins a line split across chunks and handles \\r\\n split between chunks', () => {
    expect(splitAll(['>>> Emer', 'ging (1 of 2) a/b-1::gentoo\r', '\nnext\n'])).toEqual(['>>> Emerging (1 of 2) a/b-1::gentoo', 'next']);
  });
  it('keeps empty lines that newlines make', () => {
    expect(splitAll(['a\n\n\nb\n'])).toEqual(['a', '', '', 'b']);
  });
  it('emits TTY redraws (\\r\\e[K) before any newline arrives', () => {
    const s = createLineSplitter();
    expect(s.push('>>> Jobs: 0 of 3 complete\r\x1b[K>>> Jobs: 1 of 3 complete\r\x1b[K>>> Jobs: 2')).toEqual(['>>> Jobs: 0 of 3 complete', '\x1b[K>>> Jobs: 1 of 3 complete']);
    expect(s.push(' of 3 complete\n')).toEqual(['\x1b[K>>> Jobs: 2 of 3 complete']);
  });
  it('treats the VT100 next-line sequence as a newline, also when split', () => {
    expect(splitAll(['>>> Emerging (1 of 3) x/y-1\x1b', 'E>>> Jobs: 0 of 3 complete\n'])).toEqual(['>>> Emerging (1 of 3) x/y-1', '>>> Jobs: 0 of 3 complete']);
  });
  it('cuts a huge line into bounded pieces', () => {
    const s = createLineSplitter(1000);
    const out = s.push('x'.repeat(4500));
    expect(out.map((l) => l.length)).toEqual([1000, 1000, 1000, 1000]);
    expect(s.end()).toEqual(['x'.repeat(500)]);
  });
  it('gives the same lines however the text is chunked (property)', () => {
    const lineArb = fc.array(fc.constantFrom('a', 'b', ' ', '>', '\x1b[1m', '\t'), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 }), (lines, sizes) => {
        const text = lines.map((l) => `${l}\n`).join('');
        const chunks: string[] = [];
        let pos = 0;
        let k = 0;
        while (pos < text.length) {
          const n = sizes[k++ % sizes.length] as number;
          chunks.push(text.slice(pos, pos + n));
          pos += n;
        }
        expect(splitAll(chunks)).toEqual(splitAll([text]));
        expect(splitAll([text])).toEqual(lines);
      }),
      { numRuns: 300 },
    );
  });
});
