// How long each package held one of emerge's --jobs slots, from the times a build recorded (start, and
// `>>> Completed` after the merge). With --jobs Portage frees a package's slot when its build ends; the
// merge may then wait (`merge wait` in the Jobs line: a system package merges only when no build runs, and
// merges run one at a time), and that wait is in start→completed but takes no slot. A forecast that
// schedules such durations on --jobs slots overestimates (a bench of 5 packages: 65 s forecast, 50 s
// actual). The stream does not say when a build ends, but a package that starts while every slot is held
// shows that the earliest-started holder has ended its build by then: it is deemed released there.

/** What the model needs of a recorded package (PackageTiming fits). */
export interface SlotTiming {
  cpv: string;
  /** Start to `>>> Completed`, seconds. */
  seconds: number;
  /** Epoch ms. */
  startedAt: number;
}

/**
 * The timings with `seconds` replaced by the time each held a slot of `jobs` (see above); with one slot,
 * or fewer packages than slots ever running, they are unchanged.
 */
export function slotSeconds<T extends SlotTiming>(timings: readonly T[], jobs: number): T[] {
  const slots = Math.max(1, Math.floor(Number.isFinite(jobs) ? jobs : 1));
  if (slots === 1) return [...timings];
  type Mark = { at: number; kind: 'end' | 'start'; i: number };
  const marks: Mark[] = timings.flatMap((t, i): Mark[] => [
    { at: t.startedAt, kind: 'start', i },
    { at: t.startedAt + t.seconds * 1000, kind: 'end', i },
  ]);
  // Ends before starts at the same moment: a package that completed freed its slot for the next.
  marks.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'end' ? -1 : 1));
  const held: number[] = [];
  const released = new Map<number, number>();
  const release = (i: number, at: number) => {
    held.splice(held.indexOf(i), 1);
    released.set(i, at);
  };
  for (const m of marks) {
    if (m.kind === 'end') {
      if (held.includes(m.i)) release(m.i, m.at);
      continue;
    }
    // Held in start order: the first started is the one deemed to have ended its build.
    while (held.length >= slots) release(held[0] as number, m.at);
    held.push(m.i);
  }
  return timings.map((t, i) => {
    const end = released.get(i) ?? t.startedAt + t.seconds * 1000;
    return { ...t, seconds: Math.round(Math.max(0, end - t.startedAt) / 100) / 10 };
  });
}
