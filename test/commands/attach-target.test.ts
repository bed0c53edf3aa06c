// Which build `gentoo-wb attach` without an ID follows, and what it says: the listings are built by
// hand (the CLI test in attach.test.ts runs real builds for the running case).
import { describe, expect, it } from 'vitest';
import { chooseAttachTarget } from '../../src/commands/attach-target.js';
import type { BuildListing } from '../../src/engine/build/build-list.js';

const now = Date.now();
function listing(id: string, minutesAgo: number, over: Partial<BuildListing> = {}): BuildListing {
  return { id, recipe: `r-${id.slice(-2)}`, mode: 'commit', status: 'running', container: 'running', createdAt: new Date(now - minutesAgo * 60_000).toISOString(), image: null, tags: [], message: null, ...over };
}

describe('attach without an ID', () => {
  it('prefers the newest build whose container runs over a newer one waiting to be finished, and names the others', () => {
    const builds = [
      listing('20260101-000300-aaaa03', 1, { container: 'stopped' }),
      listing('20260101-000200-aaaa02', 2),
      listing('20260101-000100-aaaa01', 3, { status: 'succeeded', container: 'gone' }),
    ];
    const { id, note } = chooseAttachTarget(builds);
    expect(id).toBe('20260101-000200-aaaa02');
    expect(note).toMatch(/^attaching to build 20260101-000200-aaaa02 \(recipe r-02, started 2 minutes ago\), the newest of 2 unfinished builds; the others:\n {2}20260101-000300-aaaa03 \(recipe r-03, started 1 minute ago, container stopped: waiting to be finished\)\ngentoo-wb attach ID follows one of them\n$/);
  });

  it('a build waiting to be finished is followed when it is the only one', () => {
    const { id, note } = chooseAttachTarget([listing('20260101-000300-aaaa03', 1, { container: 'stopped', status: 'lost' })]);
    expect(id).toBe('20260101-000300-aaaa03');
    expect(note).toMatch(/, the only unfinished build\n$/);
  });

  it('nothing to follow (finished, or its container gone) is a usage error that says where to look', () => {
    expect(() => chooseAttachTarget([listing('20260101-000100-aaaa01', 3, { status: 'succeeded', container: 'gone' }), listing('20260101-000200-aaaa02', 2, { container: 'gone' })])).toThrow(
      'no running build to attach to (gentoo-wb builds lists the builds this machine knows)',
    );
  });
});
