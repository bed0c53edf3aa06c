// The package search's state: the field, the results for what is typed, and which one is highlighted
// (-1: the text as typed). Typing highlights the best result again.
import { useMemo, useState } from 'react';
import { searchRepo, type SearchHit } from '../../../../core/portage/repo-index/repo-search.js';
import type { RepoIndex } from '../../../../core/portage/repo-index/repo-index-types.js';
import { editText, textInputState, type TextInputState } from '../../../components/text-input/text-input-state.js';
import { useLatestState } from '../../../components/text-input/use-latest-state.js';

/** Results kept for one query: more than any screen shows, few enough to rank instantly. */
const MAX_RESULTS = 200;

export interface PackageSearch {
  field: TextInputState;
  results: SearchHit[];
  /** -1 when the typed text itself is chosen. */
  highlight: number;
  /** Apply an editing key; false when it is not one. */
  edit(key: string, input: string): boolean;
  move(delta: number): void;
}

export function usePackageSearch(initial: string, index: RepoIndex | null): PackageSearch {
  const [field, latest, setField] = useLatestState(() => textInputState(initial));
  const [highlight, setHighlight] = useState(-1);
  const results = useMemo(() => (index ? searchRepo(index, field.value, MAX_RESULTS) : []), [index, field.value]);
  const clamped = Math.min(highlight, results.length - 1);
  return {
    field,
    results,
    highlight: clamped,
    edit(key, input) {
      const next = editText(latest(), key, input);
      if (next === null) return false;
      if (next.value !== latest().value) setHighlight(0);
      setField(next);
      return true;
    },
    move(delta) {
      setHighlight(Math.max(-1, Math.min(results.length - 1, clamped + delta)));
    },
  };
}
