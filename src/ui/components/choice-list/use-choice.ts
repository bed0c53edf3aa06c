// The highlighted choice of a ChoiceList: moved by the key router's up/down, clamped to the list.
import { useCallback, useState } from 'react';

export interface ChoiceState {
  selected: number;
  move(delta: number): void;
}

/** Highlight state for `count` choices, starting at the first. */
export function useChoice(count: number): ChoiceState {
  const [selected, setSelected] = useState(0);
  const move = useCallback((delta: number) => setSelected((s) => Math.max(0, Math.min(count - 1, s + delta))), [count]);
  return { selected: Math.max(0, Math.min(count - 1, selected)), move };
}
