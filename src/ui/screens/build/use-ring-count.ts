// How many lines the build has printed, for the pane's "Build output (N lines)": read from the
// controller's ring, whose pushes do not go through the store, at most four times a second.
import { useCallback, useSyncExternalStore } from 'react';
import type { LineRing } from '../../components/log-view/line-ring.js';

const RING_COUNT_MS = 250;

/** Lines pushed to `ring` so far (also those that fell out), refreshed at most every 250 ms. */
export function useRingCount(ring: LineRing): number {
  const subscribe = useCallback(
    (changed: () => void) => {
      let timer: NodeJS.Timeout | null = null;
      const stop = ring.subscribe(() => {
        timer ??= setTimeout(() => {
          timer = null;
          changed();
        }, RING_COUNT_MS);
      });
      return () => {
        stop();
        if (timer) clearTimeout(timer);
      };
    },
    [ring],
  );
  return useSyncExternalStore(subscribe, () => ring.total);
}
