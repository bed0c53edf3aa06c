// Reattaching: the start-up offer of builds still running (Enter attaches and opens the Build
// step), and `gentoo-wb attach ID` opening straight on the Build step with the replayed output and
// the build's own facts from its state file.
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildListing } from '../../../../src/engine/build/build-list.js';
import { startWorkbench } from '../../../../src/ui/session/bootstrap.js';
import { containerOutput, eventsOf, openBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const listing = (id: string, recipe: string, minutesAgo: number): BuildListing => ({
  id, recipe, mode: 'commit', status: 'running', container: 'running', createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), image: null, tags: [], message: null,
});

describe('builds still running at start', () => {
  it('are offered once the engine answers; Enter attaches and opens the Build step live', async () => {
    h = await openBuild({ initialStep: 'host', attachable: [listing('20260101-aaaa', 'php-web', 12), { ...listing('20260101-bbbb', 'nginx', 125), status: 'lost', container: 'stopped' }] });
    let frame = await h.tui.waitForFrame((f) => f.includes('have not finished'));
    expect(frame).toContain('2 builds on this machine have not finished');
    expect(frame).toMatch(/› 20260101-aaaa {2}php-web {2}commit {2}started 12 min ago +│/);
    expect(frame).toMatch(/ {2}20260101-bbbb {2}nginx {2}commit {2}started 2 h 5 min ago, lost, container stop/);
    expect(frame.split('\n').at(-1)).toMatch(/^↑↓ choose +Enter attach +Esc\/h not now/);
    await h.tui.press('down', 'enter');
    expect(h.workbench.services.builds.attach).toHaveBeenCalledWith(expect.anything(), '20260101-bbbb', expect.any(Function));
    frame = await h.tui.waitForFrame((f) => f.includes('building'));
    expect(frame.split('\n')[0]).toMatch(/›5 Build/);
    const build = h.builds[0]!;
    build.emit(eventsOf(containerOutput('20-build-jobs3-php-git', Date.now() - 60_000, { lines: 34 })));
    frame = await h.tui.waitForFrame((f) => f.includes('dev-db/sqlite-3.47.2'));
    expect(frame).toContain('running 3  merge wait 0  done 0  failed 0  of 10');
    // And quitting now asks first.
    await h.tui.press('q');
    expect(h.tui.frame()).toContain('Build 20260101-bbbb is still running in its container.');
  });

  it('Esc leaves them running and shows the step underneath', async () => {
    h = await openBuild({ initialStep: 'build', attachable: [listing('20260101-aaaa', 'php-web', 3)] });
    await h.tui.waitForFrame((f) => f.includes('A build on this machine has not finished'));
    await h.tui.press('escape');
    expect(h.tui.frame()).toContain('Nothing is building.');
    expect(h.workbench.services.builds.attach).not.toHaveBeenCalled();
  });

  it('says nothing when no build runs', async () => {
    h = await openBuild({ attachable: [] });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.workbench.services.builds.attachable).toHaveBeenCalledTimes(1);
    expect(h.tui.frame()).toContain('Nothing is building.');
  });
});

describe('gentoo-wb attach ID', () => {
  it('opens on the Build step with the replayed output and the build\'s own recipe, base and mode, and offers nothing else', async () => {
    h = await openBuild({ recipe: null, engine: { status: 'connecting' }, attachable: [listing('20260101-cccc', 'other', 5)] });
    const messages: string[] = [];
    await startWorkbench(h.workbench, { attachBuild: '20260101-aaaa', notify: (t) => messages.push(t) });
    expect(h.workbench.services.builds.attach).toHaveBeenCalledWith(expect.anything(), '20260101-aaaa', expect.any(Function));
    const build = h.builds[0]!;
    build.emit(eventsOf(containerOutput('20-build-jobs3-php-git', Date.now() - 600_000, { lines: 66 })));
    const frame = await h.tui.waitForFrame((f) => f.includes('done 2') && f.includes('attached-recipe'));
    expect(frame.split('\n')[1]).toMatch(/^building {2}\d+:\d\d {2}attached-recipe · gentoo\/stage3:amd64-openrc · commit/);
    expect(frame).toContain('Build output (66 lines)');
    expect(frame).not.toContain('not finished');
    expect(messages).toEqual([]);
  });
});
