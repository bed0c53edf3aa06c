// State that keys edit: keys can arrive faster than React draws (a paste split over several reads,
// Enter right after it), so each edit must start from the latest value, not from the one the last
// render saw. `latest()` reads it; `set` keeps it and draws it.
import { useRef, useState } from 'react';

export function useLatestState<T>(initial: T | (() => T)): [drawn: T, latest: () => T, set: (next: T) => void] {
  const [drawn, setDrawn] = useState<T>(initial);
  const ref = useRef(drawn);
  const set = (next: T) => {
    ref.current = next;
    setDrawn(next);
  };
  return [drawn, () => ref.current, set];
}
