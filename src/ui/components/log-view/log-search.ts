// Search in a log: every occurrence of the query, line by line. Case is ignored unless the query
// has a capital letter (as in less and vim's smartcase).

export interface LogMatch {
  line: number;
  start: number;
  end: number;
}

/** Stop counting here: a search for "e" in a long log must not allocate without bound. */
const MAX_MATCHES = 10_000;

/** Every match of `query` in lines 0..count-1 (read through `lineText`). */
export function findMatches(query: string, count: number, lineText: (i: number) => string, max = MAX_MATCHES): LogMatch[] {
  if (query === '') return [];
  const caseSensitive = query !== query.toLowerCase();
  const needle = caseSensitive ? query : query.toLowerCase();
  const matches: LogMatch[] = [];
  for (let line = 0; line < count && matches.length < max; line++) {
    const raw = lineText(line);
    const text = caseSensitive ? raw : raw.toLowerCase();
    for (let at = text.indexOf(needle); at !== -1 && matches.length < max; at = text.indexOf(needle, at + needle.length)) {
      matches.push({ line, start: at, end: at + needle.length });
    }
  }
  return matches;
}

/** The match to go to from `line` with n (forward) or N (back), wrapping around. */
export function nextMatchIndex(matches: readonly LogMatch[], current: number | null, direction: 1 | -1, fromLine: number): number | null {
  if (matches.length === 0) return null;
  if (current !== null && current >= 0 && current < matches.length) return (current + direction + matches.length) % matches.length;
  if (direction === 1) {
    const i = matches.findIndex((m) => m.line >= fromLine);
    return i === -1 ? 0 : i;
  }
  for (let i = matches.length - 1; i >= 0; i--) if (matches[i]!.line <= fromLine) return i;
  return matches.length - 1;
}
