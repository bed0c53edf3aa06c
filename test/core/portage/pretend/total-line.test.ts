import { describe, expect, it } from 'vitest';
import { parseTotalLine, applyTotalContinuation } from '../../../../src/core/portage/pretend/total-line.js';
import { parseSizeText } from '../../../../src/core/portage/pretend/size.js';
import { parseUseString } from '../../../../src/core/portage/pretend/use-string.js';
import { parseAutounmaskSection, autounmaskSectionKind } from '../../../../src/core/portage/pretend/autounmask.js';

describe('Total line', () => {
  it('reads all counters, the zero form and the pre-2007 form', () => {
    expect(parseTotalLine('Total: 4 packages (1 upgrade, 1 downgrade, 1 new, 1 in new slot, 2 reinstalls, 3 binaries, 1 uninstall, 1 interactive), Size of downloads: 1,234 KiB')).toEqual({
      packages: 4, upgrades: 1, downgrades: 1, new: 1, newSlots: 1, reinstalls: 2, binaries: 3, uninstalls: 1, interactive: 1, downloadKiB: 1234,
      sizeUnit: 'KiB', fetchRestriction: null, conflict: null,
    });
    expect(parseTotalLine('Total: 0 packages, Size of downloads: 0 KiB')).toMatchObject({ packages: 0, downloadKiB: 0 });
    expect(parseTotalLine('Total size of downloads: 459 kB')).toMatchObject({ packages: 0, downloadKiB: 459, sizeUnit: 'kB' });
    expect(parseTotalLine('Total: many')).toBeNull();
  });
  it('reads the continuation lines', () => {
    const t = parseTotalLine('Total: 1 package (1 new), Size of downloads: 0 KiB');
    if (!t) throw new Error('no total');
    expect(applyTotalContinuation(t, 'Fetch Restriction: 2 packages (1 unsatisfied)')).toBe(true);
    expect(applyTotalContinuation(t, 'Conflict: 2 blocks (all satisfied)')).toBe(true);
    expect(applyTotalContinuation(t, 'Something else')).toBe(false);
    expect(t).toMatchObject({ fetchRestriction: { packages: 2, unsatisfied: 1 }, conflict: { blocks: 2, unsatisfied: 0, allSatisfied: true } });
  });
});

describe('sizes', () => {
  it('accepts grouped and ungrouped numbers only', () => {
    expect(parseSizeText('12,345,678 KiB')).toEqual({ kib: 12345678, unit: 'KiB' });
    expect(parseSizeText("1'234 KiB")).toEqual({ kib: 1234, unit: 'KiB' });
    expect(parseSizeText('1\u202f234 kB')).toEqual({ kib: 1234, unit: 'kB' });
    for (const bad of ['1234,5 KiB', ',123 KiB', '12 MiB', 'KiB', '1,2345 KiB']) expect(parseSizeText(bad), bad).toBeNull();
  });
});

describe('USE strings', () => {
  it('decodes every decoration', () => {
    const flags = parseUseString('USE="a -b c* -d* e%* -f% (g) (-h) {-test} (-i%*)" ABI_X86="32* (64) (-x32)"');
    expect(flags.map((f) => [f.name, f.enabled, f.changed, f.newFlag, f.forced, f.testBound])).toEqual([
      ['a', true, false, false, false, false], ['b', false, false, false, false, false], ['c', true, true, false, false, false],
      ['d', false, true, false, false, false], ['e', true, true, true, false, false], ['f', false, false, true, false, false],
      ['g', true, false, false, true, false], ['h', false, false, false, true, false], ['test', false, false, false, false, true],
      ['i', false, true, true, true, false], ['32', true, true, false, false, false], ['64', true, false, false, true, false], ['x32', false, false, false, true, false],
    ]);
    expect(flags[10]).toMatchObject({ group: 'ABI_X86', flag: 'abi_x86_32' });
  });
});

describe('autounmask sections', () => {
  it('maps headers to change kinds', () => {
    expect(autounmaskSectionKind('The following keyword changes are necessary to proceed:')).toBe('keywords');
    expect(autounmaskSectionKind('The following mask changes are necessary to proceed:')).toBe('unmask');
    expect(autounmaskSectionKind('The following USE changes are necessary to proceed:')).toBe('use');
    expect(autounmaskSectionKind('The following license changes are necessary to proceed:')).toBe('license');
    expect(autounmaskSectionKind('The following packages are causing rebuilds:')).toBeNull();
  });
  it('groups chains with their entry', () => {
    expect(parseAutounmaskSection('keywords', [' (see "package.accept_keywords" in the portage(5) man page for more details)', '# required by a/b-1::gentoo', '=a/c-2 ~amd64', '# required by @world (argument)', '>=a/d-3:1 **'])).toEqual([
      { kind: 'keywords', line: '=a/c-2 ~amd64', atom: '=a/c-2', values: ['~amd64'], requiredBy: ['a/b-1::gentoo'], comments: [], file: 'package.accept_keywords' },
      { kind: 'keywords', line: '>=a/d-3:1 **', atom: '>=a/d-3:1', values: ['**'], requiredBy: ['@world (argument)'], comments: [], file: 'package.accept_keywords' },
    ]);
  });
});
