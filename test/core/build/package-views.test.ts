// What each package is doing in a --jobs build, from the real --jobs=3 transcript (Portage 3.0.82,
// FEATURES=merge-wait): Portage's Jobs line counts built packages waiting for the merge lock ("merge
// wait") but names none; the packages' own build.logs do; the two together place every package.
import { describe, expect, it } from 'vitest';
import { createRunOutputParser } from '../../../src/core/build/run-output.js';
import { EMPTY_PROGRESS, packageCounts, packageViews, reduceProgress, type BuildProgress } from '../../../src/core/build/progress.js';
import type { BuildEvent, BuildPhase } from '../../../src/core/events.js';
import { rig } from '../fixtures.js';

const START = Date.parse('2026-11-23T05:00:00Z');

/** The first `lines` lines of the transcript as the build container prints them, one second a line. */
function progressAt(lines: number): BuildProgress {
  const body = rig('20-build-jobs3-php-git').split('\n').slice(0, lines);
  const text = ['@@gentoo-wb step-start 01-emerge', ...body].map((l, i) => `${new Date(START + i * 1000).toISOString()} ${l}`).join('\n') + '\n';
  const parser = createRunOutputParser([{ id: 'emerge', title: 'emerge', output: 'emerge' }]);
  const events: BuildEvent[] = [...parser.push(text), ...parser.end()];
  return events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);
}

const activities = (progress: BuildProgress, logs?: ReadonlyMap<string, BuildPhase>) => Object.fromEntries(packageViews(progress, logs).map((v) => [v.pkg.cpv, v.activity]));

describe('packageViews on the real --jobs=3 stream', () => {
  // Transcript line 53: `>>> Jobs: 0 of 10 complete, 1 running, 5 merge wait`, seven packages started.
  const progress = progressAt(53);

  it('without build logs, the Jobs counts place the most recently started package as the one building', () => {
    expect(activities(progress)).toEqual({
      'dev-libs/expat-2.6.4': 'merge-wait',
      'dev-libs/oniguruma-6.9.9': 'merge-wait',
      'dev-db/sqlite-3.47.2': 'merge-wait',
      'app-misc/hello-2.12.1': 'merge-wait',
      'dev-libs/libpcre2-10.44': 'merge-wait',
      'dev-libs/libxml2-2.13.5': 'merge-wait',
      'dev-libs/libzip-1.11.2': 'running',
    });
    expect(packageCounts(progress)).toEqual({ running: 1, mergeWait: 6, done: 0, failed: 0, dropped: 0, queued: 3, total: 10 });
  });

  it('what a package\'s build.log says wins over the guess from the counts', () => {
    // libxml2 still compiles; every other one wrote `>>> Completed installing` (read as merge).
    const logs = new Map<string, BuildPhase>([
      ['dev-libs/libxml2-2.13.5', 'compile'],
      ['dev-libs/libzip-1.11.2', 'merge'],
      ['dev-libs/expat-2.6.4', 'merge'],
    ]);
    const views = packageViews(progress, logs);
    expect(views.find((v) => v.pkg.cpv === 'dev-libs/libxml2-2.13.5')).toMatchObject({ activity: 'running', phase: 'compile' });
    expect(views.find((v) => v.pkg.cpv === 'dev-libs/libzip-1.11.2')).toMatchObject({ activity: 'merge-wait' });
    // The one running slot is taken by libxml2, so the packages no log told about wait too.
    expect(views.filter((v) => v.activity === 'running').map((v) => v.pkg.cpv)).toEqual(['dev-libs/libxml2-2.13.5']);
  });

  it('a package being merged is merging, not waiting; finished ones are done', () => {
    // Line 66: expat and oniguruma completed, hello is being installed.
    const later = progressAt(66);
    const a = activities(later);
    expect(a['dev-libs/expat-2.6.4']).toBe('done');
    expect(a['app-misc/hello-2.12.1']).toBe('merging');
    expect(packageCounts(later)).toMatchObject({ running: 1, mergeWait: 4, done: 2, queued: 3 });
  });
});

