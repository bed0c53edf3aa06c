// Keep a LogTerminal in step with a LineRing (the build's whole output): new lines are written in
// batches, and when more arrived than the terminal keeps, it starts again from the newest lines.
// Such a redraw costs the terminal's whole capacity, so while output floods in (a replay after
// reattaching, a compiler spewing warnings) redraws are spaced out: the view stays current to a
// fraction of a second and the work stays bounded whatever the input rate. Lines go over as the ring's
// own bytes (no strings joined): the terminal decodes them into its cells.
import type { LineRing } from './line-ring.js';
import type { LogTerminal } from './log-terminal.js';

export interface FeedOptions {
  /** Batch window for ordinary output. */
  flushMs?: number;
  /** Least time between two full redraws while output floods in. */
  floodMs?: number;
}

/** Copy the ring into the terminal now and follow it; returns the function that stops following. */
export function feedRing(ring: LineRing, terminal: LogTerminal, options: FeedOptions = {}): () => void {
  const flushMs = options.flushMs ?? 50;
  const floodMs = options.floodMs ?? 1000;
  let seen = 0;
  let timer: NodeJS.Timeout | null = null;
  let lastRedraw = -Infinity;
  const flush = () => {
    timer = null;
    const total = ring.total;
    if (total === seen) return;
    const fresh = total - seen;
    const cleared = total < seen;
    if (cleared || fresh > ring.size || fresh > terminal.capacity) {
      // A flood: wait for the next redraw slot (a cleared ring, a new build, is drawn at once).
      const wait = cleared ? 0 : floodMs - (performance.now() - lastRedraw);
      if (wait > 0) {
        timer = setTimeout(flush, wait);
        return;
      }
      // Start again from the newest lines kept. After a flood they push every older line out, and
      // the terminal reuses those lines' storage; only a cleared ring needs a fresh terminal.
      lastRedraw = performance.now();
      if (cleared) terminal.clear();
      const keep = Math.min(ring.size, terminal.capacity);
      if (keep > 0) terminal.write(ring.bytes(ring.size - keep, ring.size));
    } else {
      terminal.write(ring.bytes(ring.size - fresh, ring.size));
    }
    seen = total;
  };
  flush();
  const stop = ring.subscribe(() => {
    // A push costs a comparison here; the writing happens once per batch.
    timer ??= setTimeout(flush, flushMs);
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}
