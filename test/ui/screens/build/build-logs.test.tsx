// The logs of the live pane at 80x24: a package's build.log followed live (\r progress, colours,
// mono), the failure panel from the real failure transcript, a 10,000-line build output (bounded
// memory, scrolling, follow, search with n/N), save, pager and copy.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failureTail } from '../../../../src/core/portage/build-stream/failure-start.js';
import { hasColour } from '../../../helpers/colour.js';
import { rig } from '../../../core/fixtures.js';
import { containerOutput, emit, eventsOf, openBuild, startBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const PHP = '20-build-jobs3-php-git';
const FAILURE = '21-build-jobs3-failure';

/** The build.log Portage dumped for dev-util/brokentool in the failure transcript. */
function brokentoolLog(): string {
  const lines = rig(FAILURE).split('\n');
  const from = lines.findIndex((l) => l.includes('Package:    dev-util/brokentool-0.9:0'));
  const to = lines.findIndex((l, i) => i > from && l.includes("S: '/var/tmp/portage/dev-util/brokentool-0.9/work/brokentool-0.9'"));
  return `${lines.slice(from, to + 1).join('\n')}\n`;
}

describe('a package\'s build.log', () => {
  it('Enter on a row follows that package in the build container, drawing \\r progress and colours right', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    await emit(h, build, eventsOf(containerOutput(PHP, Date.now() - 40_000, { lines: 34 })), (f) => f.includes('sqlite'));
    await h.tui.press('down', 'down', 'enter');
    expect(h.follows).toHaveLength(1);
    expect(h.follows[0]!.cpv).toBe('dev-libs/oniguruma-6.9.9');
    expect(h.follows[0]!.containerId).toBe(`container-${build.session.id}`);
    expect(h.tui.frame()).toContain('› build.log · dev-libs/oniguruma-6.9.9');
    h.follows[0]!.options.onStatus?.('following');
    h.follows[0]!.options.onData('\x1b[32m * \x1b[39;49;00mPackage:    dev-libs/oniguruma-6.9.9:0/5\n>>> Compiling source in /var/tmp/portage/dev-libs/oniguruma-6.9.9/work ...\n[ 10%] Building C object\r[ 55%] Building C object\r[100%] Built target onig\nmake: \x1b[01;31mwarning\x1b[0m: jobserver unavailable\n');
    const frame = await h.tui.waitForFrame((f) => f.includes('[100%] Built target onig'));
    expect(frame).toMatch(/build\.log · dev-libs\/oniguruma-6\.9\.9 {2}follow {2}1-4\/4 {2}live/);
    expect(frame).not.toContain('[ 55%]');
    expect(frame).not.toContain('[ 10%]');
    expect(frame).toContain(' * Package:    dev-libs/oniguruma-6.9.9:0/5');
    expect(h.tui.rawFrame()).toMatch(/\x1b\[32m \* /);
    // What was followed is kept on disk beside the build's other files.
    const followed = path.join(build.files.logs, 'dev-libs_oniguruma-6.9.9.followed.log');
    for (let i = 0; i < 100 && !readFileSync(followed, 'utf8').includes('[100%]'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(readFileSync(followed, 'utf8')).toContain('[100%] Built target onig');

    // Esc goes back to the whole output and stops following.
    await h.tui.press('escape');
    expect(h.tui.frame()).toContain('› Build output  follow');
    expect(h.follows[0]!.options.signal.aborted).toBe(true);
  });

  it('in mono draws the log without any colour, keeping bold', async () => {
    h = await openBuild({ theme: 'mono' });
    const build = await startBuild(h);
    await emit(h, build, eventsOf(containerOutput(PHP, Date.now() - 40_000, { lines: 34 })), (f) => f.includes('sqlite'));
    await h.tui.press('down', 'enter');
    h.follows[0]!.options.onData(' \x1b[31;01m*\x1b[0m ERROR: nothing really\n\x1b[32mgreen text\x1b[0m\n');
    await h.tui.waitForFrame((f) => f.includes('green text'));
    expect(hasColour(h.tui.rawFrame())).toBe(false);
    expect(h.tui.rawFrame()).toMatch(/\x1b\[1m\*/);
  });

  it('when the package is merged the follow runs on until the folder is gone, its text stays and the pane says why it ended', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    const start = Date.now() - 100_000;
    await emit(h, build, eventsOf(containerOutput(PHP, start, { lines: 34 })), (f) => f.includes('sqlite'));
    await h.tui.press('down', 'enter');
    const follow = h.follows[0]!;
    expect(follow.cpv).toBe('dev-libs/expat-2.6.4');
    follow.options.onStatus?.('following');
    follow.options.onData('>>> Install dev-libs/expat-2.6.4 into /var/tmp/portage/dev-libs/expat-2.6.4/image\n');
    await h.tui.waitForFrame((f) => f.includes('>>> Install dev-libs/expat'));
    const more = eventsOf(containerOutput(PHP, start, { lines: 58 })).slice(eventsOf(containerOutput(PHP, start, { lines: 34 })).length);
    await emit(h, build, more, (f) => f.includes('done 1'));
    // Merged: the last lines still come through tail before Portage removes the folder.
    expect(follow.options.signal.aborted).toBe(false);
    follow.options.onData('>>> Completed installing dev-libs/expat-2.6.4 into /var/tmp/portage/dev-libs/expat-2.6.4/image\n');
    follow.end({ kind: 'gone' });
    const frame = await h.tui.waitForFrame((f) => f.includes('merged, folder removed') && f.includes('Completed installing'));
    expect(frame).toMatch(/✓ dev-libs\/expat-2\.6\.4 +merged/);
    expect(frame).toContain('>>> Install dev-libs/expat-2.6.4 into');
    expect(h.follows).toHaveLength(1);
  });
});

describe('a failed package', () => {
  it('opens on the failure panel: package, phase, no image, its build.log from the first error and the path of the copy', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    const copy = path.join(build.files.logs, 'dev-util_brokentool-0.9.build.log');
    writeFileSync(copy, brokentoolLog());
    await emit(h, build, eventsOf(containerOutput(FAILURE, Date.now() - 120_000)), (f) => f.includes('failed 1'));
    // The runner sends the last non-blank lines back to the first error, colour codes taken out.
    const tail = failureTail(brokentoolLog());
    build.emit([
      { type: 'failure-log', cpv: 'dev-util/brokentool-0.9', path: copy, tail, t: Date.now() },
      { type: 'error', message: '1 package(s) failed: dev-util/brokentool-0.9', t: Date.now() },
      { type: 'result', ok: false, failed: ['dev-util/brokentool-0.9'], t: Date.now() },
    ]);
    build.finish({ kind: 'failed', failed: ['dev-util/brokentool-0.9'], message: '1 package(s) failed: dev-util/brokentool-0.9' });
    // (The whole output has those last lines too: wait for the package's own view.)
    const frame = await h.tui.waitForFrame((f) => f.includes('brokentool_parser.c:5:1: error:') && f.includes('FAILED') && f.includes('saved copy') && f.includes('compile phase'));
    const lines = frame.split('\n');
    expect(lines[1]).toMatch(/^FAILED {2}\d:\d\d {2}php-web/);
    expect(lines[2]).toMatch(/^running 0 {2}merge wait 0 {2}done 2 {2}failed 1 {2}of 4/);
    expect(frame).toContain('✗ 1 package(s) failed: dev-util/brokentool-0.9');
    expect(frame).toMatch(/✗ dev-util\/brokentool-0\.9 +failed/);
    expect(frame).toContain('✗ dev-util/brokentool-0.9 failed in the compile phase: no image was made');
    expect(frame).toContain('Log below from its first error · End: its last lines · o: all in $PAGER');
    // The path keeps its end when it is too long for the line.
    expect(frame.split('\n').find((l) => l.includes('dev-util_brokentool-0.9.build.log'))).toMatch(copy.length + 5 <= 80 ? /^Log: / : /…[^ ]*\/logs\/dev-util_brokentool-0\.9\.build\.log$/);
    expect(frame).toContain('build.log · dev-util/brokentool-0.9');
    expect(frame).toContain('saved copy');
    // The log opens on the compiler's first error line, not on emerge's boilerplate; End shows the
    // last lines, colours and all (Portage's red stars).
    const status = lines.findIndex((l) => l.includes('build.log · dev-util/brokentool-0.9'));
    expect(lines[status + 1]).toMatch(/^src\/brokentool_parser\.c:5:1: error:/);
    expect(lines[status]).toContain('paused');
    await h.tui.press('tab', 'end', 'tab');
    expect(h.tui.frame()).toContain(" * S: '/var/tmp/portage/dev-util/brokentool-0.9/work/brokentool-0.9'");
    expect(h.tui.rawFrame()).toMatch(/\x1b\[31m[^\n]*\*/);
    // + gives the log (and its panel) the whole pane: die()'s first line comes into view.
    await h.tui.press('tab', '+');
    expect(h.tui.frame()).toContain(' * ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase):');
    expect(h.tui.frame()).toContain('✗ dev-util/brokentool-0.9 failed in the compile phase');
    await h.tui.press('_', 'tab');

    // o: the whole copy in the pager; / finds the compiler error further up.
    await h.tui.press('tab', 'o');
    expect(h.pagers).toEqual([copy]);
    expect(h.tui.frame().replace(/\n */g, ' ')).toContain(`Back from less (${copy}`.slice(0, 60));
    await h.tui.press('/');
    await h.tui.type('Error 1');
    await h.tui.press('enter');
    const found = h.tui.frame();
    expect(found).toContain('/Error 1 1/1');
    expect(found).toContain('make: *** [Makefile:17: src/brokentool_parser.o] Error 1');
    expect(found).toContain('paused');
  });

  it('falls back to the runner\'s tail when the copy cannot be read', async () => {
    h = await openBuild();
    const build = await startBuild(h);
    await emit(h, build, eventsOf(containerOutput(FAILURE, Date.now() - 120_000)), (f) => f.includes('failed 1'));
    build.emit([{ type: 'failure-log', cpv: 'dev-util/brokentool-0.9', path: '/nonexistent/copy.build.log', tail: ['make: *** [Makefile:17: src/brokentool_parser.o] Error 1', ' * ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase):'], t: Date.now() }]);
    build.finish({ kind: 'failed', failed: ['dev-util/brokentool-0.9'], message: '1 package(s) failed: dev-util/brokentool-0.9' });
    const frame = await h.tui.waitForFrame((f) => f.includes('failed (compile phase):') && f.includes('cannot read') && f.includes('Log: /nonexistent'));
    expect(frame).toContain('make: *** [Makefile:17: src/brokentool_parser.o] Error 1');
    expect(frame).toContain('Log: /nonexistent/copy.build.log');
  });
});

describe('a 10,000-line build output', () => {
  async function longBuild(): Promise<{ h: BuildHarness; lines: string[] }> {
    const harness = await openBuild();
    h = harness;
    const build = await startBuild(harness);
    const start = Date.now() - 10_000_000;
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 1000 === 500 ? `x86_64-pc-linux-gnu-gcc -c -o obj${i}.o: error: expected ';'` : `x86_64-pc-linux-gnu-gcc -O2 -pipe -c -o obj${i}.o src${i}.c`));
    // The full output.log on disk, as the runner keeps it (engine timestamps on every line).
    writeFileSync(build.files.output, lines.map((l, i) => `${new Date(start + i * 1000).toISOString()} ${l}`).join('\n') + '\n');
    for (let i = 0; i < lines.length; i += 500) build.emit(lines.slice(i, i + 500).map((text, j) => ({ type: 'log' as const, text, t: start + (i + j) * 1000 })));
    // The lines (drawn in batches) and their count (refreshed a few times a second).
    await harness.tui.waitForFrame((f) => f.includes('obj9999.o src9999.c') && f.includes('Build output (10000 lines)'));
    return { h: harness, lines };
  }

  it('keeps memory bounded: the ring keeps 5,000 lines, the view its scrollback; the rest is on disk', async () => {
    const { h } = await longBuild();
    expect(h.workbench.builds.log.total).toBe(10_000);
    expect(h.workbench.builds.log.size).toBe(5000);
    const frame = h.tui.frame();
    expect(frame).toContain('› Build output (10000 lines)');
    expect(frame).toMatch(/Build output {2}follow {2}\d+-\d+\/\d+ {2}last 5000 lines here, all in output\.log/);
    const range = /follow {2}(\d+)-(\d+)\/(\d+)/.exec(frame)!;
    expect(Number(range[3])).toBeLessThanOrEqual(5000 + 20);
    expect(frame.split('\n').at(-2)).toBe('x86_64-pc-linux-gnu-gcc -O2 -pipe -c -o obj9999.o src9999.c');
  });

  it('scrolling up pauses follow (new lines do not move it), End follows again; / n N find highlighted matches', async () => {
    const { h } = await longBuild();
    await h.tui.press('tab', 'pageup', 'pageup');
    let frame = h.tui.frame();
    expect(frame).toMatch(/Build output {2}paused/);
    const top = frame.split('\n')[6];
    h.workbench.builds.log.push('a new line at the end');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.tui.frame().split('\n')[6]).toBe(top);
    await h.tui.press('end');
    frame = await h.tui.waitForFrame((f) => f.includes('a new line at the end'));
    expect(frame).toMatch(/Build output {2}follow/);

    await h.tui.press('/');
    await h.tui.type('error');
    await h.tui.press('enter');
    frame = h.tui.frame();
    // Only the last 5,000 lines are in the view: matches 5500 .. 9500.
    expect(frame).toContain('/error 1/5');
    expect(frame).toContain("obj5500.o: error: expected ';'");
    expect(h.tui.rawFrame()).toMatch(/\x1b\[7m[^\n]*error/);
    await h.tui.press('n');
    expect(h.tui.frame()).toContain('/error 2/5');
    expect(h.tui.frame()).toContain('obj6500.o: error');
    await h.tui.press('N', 'N');
    expect(h.tui.frame()).toContain('/error 5/5');
    expect(h.tui.frame()).toContain('obj9500.o: error');
  });

  it('s saves the whole output (all 10,000 lines, without engine timestamps) and says where', async () => {
    const { h, lines } = await longBuild();
    const build = h.builds[0]!;
    await h.tui.press('tab', 's');
    const proposed = path.join(build.files.dir, 'saved', 'output.log');
    // The prompt keeps the end of a long path in view.
    expect(h.tui.frame().split('\n')).toContainEqual(expect.stringMatching(/^Save to: \S*\/saved\/output\.log *$/));
    expect(proposed.startsWith(h.stateDir)).toBe(true);
    await h.tui.press('enter');
    const frame = await h.tui.waitForFrame((f) => f.includes('Saved'));
    expect(frame.replace(/\n */g, ' ')).toContain(`i Saved 10000 lines of build output to ${proposed}`.slice(0, 78));
    expect(readFileSync(proposed, 'utf8')).toBe(`${lines.join('\n')}\n`);
    // A path the user types.
    const typed = path.join(h.stateDir, 'mine', 'php.log');
    await h.tui.press('s', 'ctrl+u');
    await h.tui.type(typed);
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes(`Saved 10000 lines of build output to ${typed}`.slice(0, 70)));
    expect(readFileSync(typed, 'utf8').split('\n')).toHaveLength(10_001);
  });

  it('c copies the visible lines when the whole log is too long for the clipboard, and says so', async () => {
    const { h } = await longBuild();
    await h.tui.press('tab', 'c');
    expect(h.copies).toHaveLength(1);
    expect(h.copies[0]!.split('\n').at(-1)).toBe('x86_64-pc-linux-gnu-gcc -O2 -pipe -c -o obj9999.o src9999.c');
    expect(h.copies[0]!.split('\n')).toHaveLength(17);
    expect(h.tui.frame().replace(/\n */g, ' ')).toContain('i Sent the 17 visible lines (the whole log is too long for the clipboard; s saves it) as OSC 52 to the terminal; if nothing arrived');
  });

  it('+ maximises the log and _ restores the rows', async () => {
    const { h } = await longBuild();
    await h.tui.press('tab', '+');
    let frame = h.tui.frame();
    expect(frame).not.toContain('Build output (10000 lines)');
    expect(frame.split('\n').filter((l) => l.startsWith('x86_64-pc-linux-gnu-gcc'))).toHaveLength(18);
    expect(frame.split('\n').at(-1)).toContain('_ restore');
    await h.tui.press('_');
    frame = h.tui.frame();
    expect(frame).toContain('Build output (10000 lines)');
  });
});
