// How the body is shared between the merge table, the problems panel and the changes panel at any
// height: each gets what it needs when everything fits; otherwise each keeps a few rows and the
// focused one grows first. `+` gives the focused one everything.

export type Section = 'table' | 'problems' | 'changes';

export type SectionHeights = Record<Section, number>;

const MINIMUM: SectionHeights = { table: 5, problems: 4, changes: 4 };
const ORDER: readonly Section[] = ['table', 'problems', 'changes'];

/** Rows for each section; `want` is each section's full height (title included, 0 when absent). */
export function sectionHeights(total: number, want: SectionHeights, focus: Section, maximised: boolean): SectionHeights {
  const out: SectionHeights = { table: 0, problems: 0, changes: 0 };
  if (total <= 0) return out;
  if (maximised && want[focus] > 0) {
    out[focus] = total;
    return out;
  }
  const sum = ORDER.reduce((n, s) => n + want[s], 0);
  if (sum <= total) return { ...want };
  let left = total;
  for (const s of ORDER) {
    out[s] = Math.min(want[s], MINIMUM[s], left);
    left -= out[s];
  }
  for (const s of [focus, ...ORDER.filter((x) => x !== focus)]) {
    const more = Math.min(want[s] - out[s], left);
    out[s] += more;
    left -= more;
  }
  return out;
}
