// The pure half of the filterable list: which items match a filter, and which window of rows to
// show so the selection stays in view. Fast enough to run on every keystroke over thousands of items.

/** Lower-cased search text per item, computed once per item list. */
export type SearchIndex = readonly string[];

/** Build the search index for a list. */
export function searchIndex<T>(items: readonly T[], text: (item: T) => string): SearchIndex {
  return items.map((item) => text(item).toLowerCase());
}

/** Indices of the items whose text holds every word of the query (case-insensitive), in list order. */
export function filterIndices(index: SearchIndex, query: string): number[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  if (words.length === 0) {
    for (let i = 0; i < index.length; i++) out.push(i);
    return out;
  }
  if (words.length === 1) {
    const w = words[0]!;
    for (let i = 0; i < index.length; i++) if (index[i]!.includes(w)) out.push(i);
    return out;
  }
  outer: for (let i = 0; i < index.length; i++) {
    const hay = index[i]!;
    for (const w of words) if (!hay.includes(w)) continue outer;
    out.push(i);
  }
  return out;
}

/** Keep `i` inside a list of `length` (0 for an empty list). */
export function clampIndex(i: number, length: number): number {
  return length === 0 ? 0 : Math.max(0, Math.min(i, length - 1));
}

/** First row of a `height`-row window showing `selected`, moving as little as possible from `top`. */
export function windowTop(top: number, selected: number, height: number, total: number): number {
  if (height <= 0) return 0;
  let next = top;
  if (selected < next) next = selected;
  if (selected >= next + height) next = selected - height + 1;
  return Math.max(0, Math.min(next, Math.max(0, total - height)));
}
