import { describe, expect, it } from 'vitest';
import { sectionHeights } from '../../../../src/ui/screens/pretend/layout.js';

describe('sectionHeights', () => {
  it('gives every section what it wants when everything fits', () => {
    expect(sectionHeights(19, { table: 4, problems: 8, changes: 4 }, 'table', false)).toEqual({ table: 4, problems: 8, changes: 4 });
  });

  it('keeps a few rows for each section and grows the focused one first when it does not fit', () => {
    const want = { table: 40, problems: 12, changes: 6 };
    expect(sectionHeights(19, want, 'table', false)).toEqual({ table: 11, problems: 4, changes: 4 });
    expect(sectionHeights(19, want, 'problems', false)).toEqual({ table: 5, problems: 10, changes: 4 });
    expect(sectionHeights(19, want, 'changes', false)).toEqual({ table: 9, problems: 4, changes: 6 });
  });

  it('maximised: the focused section takes everything; never more rows than there are', () => {
    expect(sectionHeights(19, { table: 40, problems: 12, changes: 0 }, 'problems', true)).toEqual({ table: 0, problems: 19, changes: 0 });
    const tiny = sectionHeights(6, { table: 40, problems: 12, changes: 6 }, 'table', false);
    expect(tiny.table + tiny.problems + tiny.changes).toBe(6);
  });
});