describe('packageViews without a Jobs line (a serial build printing its phases)', () => {
  const events: BuildEvent[] = [
    { type: 'started', cpv: 'dev-libs/expat-2.6.4', index: 1, total: 2, binary: false, t: START },
    { type: 'phase', cpv: 'dev-libs/expat-2.6.4', phase: 'compile', t: START + 1000 },
    { type: 'phase', cpv: 'dev-libs/expat-2.6.4', phase: 'install', done: true, t: START + 2000 },
  ];
  const progress = events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);

  it('a finished phase moves the package to the next one; nothing waits for a lock', () => {
    expect(packageViews(progress)).toEqual([expect.objectContaining({ activity: 'running', phase: 'merge' })]);
    expect(packageCounts(progress)).toMatchObject({ running: 1, mergeWait: 0, queued: 1 });
  });
});

describe('packageViews on the real Portage 3.0.82 stream of the test repository', () => {
  // Seen on a --jobs 3 build of php and its dependencies: php, the last package, wrote `>>> Completed
  // installing` while Portage's Jobs line still said `6 of 7 complete, 1 running` (its job ends after
  // the QA checks and stripping that follow); no package was waiting for the merge.
  const t0 = START;
  const events: BuildEvent[] = [
    { type: 'jobs', complete: 6, total: 7, running: 1, failed: 0, mergeWait: 0, load: [9.3, 11.1, 8.3], t: t0 },
    { type: 'started', cpv: 'dev-lang/php-8.3.15', index: 7, total: 7, binary: false, t: t0 },
    { type: 'jobs', complete: 6, total: 7, running: 1, failed: 0, mergeWait: 0, load: [9.3, 11.1, 8.3], t: t0 },
  ];
  const progress = events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);
  const logs = new Map<string, BuildPhase>([['dev-lang/php-8.3.15', 'merge']]);

  it('a built package whose job Portage still counts as running is installing, not waiting to merge', () => {
    expect(packageViews(progress, logs)).toEqual([expect.objectContaining({ activity: 'running', phase: 'install' })]);
    expect(packageCounts(progress, logs)).toMatchObject({ running: 1, mergeWait: 0 });
  });

  it('once the Jobs line frees the slot, it waits for the merge', () => {
    const ended = reduceProgress(progress, { type: 'jobs', complete: 7, total: 7, running: 0, failed: 0, mergeWait: 1, load: null, t: t0 + 3000 });
    expect(packageViews(ended, logs)).toEqual([expect.objectContaining({ activity: 'merge-wait' })]);
    expect(packageCounts(ended, logs)).toMatchObject({ running: 0, mergeWait: 1 });
  });

  it('of several built packages the newest takes a free slot; the running count stays Portage\'s', () => {
    const several = [
      { type: 'jobs', complete: 0, total: 7, running: 3, failed: 0, mergeWait: 0, load: null, t: t0 },
      { type: 'started', cpv: 'dev-libs/oniguruma-6.9.9', index: 1, total: 7, binary: false, t: t0 },
      { type: 'started', cpv: 'app-misc/hello-2.12.1', index: 2, total: 7, binary: false, t: t0 + 1000 },
      { type: 'started', cpv: 'app-misc/newtool-2.0', index: 3, total: 7, binary: false, t: t0 + 2000 },
      { type: 'jobs', complete: 0, total: 7, running: 2, failed: 0, mergeWait: 1, load: null, t: t0 + 9000 },
    ] satisfies BuildEvent[];
    const p = several.reduce((acc, e) => reduceProgress(acc, e), EMPTY_PROGRESS);
    // All three wrote `Completed installing`; one job ended: the oldest, most likely.
    const built = new Map<string, BuildPhase>([['dev-libs/oniguruma-6.9.9', 'merge'], ['app-misc/hello-2.12.1', 'merge'], ['app-misc/newtool-2.0', 'merge']]);
    expect(activities(p, built)).toEqual({ 'dev-libs/oniguruma-6.9.9': 'merge-wait', 'app-misc/hello-2.12.1': 'running', 'app-misc/newtool-2.0': 'running' });
    expect(packageCounts(p, built)).toMatchObject({ running: 2, mergeWait: 1 });
  });
});
