// The Build step at 80x24 (and 200x50): what will be built and what is missing, starting with b,
// parallel rows from the real --jobs=3 transcript, success and the way to Result, the quit guard.
import { afterEach, describe, expect, it } from 'vitest';

/** The frame's text with wrapped lines joined again. */
const flat = (frame: string) => frame.split('\n').map((l) => l.trimEnd()).join(' ');
import { containerOutput, emit, eventsOf, openBuild, recipeFor, recordWith, startBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const PHP = '20-build-jobs3-php-git';

describe('Build screen before a build', () => {
  it('says what will be built (recipe, base, mode, packages, plan) and that b builds it', async () => {
    h = await openBuild();
    const frame = h.tui.frame();
    expect(frame).toContain('Nothing is building.');
    expect(frame).toMatch(/Recipe +php-web {2}\(\/recipes\/php-web\.json\)/);
    expect(frame).toMatch(/Base +gentoo\/stage3:amd64-openrc/);
    expect(frame).toMatch(/Mode +commit/);
    expect(frame).toMatch(/Packages +dev-lang\/php dev-vcs\/git www-servers\/nginx app-misc\/hello {2}\(4\)/);
    expect(frame).toMatch(/Jobs +emerge --jobs 3 --keep-going, MAKEOPTS="-j4"/);
    expect(frame).toMatch(/Steps +1\. emerge dev-lang\/php dev-vcs\/git www-servers\/nginx app-misc\/hello/);
    expect(frame).toMatch(/Then +Commit the container as the image/);
    expect(frame).toContain('b builds it in a labelled container');
    expect(frame.split('\n').at(-1)).toMatch(/^b build +\? help +q\/\^C quit/);
  });

  it('without a recipe says exactly what is missing, does not offer b, and b does not start anything', async () => {
    h = await openBuild({ recipe: null });
    expect(flat(h.tui.frame())).toContain('! Cannot build yet: no recipe is open: make one in step 3 (Recipe), or start gentoo-wb with a recipe file (gentoo-wb RECIPE.json)');
    expect(h.tui.frame().split('\n').at(-1)).not.toContain('b build');
    await h.tui.press('b');
    expect(h.start).not.toHaveBeenCalled();
  });

  it('names the recipe problem, and the engine failure with its hint', async () => {
    h = await openBuild({ recipe: recipeFor(['not an atom!']) });
    expect(h.tui.frame()).toMatch(/Cannot build yet: the recipe has 1 problem: packages\[0\]/);
    h.tui.unmount();
    h = await openBuild({ engine: { status: 'failed', message: 'no engine answers at unix:///var/run/docker.sock', hint: 'start the engine' } });
    expect(flat(h.tui.frame())).toContain('Cannot build yet: no container engine: no engine answers at unix:///var/run/docker.sock (start the engine)');
  });

  it('reports a build that cannot start, and stays usable', async () => {
    h = await openBuild({ startFails: 'cannot probe the sandbox: image gentoo/stage3:amd64-openrc not found' });
    await h.tui.press('b');
    await h.tui.waitForFrame((f) => f.includes('Could not start the build'));
    expect(h.tui.frame().replace(/\n */g, ' ')).toContain('✗ Could not start the build: cannot probe the sandbox: image gentoo/stage3:amd6');
    expect(h.tui.frame()).toContain('Nothing is building.');
  });
});

describe('Build screen during a --jobs=3 build', () => {
  it('shows one row per running package with phase, elapsed and an ETA bar from past builds, and Portage\'s Jobs/Load facts', async () => {
    h = await openBuild({ records: [recordWith({ 'dev-libs/expat-2.6.3': 20, 'dev-db/sqlite-3.46.0': 60 })] });
    const build = await startBuild(h);
    expect(h.start).toHaveBeenCalledTimes(1);
    // Transcript lines 1-34: three packages started, one per second, the last 6 s ago.
    const start = Date.now() - 40_000;
    const frame = await emit(h, build, eventsOf(containerOutput(PHP, start, { lines: 34 })), (f) => f.includes('sqlite'));
    const lines = frame.split('\n');
    expect(lines[1]).toMatch(/^building {2}0:[34]\d {2}php-web · gentoo\/stage3:amd64-openrc · commit {2}→ emerge dev-lan/);
    expect(lines[2]).toBe('running 3  merge wait 0  done 0  failed 0  of 10   load 1.06 1.23 1.13');
    expect(lines[3]).toBe('› Build output (34 lines)');
    // ETA: expat from its own history (20 s), oniguruma from its category (dev-libs: 20 s), sqlite 60 s.
    // (Times allow for a slow machine: each package started 12, 9 and 6 s before the events came.)
    expect(lines[4]).toMatch(/^ {4}dev-libs\/expat-2\.6\.4 +fetch +0:1\d [█░]{10} ~0:0\d$/);
    expect(lines[5]).toMatch(/^ {4}dev-libs\/oniguruma-6\.9\.9 +fetch +0:(0[89]|1\d) [█░]{10} ~0:(0\d|1[01])$/);
    expect(lines[6]).toMatch(/^ {4}dev-db\/sqlite-3\.47\.2 +fetch +0:(0[6-9]|1\d) █{1,2}░{8,9} ~0:(4\d|5[0-4])$/);
    // The whole output underneath, following its end.
    expect(frame).toMatch(/ {2}Build output {2}follow/);
    expect(frame).toContain('>>> Emerging (3 of 10) dev-db/sqlite-3.47.2::gentoo');

    // Packages complete, others start: rows follow.
    const rest = eventsOf(containerOutput(PHP, start, { lines: 66 })).slice(eventsOf(containerOutput(PHP, start, { lines: 34 })).length);
    const later = await emit(h, build, rest, (f) => f.includes('done 2'));
    // Built packages waiting for the merge lock are counted apart (the one merging is running).
    expect(later).toContain('running 1  merge wait 4  done 2  failed 0  of 10   load 1.39 1.30 1.16');
    expect(later).toMatch(/^ {4}dev-db\/sqlite-3\.47\.2 +merge wait +0:0\d$/m);
    expect(later).not.toMatch(/^ {4}dev-libs\/expat/m);
    expect(later).toMatch(/^ {4}app-misc\/hello-2\.12\.1 +merge/m);
  });

  it('learns the phases emerge does not print in a --jobs build from each package\'s build.log', async () => {
    h = await openBuild({
      phaseLines: {
        'dev-libs/expat-2.6.4': '>>> Compiling source in /var/tmp/portage/dev-libs/expat-2.6.4/work/expat-2.6.4 ...',
        'dev-libs/oniguruma-6.9.9': '>>> Source unpacked in /var/tmp/portage/dev-libs/oniguruma-6.9.9/work',
      },
    });
    const build = await startBuild(h);
    const frame = await emit(h, build, eventsOf(containerOutput(PHP, Date.now() - 40_000, { lines: 34 })), (f) => f.includes('compile'));
    expect(frame).toMatch(/dev-libs\/expat-2\.6\.4 +compile /);
    // "Source unpacked." means the next phase has begun.
    expect(frame).toMatch(/dev-libs\/oniguruma-6\.9\.9 +prepare /);
    // No log yet: what the stream said.
    expect(frame).toMatch(/dev-db\/sqlite-3\.47\.2 +fetch /);
  });

  it('without history every ETA falls back to the estimator\'s default (120 s for a source build)', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    const frame = await emit(h, build, eventsOf(containerOutput(PHP, Date.now() - 40_000, { lines: 30 })), (f) => f.includes('expat'));
    expect(frame).toMatch(/dev-libs\/expat-2\.6\.4 +fetch +0:1\d █░{9} ~1:[45]\d/);
  });

  it('a failed start with a long engine error reads in full at 80x24 (the message line wraps it)', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    const message =
      'start container 76d7a1c0e5f24b7c9d0e8f1a: failed to create endpoint gentoo-wb-build-20261104-153012-a1b2c3 on network bridge: ' +
      'failed to add the host (veth4f2a9c1) <=> sandbox (veth8b3e0d7) pair interfaces: operation not supported';
    build.emit([{ type: 'error', message, t: Date.now() }]);
    build.finish({ kind: 'failed', failed: [], message });
    const frame = await h.tui.waitForFrame((f) => f.includes('pair interfaces'));
    const text = frame.replace(/\s+/g, ' ');
    for (const word of message.split(' ')) expect(text, word).toContain(word);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('at 200x50 shows a whole successful build, the image, and ] goes to Result', async () => {
    h = await openBuild({ columns: 200, rows: 50 });
    const build = await startBuild(h);
    const start = Date.now() - 200_000;
    await emit(h, build, eventsOf(containerOutput(PHP, start)), (f) => f.includes('done 10'));
    build.emit([{ type: 'image', id: 'sha256:0123456789abcdef0123', tags: ['php-web:latest'], t: Date.now() }, { type: 'result', ok: true, failed: [], t: Date.now() }]);
    build.finish({ kind: 'succeeded', image: { id: 'sha256:0123456789abcdef0123', tags: ['php-web:latest'] } });
    const frame = await h.tui.waitForFrame((f) => f.includes('Built image'));
    expect(frame).toContain('✓ Built image 0123456789ab as php-web:latest  ] opens Result');
    expect(frame.split('\n')[1]).toMatch(/^succeeded {2}3:[12]\d {2}php-web/);
    expect(frame).toContain('running 0  merge wait 0  done 10  failed 0  of 10');
    expect(frame).toContain('>>> Completed (10 of 10) www-servers/nginx-1.26.2::gentoo');
    // The footer follows the state (registered again after the frame that showed the image).
    await h.tui.waitForFrame((f) => /^Enter show log +Tab pane +\+ max +b build +\] next step +\? help +q\/\^C quit/.test(f.split('\n').at(-1) ?? ''));
    expect(h.store.getState().lastImage).toEqual({ id: 'sha256:0123456789abcdef0123', tags: ['php-web:latest'] });
    await h.tui.press(']');
    expect(h.tui.frame()).toContain('RESULT SCREEN');
  });
});

