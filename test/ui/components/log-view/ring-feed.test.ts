// The ring feed under resizes: whatever widths and heights the pane goes through while lines arrive
// (floods included), every line the terminal shows is one the ring was given, whole, with nothing of
// another line after it.
import { describe, expect, it } from 'vitest';
import { LineRing } from '../../../../src/ui/components/log-view/line-ring.js';
import { LogTerminal } from '../../../../src/ui/components/log-view/log-terminal.js';
import { feedRing } from '../../../../src/ui/components/log-view/ring-feed.js';

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** Seeds that each broke a line before the resize fix (RING_FEED_SEEDS=1,2,3 tries others). */
const SEEDS = (process.env.RING_FEED_SEEDS ?? '1,5,8').split(',').map(Number);

describe('feedRing while the pane is resized', () => {
  for (const seed of SEEDS) {
    it(`shows only whole lines of the ring (seed ${seed})`, async () => {
      const r = random(seed);
      const ring = new LineRing(300, 4096 * (1 + (seed % 3)));
      const term = new LogTerminal({ cols: 80, rows: 20, scrollback: 100, notifyMs: 1 });
      const stop = feedRing(ring, term, { flushMs: 1, floodMs: 5 });
      const pushed: string[] = [];
      try {
        for (let step = 0; step < 150; step++) {
          const n = Math.floor(r() * (r() < 0.1 ? 600 : 30));
          for (let i = 0; i < n; i++) {
            const line = `L${pushed.length}-${'x'.repeat(Math.floor(r() * (r() < 0.3 ? 300 : 40)))}`;
            ring.push(line);
            pushed.push(line);
          }
          // w toggles between the pane's width and 256 columns; the pane's height changes too.
          if (r() < 0.3) term.resize(r() < 0.5 ? 80 : 256, r() < 0.8 ? 20 : 12);
          await new Promise((resolve) => setTimeout(resolve, Math.floor(r() * 8)));
          if (r() < 0.5) await term.settled();
          // The first line may be the end of one whose start fell out of the scrollback.
          for (const text of term.text().split('\n').filter((l) => l !== '').slice(1)) {
            const m = /^L(\d+)-/.exec(text);
            expect(m !== null && text === pushed[Number(m[1])], `step ${step}: ${text.slice(0, 100)}`).toBe(true);
          }
        }
      } finally {
        stop();
        term.dispose();
      }
    });
  }
});
