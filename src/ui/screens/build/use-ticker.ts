// The pane's one clock: a single interval that ticks once a second while a build runs and
// animation is on. Otherwise nothing ticks, and times move only when events arrive.
import { useEffect, useState } from 'react';

const TICK_MS = 1000;

/** Current time in ms, refreshed every second while `active`. */
export function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [active]);
  return active ? now : Date.now();
}
