// The live pane of a --jobs build at 80x24 when built packages wait for Portage's merge lock ("merge
// wait" in its Jobs line): the package that compiles stays on screen, the waiting ones say so and
// are not overdue, rows that do not fit are counted, and after a reattach every package keeps the
// time it started (the replay carries the engine's old timestamps).
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../../../src/core/events.js';
import { startWorkbench } from '../../../../src/ui/session/bootstrap.js';
import { containerOutput, emit, eventsOf, openBuild, startBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const PHP = '20-build-jobs3-php-git';
const built = (cpv: string) => `>>> Completed installing ${cpv} into /var/tmp/portage/${cpv}/image`;
/** What each package's build.log ends with at transcript line 53 (`1 running, 5 merge wait`). */
const LOGS_AT_53: Record<string, string> = {
  'dev-libs/expat-2.6.4': built('dev-libs/expat-2.6.4'),
  'dev-libs/oniguruma-6.9.9': built('dev-libs/oniguruma-6.9.9'),
  'dev-db/sqlite-3.47.2': built('dev-db/sqlite-3.47.2'),
  'app-misc/hello-2.12.1': built('app-misc/hello-2.12.1'),
  'dev-libs/libpcre2-10.44': built('dev-libs/libpcre2-10.44'),
  'dev-libs/libxml2-2.13.5': built('dev-libs/libxml2-2.13.5'),
  'dev-libs/libzip-1.11.2': '>>> Compiling source in /var/tmp/portage/dev-libs/libzip-1.11.2/work/libzip-1.11.2 ...',
};

describe('a --jobs=3 build with packages in merge wait, at 80x24', () => {
  it('shows the package compiling first, the built ones as merge wait without an ETA, and how many more there are', async () => {
    h = await openBuild({ phaseLines: LOGS_AT_53 });
    const build = await startBuild(h);
    // Transcript lines 1-53, one second a line: libzip (line 50) started 70 s ago, expat (28) 92 s ago.
    const frame = await emit(h, build, eventsOf(containerOutput(PHP, Date.now() - 120_000, { lines: 53 })), (f) => f.includes('compile'));
    const lines = frame.split('\n');
    expect(lines[2]).toBe('running 1  merge wait 6  done 0  failed 0  of 10   load 1.39 1.30 1.16');
    expect(lines[3]).toBe('› Build output (53 lines)');
    expect(lines[4]).toMatch(/^ {4}dev-libs\/libzip-1\.11\.2 +compile +1:1\d [█░]{10} ~\d:\d\d$/);
    // Waiting for the merge lock: elapsed since its start, no bar, no "+overdue".
    expect(lines[5]).toMatch(/^ {4}dev-libs\/expat-2\.6\.4 +merge wait +1:3\d$/);
    expect(lines[6]).toMatch(/^ {4}dev-libs\/oniguruma-6\.9\.9 +merge wait +1:[23]\d$/);
    expect(lines[7]).toMatch(/^ {4}dev-db\/sqlite-3\.47\.2 +merge wait +1:[23]\d$/);
    expect(lines[8]).toBe('    3 more: 3 merge wait');
    expect(frame).not.toMatch(/\+\d+:\d\d/);
    // Moving to the last row scrolls the window to it; nothing is left below.
    await h.tui.press('end');
    const end = h.tui.frame().split('\n');
    expect(end[8]).toMatch(/^› {3}dev-libs\/libxml2-2\.13\.5 +merge wait/);
    expect(end.join('\n')).not.toContain('more:');
  });

  it('keeps the one compiling package on screen when eight built ones wait, from the Jobs counts alone', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    const t0 = Date.now() - 280_000;
    const events: BuildEvent[] = [];
    for (let i = 1; i <= 9; i++) {
      events.push({ type: 'jobs', complete: 0, total: 12, running: Math.min(i, 2), failed: 0, mergeWait: Math.max(0, i - 2), load: [2.5, 2.1, 1.9], t: t0 + i * 20_000 });
      events.push({ type: 'started', cpv: `dev-libs/lib${String.fromCharCode(96 + i)}-1.0`, index: i, total: 12, binary: false, t: t0 + i * 20_000 });
    }
    // Eight built and waiting for the merge lock, one building: the last one started.
    events.push({ type: 'jobs', complete: 0, total: 12, running: 1, failed: 0, mergeWait: 8, load: [2.5, 2.1, 1.9], t: t0 + 190_000 });
    const frame = await emit(h, build, events, (f) => f.includes('merge wait 8'));
    const lines = frame.split('\n');
    expect(lines[2]).toBe('running 1  merge wait 8  done 0  failed 0  of 12   load 2.50 2.10 1.90');
    expect(lines[4]).toMatch(/^ {4}dev-libs\/libi-1\.0 +fetch +1:[34]\d [█░]{10} ~0:[0-2]\d$/);
    expect(lines[5]).toMatch(/^ {4}dev-libs\/liba-1\.0 +merge wait +4:[12]\d$/);
    expect(lines[8]).toBe('    5 more: 5 merge wait');
  });
});

describe('after a reattach', () => {
  it('every package shows its own elapsed time from the replayed timestamps, not the build\'s', async () => {
    h = await openBuild({ recipe: null, engine: { status: 'connecting' }, phaseLines: LOGS_AT_53 });
    await startWorkbench(h.workbench, { attachBuild: '20260101-aaaa', notify: () => undefined });
    const build = h.builds[0]!;
    // The build started ten minutes ago; the replay arrives now, all at once.
    build.emit(eventsOf(containerOutput(PHP, Date.now() - 600_000, { lines: 53 })));
    const frame = await h.tui.waitForFrame((f) => f.includes('compile'));
    const lines = frame.split('\n');
    expect(lines[1]).toMatch(/^building {2}10:0\d {2}attached-recipe/);
    // libzip started at second 50, expat at 28, oniguruma at 31, sqlite at 34.
    expect(lines[4]).toMatch(/^ {4}dev-libs\/libzip-1\.11\.2 +compile +9:1\d /);
    expect(lines[5]).toMatch(/^ {4}dev-libs\/expat-2\.6\.4 +merge wait +9:3\d$/);
    expect(lines[6]).toMatch(/^ {4}dev-libs\/oniguruma-6\.9\.9 +merge wait +9:[23]\d$/);
    expect(lines[7]).toMatch(/^ {4}dev-db\/sqlite-3\.47\.2 +merge wait +9:2\d$/);
    expect(new Set(lines.slice(4, 8).map((l) => /(\d+:\d\d)/.exec(l)?.[1])).size).toBe(4);
  });
});