describe('quitting during a build', () => {
  it('asks detach / cancel / keep watching while the build runs; k keeps watching, d detaches and quits', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    await h.tui.press('q');
    let frame = h.tui.frame();
    expect(frame).toContain('Quit gentoo-wb?');
    expect(frame).toContain(`Build ${build.session.id} is still running in its container.`);
    await h.tui.press('k');
    expect(h.tui.frame()).not.toContain('Quit gentoo-wb?');
    expect(h.onExit).not.toHaveBeenCalled();
    await h.tui.press('ctrl+c');
    frame = h.tui.frame();
    expect(frame).toContain('d: detach and quit');
    await h.tui.press('d');
    expect(build.detach).toHaveBeenCalledTimes(1);
    expect(build.cancel).not.toHaveBeenCalled();
    expect(h.onExit).toHaveBeenCalledTimes(1);
  });

  it('x cancels the build (its container goes) and quits', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    await h.tui.press('q', 'x');
    await new Promise((r) => setTimeout(r, 20));
    expect(build.cancel).toHaveBeenCalledTimes(1);
    expect(h.onExit).toHaveBeenCalledTimes(1);
  });

  it('quits at once after the build ended (the guard is cleared)', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    build.emit([{ type: 'result', ok: false, failed: [], t: Date.now() }]);
    build.finish({ kind: 'failed', failed: [], message: 'a build step failed (exit code 1)' });
    await h.tui.waitForFrame((f) => f.includes('FAILED'));
    expect(h.tui.frame()).toContain('✗ a build step failed (exit code 1)');
    await h.tui.press('q');
    expect(h.onExit).toHaveBeenCalledTimes(1);
  });
});
