import { describe, expect, it } from 'vitest';
import { parsePretend } from '../../../src/core/portage/pretend/pretend-parser.js';
import { totalsLines } from '../../../src/core/pretend/totals.js';
import { rig } from '../fixtures.js';

describe('pretend totals (one computation for the screen and `gentoo-wb pretend`)', () => {
  it("says Portage's count and download size in KiB (01, 16)", () => {
    expect(totalsLines(parsePretend(rig('01-pretend-verbose-php')))).toEqual(['Total: 6 packages (6 new), downloads 0 KiB']);
    expect(totalsLines(parsePretend(rig('16-blocker-hard')))).toEqual(['Total: 1 package (1 new), downloads 0 KiB', 'Conflict: 1 block (1 unsatisfied)']);
  });

  it('binary packages: the last Total line of the output, binaries named (35)', () => {
    const lines = totalsLines(parsePretend(rig('35-buildpkg-then-usepkg')));
    expect(lines).toEqual(['Total: 1 package (1 new, 1 binary), downloads 0 KiB']);
  });

  it('download sizes above 10 MiB are shortened as the rows are; old kB output is KiB too', () => {
    const text = 'Total: 2 packages (2 new), Size of downloads: 12,600 KiB\n';
    expect(totalsLines(parsePretend(text))).toEqual(['Total: 2 packages (2 new), downloads 12.3 MiB']);
    expect(totalsLines(parsePretend('Total: 1 package (1 upgrade), Size of downloads: 56 kB\n'))).toEqual(['Total: 1 package (1 upgrade), downloads 56 KiB']);
  });

  it('without a Total line the rows are added up; nothing without rows', () => {
    const text = '[ebuild  N     ] sys-libs/zlib-1.3.1-r1:0/1::gentoo  USE="-minizip" 1,536 KiB\n[binary  N     ] app-arch/bzip2-1.0.8-r5-1:0/1::gentoo  20 KiB\n';
    expect(totalsLines(parsePretend(text))).toEqual(['Total: 2 packages, downloads 1556 KiB']);
    expect(totalsLines(parsePretend(''))).toEqual([]);
  });
});
