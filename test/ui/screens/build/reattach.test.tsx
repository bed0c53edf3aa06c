// Reattaching: the start-up offer of builds still running (Enter attaches and opens the Build
// step), and `gentoo-wb attach ID` opening straight on the Build step with the replayed output and
// the build's own facts from its state file.
import { afterEach, describe, expect, it, type Mock } from 'vitest';
import type { BuildListing } from '../../../../src/engine/build/build-list.js';
import { startWorkbench } from '../../../../src/ui/session/bootstrap.js';
import { CONNECTION, containerOutput, eventsOf, openBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const listing = (id: string, recipe: string, minutesAgo: number): BuildListing => ({
  id, recipe, mode: 'commit', status: 'running', container: 'running', createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), image: null, tags: [], message: null,
});

/** The frame's words with the wrapping, the borders and the padding taken out. */
const prose = (frame: string) => frame.split('\n').map((l) => l.replace(/^│|│$/g, '').trim()).filter((l) => l !== '').join(' ');

describe('builds still running at start', () => {
  it('are offered once the engine answers; Enter attaches and opens the Build step live', async () => {
    h = await openBuild({ initialStep: 'host', attachable: [listing('20260101-aaaa', 'php-web', 12), { ...listing('20260101-bbbb', 'nginx', 125), status: 'lost', container: 'stopped' }] });
    let frame = await h.tui.waitForFrame((f) => f.includes('have not finished'));
    expect(frame).toContain('2 builds started here have not finished');
    expect(frame).toMatch(/› 20260101-aaaa {2}local {2}php-web {2}commit {2}started 12 min ago +│/);
    expect(frame).toMatch(/ {2}20260101-bbbb {2}local {2}nginx {2}commit {2}started 2 h 5 min ago, lost, contain/);
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
    await h.tui.waitForFrame((f) => f.includes('A build started here has not finished'));
    await h.tui.press('escape');
    expect(h.tui.frame()).toContain('Nothing is building.');
    expect(h.workbench.services.builds.attach).not.toHaveBeenCalled();
  });

  it('lists the builds of every engine with an ENGINE column, says an engine that does not answer, and attaches on the build\'s engine', async () => {
    h = await openBuild({
      initialStep: 'host',
      attachable: [listing('20260101-aaaa', 'php-web', 12), { ...listing('20260101-dddd', 'arm-web', 30), engine: 'arm64-box' }],
      unreachable: [{ engine: 'riscv', why: 'connect ECONNREFUSED 10.0.0.9:2376 (is the daemon running?)', builds: 2 }],
    });
    const ARM = { docker: { fake: 'arm' }, endpoint: { host: 'ssh://root@arm' }, info: { arch: 'aarch64', kind: 'docker', rawInfo: { NCPU: 8, MemTotal: 16 * 1024 ** 3 } } };
    const connect = h.workbench.services.connect as Mock;
    connect.mockImplementation(async (name?: string) => (name === 'arm64-box' ? ARM : CONNECTION));
    let frame = await h.tui.waitForFrame((f) => f.includes('have not finished'));
    expect(frame).toMatch(/› 20260101-aaaa {2}local {6}php-web {2}commit/);
    expect(frame).toMatch(/ {2}20260101-dddd {2}arm64-box {2}arm-web {2}commit/);
    // The silent engine is said, with why, not left out.
    expect(prose(frame)).toContain('Engine riscv does not answer: connect ECONNREFUSED 10.0.0.9:2376 (is the daemon running?). Its 2 builds are not offered here (gentoo-wb builds lists them).');
    await h.tui.press('down', 'enter');
    frame = await h.tui.waitForFrame((f) => f.includes('building'));
    expect(connect).toHaveBeenLastCalledWith('arm64-box');
    expect(h.workbench.services.builds.attach).toHaveBeenCalledWith(ARM, '20260101-dddd', expect.any(Function));
    const engine = h.workbench.store.getState().engine;
    expect(engine).toMatchObject({ status: 'ready', name: 'arm64-box', connection: ARM });
    // The arm engine's facts size the session from now on.
    expect(h.workbench.store.getState().sizing).toMatchObject({ cpus: 8, makeopts: '-j4 -l9', emergeJobs: 2, source: 'engine' });
  });

  it('with no build to offer, an engine that does not answer is still said', async () => {
    h = await openBuild({ initialStep: 'host', attachable: [], unreachable: [{ engine: 'riscv', why: 'timeout', builds: 1 }] });
    const frame = await h.tui.waitForFrame((f) => f.includes('riscv'));
    expect(prose(frame)).toContain('Engine riscv does not answer: timeout. Its build is not offered here (gentoo-wb builds lists it).');
    expect(frame).not.toContain('have not finished');
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
