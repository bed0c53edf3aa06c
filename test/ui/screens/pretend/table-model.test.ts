import { describe, expect, it } from 'vitest';
import { parsePretend } from '../../../../src/core/portage/pretend/pretend-parser.js';
import { fitEnd, fitStart } from '../../../../src/core/format/fit.js';
import { columnWidths, MARKER_WIDTH, nextMatch, rowCells, searchMatches, tableRows } from '../../../../src/ui/screens/pretend/table-model.js';
import { rig } from '../../../core/fixtures.js';

const glyphs = { arrow: '→', ellipsis: '…' };

describe('merge table model', () => {
  it('every row of every pretend transcript fills exactly the width, at 80 and at 200 columns', () => {
    for (const name of ['01-pretend-verbose-php', '02-pretend-tree-php', '06-pretend-world-update', '10-pretend-download-sizes', '14-use-change-needed', '16-blocker-hard', '35-buildpkg-then-usepkg']) {
      const rows = tableRows(parsePretend(rig(name)));
      for (const width of [80, 200]) {
        const widths = columnWidths(width, rows);
        for (const row of rows) {
          const c = rowCells(row, widths, glyphs);
          const line = `${' '.repeat(MARKER_WIDTH)}${c.status} ${c.atom} ${c.version} ${c.use}${c.size}`;
          expect(line.length, `${name} ${row.pkg.cpv} at ${width}`).toBe(width);
        }
      }
    }
  });

  it('version changes, USE changes and sizes as the table shows them (06, 10)', () => {
    const rows = tableRows(parsePretend(rig('06-pretend-world-update')));
    const widths = columnWidths(80, rows);
    const cells = (cp: string) => rowCells(rows.find((r) => r.summary.atom.startsWith(cp))!, widths, glyphs);
    expect(cells('sys-libs/zlib').version.trim()).toBe('1.3.1→1.3.1-r1');
    expect(cells('sys-devel/gcc').atom.trim()).toBe('sys-devel/gcc:14');
    expect(cells('sys-devel/gcc').version.trim()).toBe('14.2.1_p20241221');
    expect(cells('net-misc/curl').use.trim()).toBe('+websockets%');
    const sized = tableRows(parsePretend(rig('10-pretend-download-sizes')));
    const big = sized.find((r) => (r.summary.downloadKiB ?? 0) > 10_000)!;
    expect(rowCells(big, columnWidths(80, sized), glyphs).size).toBe(' 12.3 MiB');
  });

  it('long USE lists keep whole flags and count the rest', () => {
    const rows = tableRows(parsePretend(rig('10-pretend-download-sizes')));
    const row = rows.find((r) => r.pkg.kind !== 'blocks')!;
    const fitTokens = (flags: string[], use: number) => rowCells({ ...row, summary: { ...row.summary, useText: flags.join(' ') } }, { ...columnWidths(80, rows), use }, glyphs).use.trimEnd();
    expect(fitTokens(['+a', '+bb', '+ccc', '-dddd'], 40)).toBe('+a +bb +ccc -dddd');
    expect(fitTokens(['+alpha', '+beta', '+gamma', '+delta'], 16)).toBe('+alpha +beta +2');
    expect(fitTokens(['+python_targets_python3_12'], 10)).toBe('+python_t…');
    expect(fitEnd('dev-libs/oniguruma', 10, '…')).toBe('dev-libs/…');
    expect(fitStart('3.3.2-r2→3.4.0', 8, '…')).toBe('…2→3.4.0');
  });

  it('searches atoms, versions and flags; n/N wrap around', () => {
    const rows = tableRows(parsePretend(rig('01-pretend-verbose-php')));
    expect(searchMatches(rows, 'READLINE')).toEqual([1, 2, 3, 5]);
    expect(searchMatches(rows, 'dev-libs/lib')).toEqual([2, 3, 4]);
    expect(searchMatches(rows, '(-valgrind)')).toEqual([2]);
    expect(searchMatches(rows, '  ')).toEqual([]);
    expect(nextMatch([1, 2, 5], 5)).toBe(1);
    expect(nextMatch([1, 2, 5], 1, true)).toBe(5);
    expect(nextMatch([], 0)).toBe(-1);
  });
});
