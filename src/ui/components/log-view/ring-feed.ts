// Keep a LogTerminal in step with a LineRing (the build's whole output): new lines are written in
// batches, and when more arrived than the ring keeps, the terminal starts again from what is kept.
import type { LineRing } from '../../session/line-ring.js';
import type { LogTerminal } from './log-terminal.js';

/** Copy the ring into the terminal now and follow it; returns the function that stops following. */
export function feedRing(ring: LineRing, terminal: LogTerminal, flushMs = 50): () => void {
  let seen = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const total = ring.total;
    if (total === seen) return;
    const fresh = total - seen;
    if (total < seen || fresh > ring.size || fresh > terminal.capacity) {
      // Cleared, or more came than either keeps: start again from the newest lines kept.
      terminal.clear();
      const keep = Math.min(ring.size, terminal.capacity);
      terminal.writeLines(ring.slice(ring.size - keep, ring.size));
    } else {
      terminal.writeLines(ring.slice(ring.size - fresh, ring.size));
    }
    seen = total;
  };
  flush();
  const stop = ring.subscribe(() => {
    // A push costs one comparison here; the writing happens once per batch.
    timer ??= setTimeout(flush, flushMs);
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}
