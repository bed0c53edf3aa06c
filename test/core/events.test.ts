import { describe, expect, it } from 'vitest';
import { BUILD_PHASES, type BuildEvent } from '../../src/core/events.js';

describe('BuildEvent', () => {
  it('narrows by type', () => {
    const events: BuildEvent[] = [
      { type: 'started', cpv: 'a/b-1', index: 1, total: 2, binary: false },
      { type: 'step-started', step: 'emerge', title: 'Emerge packages', t: 1 },
      { type: 'jobs', complete: 0, total: 2, running: 1, failed: 0, mergeWait: 0, load: null },
    ];
    const started = events.filter((e) => e.type === 'started');
    expect(started.map((e) => e.cpv)).toEqual(['a/b-1']);
    expect(events.flatMap((e) => (e.type === 'step-started' ? [e.title] : []))).toEqual(['Emerge packages']);
  });
  it('lists the phases in run order', () => {
    expect(BUILD_PHASES).toEqual(['fetch', 'unpack', 'prepare', 'configure', 'compile', 'test', 'install', 'merge']);
  });
});
