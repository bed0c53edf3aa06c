import { describe, expect, it } from 'vitest';
import { parseTotalLine, applyTotalContinuation } from '../../../../src/core/portage/pretend/total-line.js';

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
