// The farm from the Build step at 80x24, with a fake farm service: f opens the setup (the open recipe
// and the recipes folder's files, local and the configured engines), b starts it with what was chosen,
// the table follows the farm's events (queued, waiting for, running with the package and N/M, done),
// Enter shows one build read-only and Esc comes back, the end shows the command's own summary text,
// Esc cancels a running farm after asking (the run's signal is aborted), quitting asks first.
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../../../../src/core/events.js';
import { farmSummaryText, type FarmSummary } from '../../../../../src/core/farm/farm-summary.js';
import { openFarm, result, type FarmHarness } from './farm-harness.js';

let h: FarmHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const footer = (frame: string) => frame.split('\n').at(-1) ?? '';
const T0 = Date.now();
const started = (cpv: string, index: number, total: number, binary = false): BuildEvent => ({ type: 'started', cpv, index, total, binary, t: T0 });
const completed = (cpv: string, index: number, total: number): BuildEvent => ({ type: 'completed', cpv, index, total, t: T0 + 1000 });

/** f, choose two.json, b: the farm of php-web and two on local and b2. */
async function startTwo(harness: FarmHarness) {
  await harness.tui.press('f');
  await harness.tui.waitForFrame((f) => f.includes('/recipes/two.json'));
  await harness.tui.press('down', 'space', 'tab', 'down', 'space');
  await harness.tui.waitForFrame((f) => f.includes('Engines (2 chosen)'));
  await harness.tui.press('b');
  await harness.tui.waitForFrame((f) => f.includes('Farm starting'));
  return harness.runs[0]!;
}

describe('farm setup', () => {
  it('offers the open recipe and the recipes folder\'s files, local and the configured engines; b needs two recipes', async () => {
    h = await openFarm();
    // After the screen's keys and quit, so a long footer cuts it before quit (? lists it).
    expect(footer(h.tui.frame())).toMatch(/^b build +\? help +q\/\^C quit +f farm/);
    await h.tui.press('f');
    const frame = await h.tui.waitForFrame((f) => f.includes('/recipes/two.json'));
    expect(frame).toContain('New farm: several recipes on several engines');
    expect(frame).toMatch(/› \[x\] php-web +open recipe \(php-web\.json\)/);
    // The open recipe's own file is not offered twice.
    expect(frame.match(/php-web\.json/g)).toHaveLength(1);
    expect(frame).toMatch(/\[ \] two +\/recipes\/two\.json/);
    expect(frame).toMatch(/\[x\] local +in use/);
    expect(frame).toMatch(/\[ \] b2/);
    expect(frame).toContain('Cannot start yet: a farm builds two recipes or more');
    expect(footer(frame)).not.toContain('start farm');
    await h.tui.press('b');
    expect(h.runs).toHaveLength(0);
    await h.tui.press('down', 'space');
    const ready = await h.tui.waitForFrame((f) => f.includes('Recipes (2 chosen)'));
    expect(ready).toContain('b builds 2 recipes on local');
    expect(footer(ready)).toMatch(/b start farm/);
    // Esc goes back to the Build step as it was.
    await h.tui.press('escape');
    await h.tui.waitForFrame((f) => f.includes('Nothing is building.'));
  });

  it('names a chosen recipe file that does not load and starts nothing', async () => {
    h = await openFarm();
    await h.tui.press('f');
    await h.tui.waitForFrame((f) => f.includes('/recipes/three.json'));
    await h.tui.press('down', 'down', 'space', 'b');
    const frame = await h.tui.waitForFrame((f) => f.includes('is not a usable recipe'));
    expect(frame).toContain('/recipes/three.json is not a usable recipe: packages: bad atom');
    expect(h.runs).toHaveLength(0);
  });

  it('refuses a recipe that names an engine the farm leaves out, before any engine is asked', async () => {
    h = await openFarm();
    await h.tui.press('f');
    await h.tui.waitForFrame((f) => f.includes('/recipes/two.json'));
    await h.tui.press('down', 'space', 'b');
    const frame = await h.tui.waitForFrame((f) => f.includes('names engine'));
    expect(frame).toContain('recipe two names engine "b2"');
    expect(frame).toContain('nothing was built');
    expect(h.runs).toHaveLength(0);
  });

  it('starts the farm with the chosen recipes (the open one as it is in the workbench) and engines', async () => {
    h = await openFarm();
    const run = await startTwo(h);
    expect(run.input.recipes.map((r) => [r.recipe.name, r.file])).toEqual([['php-web', '/recipes/php-web.json'], ['two', '/recipes/two.json']]);
    expect(run.input.engines).toEqual(['local', 'b2']);
    expect(h.load).toHaveBeenCalledWith('/recipes/two.json');
    expect(run.input.recipes[0]!.recipe).toBe(h.store.getState().recipe.doc);
  });
});

describe('farm view', () => {
  it('follows the farm: queued, waiting for, running with package and N/M, the binhost line, then the summary the command prints', async () => {
    h = await openFarm();
    const run = await startTwo(h);
    let frame = h.tui.frame();
    expect(frame).toContain('Farm starting 0:00: reading 2 recipes on local, b2');
    expect(frame).toMatch(/RECIPE +ENGINE +STATE +PACKAGE +N\/M +SRC\/BIN +TIME/);
    expect(frame).toMatch(/› php-web +- +queued/);
    expect(frame).toContain('shared binhost: chosen once the recipes are read');

    run.progress({ type: 'scheduled', slots: [{ recipe: 0, engine: 'local', after: [], waitsFor: [] }, { recipe: 1, engine: 'b2', after: [0], waitsFor: ['app-misc/hello-1.0'] }] });
    run.progress({ type: 'binhost', binhost: { engine: 'local', name: 'gwb-binhost-k1', urls: { local: '', b2: 'http://10.0.0.1:8080' }, startedByFarm: true } });
    run.progress({ type: 'started', recipe: 0, engine: 'local', buildId: '20261207-160000-abcdef', logDir: '/nowhere/20261207-160000-abcdef' });
    run.note('php-web: build 20261207-160000-abcdef started on local');
    run.events(0, [started('dev-libs/libfoo-1.0', 1, 3), completed('dev-libs/libfoo-1.0', 1, 3), started('app-misc/hello-1.0', 2, 3), { type: 'log', text: 'compiling hello.c', t: T0 }]);
    frame = await h.tui.waitForFrame((f) => f.includes('app-misc/hello-1.0'));
    expect(frame).toContain('Farm running');
    expect(frame).toMatch(/php-web +local +running +app-misc\/hello-1\.0 +1\/3 +1\/0/);
    expect(frame).toMatch(/two +b2 +waiting for p… +- +- +- +-/);
    expect(frame).toContain('php-web: build 20261207-160000-abcdef started on local');
    expect(frame).toContain('shared binhost gwb-binhost-k1 on local (b2 → http://10.0.0.1:8080)');
    // The line under the table says the whole of the selected row, and the selected build's last lines follow;
    // on the second, what it waits for.
    expect(frame).toContain('php-web on local: running · build 20261207-160000-abcdef');
    frame = await h.tui.waitForFrame((f) => f.includes('compiling hello.c'));
    expect(frame).toContain('php-web: last lines (Enter shows the build)');
    await h.tui.press('down');
    frame = h.tui.frame();
    expect(frame).toContain('two on b2: waiting for php-web · after php-web (app-misc/hello-1.0 as binaries)');
    expect(frame).toContain('two: waiting for php-web');
    expect(frame).not.toContain('compiling hello.c');

    // Enter on a row that has a build: the live pane's header and rows, its output, read-only; Esc back.
    await h.tui.press('up', 'enter');
    frame = await h.tui.waitForFrame((f) => f.includes('Build output of php-web') && f.includes('compiling hello.c'));
    expect(frame).toMatch(/building +\d:\d\d +php-web · gentoo\/stage3:amd64-openrc · commit/);
    expect(frame).toContain('read-only: the farm runs it');
    expect(frame).toContain('app-misc/hello-1.0');
    expect(frame).toContain('compiling hello.c');
    await h.tui.press('escape');
    frame = await h.tui.waitForFrame((f) => f.includes('RECIPE'));
    // Enter on a row without a build says so.
    await h.tui.press('down', 'enter');
    expect(h.tui.frame()).toContain('two has no build yet (waiting for php-web)');

    run.progress({ type: 'ended', recipe: 0, result: result('php-web', 'local', 'succeeded') });
    frame = await h.tui.waitForFrame((f) => /two +b2 +queued/.test(f));
    const summary: FarmSummary = {
      ok: true, engines: ['local', 'b2'],
      binhost: { engine: 'local', name: 'gwb-binhost-k1', urls: { local: '', b2: 'http://10.0.0.1:8080' }, startedByFarm: true },
      recipes: [result('php-web', 'local', 'succeeded'), result('two', 'b2', 'succeeded', { actual: { compiles: 0, binaries: 1 }, forecast: { compiles: 0, binaries: 1, fromBinhost: 1 } })],
      transfers: [], seconds: { total: 90.4, scheduling: 3.1, transfer: 0 },
    };
    run.end(summary);
    frame = await h.tui.waitForFrame((f) => f.includes('Farm done') && f.includes('farm: 90.4 s in all') && /Esc back/.test(footer(f)));
    expect(frame).toMatch(/php-web +local +done +- +1\/3 +1\/0 +0:41/);
    expect(frame).toMatch(/two +b2 +done +- +- +0\/1 +0:41/);
    expect(frame).toContain('Farm summary: every recipe built');
    // The summary is the command's text, line by line (wrapped at 80 columns; w unwraps it).
    const text = frame.split('\n').map((l) => l.trimEnd()).join('\n');
    for (const line of farmSummaryText(summary).trimEnd().split('\n')) expect(text.replace(/\n/g, ''), line).toContain(line.slice(0, 60).trimEnd());
    expect(footer(frame)).toMatch(/Tab pane +Esc back +f new farm/);
    // Tab into the summary: w unwraps it; Esc goes back to the rows, then to the Build step.
    await h.tui.press('tab', 'w');
    frame = await h.tui.waitForFrame((f) => /RECIPE +ENGINE +BUILD +STATUS/.test(f) && f.includes('Farm summary'));
    await h.tui.press('escape', 'escape');
    await h.tui.waitForFrame((f) => f.includes('Nothing is building.'));
    // f shows the ended farm again; there f asks for a new one.
    await h.tui.press('f');
    await h.tui.waitForFrame((f) => f.includes('Farm done'));
    await h.tui.press('f');
    await h.tui.waitForFrame((f) => f.includes('New farm'));
  });

  it('at 200x50 the columns widen: whole states and atoms', async () => {
    h = await openFarm({ columns: 200, rows: 50 });
    const run = await startTwo(h);
    run.progress({ type: 'scheduled', slots: [{ recipe: 0, engine: 'local', after: [], waitsFor: [] }, { recipe: 1, engine: 'b2', after: [0], waitsFor: ['app-misc/hello-1.0'] }] });
    run.progress({ type: 'started', recipe: 0, engine: 'local', buildId: 'b-one', logDir: '/nowhere/b-one' });
    run.events(0, [started('dev-libs/libfoo-with-a-long-name-1.0.20261207', 1, 3)]);
    const frame = await h.tui.waitForFrame((f) => f.includes('libfoo'));
    expect(frame).toMatch(/php-web +local +running +dev-libs\/libfoo-with-a-long-name-1\.0\.20261207 +0\/3/);
    expect(frame).toMatch(/two +b2 +waiting for php-web +-/);
  });

  it('Esc on a running farm asks; n keeps it, y cancels every build (the run is aborted) and the end says cancelled', async () => {
    h = await openFarm({ theme: 'mono' });
    const run = await startTwo(h);
    run.progress({ type: 'scheduled', slots: [{ recipe: 0, engine: 'local', after: [], waitsFor: [] }, { recipe: 1, engine: 'b2', after: [], waitsFor: [] }] });
    run.progress({ type: 'started', recipe: 0, engine: 'local', buildId: 'b-one', logDir: '/nowhere/b-one' });
    await h.tui.waitForFrame((f) => /php-web +local +running/.test(f));
    expect(footer(h.tui.frame())).toMatch(/Enter show build +Esc cancel farm/);
    await h.tui.press('escape');
    let frame = await h.tui.waitForFrame((f) => f.includes('Cancel the farm?'));
    expect(footer(frame)).toMatch(/y cancel the farm +n\/Esc keep it running/);
    await h.tui.press('n');
    await h.tui.waitForFrame((f) => !f.includes('Cancel the farm?'));
    expect(run.input.signal.aborted).toBe(false);
    await h.tui.press('escape', 'y');
    frame = await h.tui.waitForFrame((f) => f.includes('Farm cancelling'));
    expect(run.input.signal.aborted).toBe(true);
    expect(frame).toMatch(/php-web +local +cancelling/);
    expect(frame).toMatch(/two +b2 +not started/);
    run.end({
      ok: false, engines: ['local', 'b2'], binhost: null, transfers: [], seconds: { total: 12, scheduling: 2, transfer: 0 },
      recipes: [result('php-web', 'local', 'cancelled', { message: 'cancelled' }), result('two', 'b2', 'not started', { seconds: 0 })],
    });
    frame = await h.tui.waitForFrame((f) => f.includes('Farm cancelled'));
    expect(frame).toMatch(/php-web +local +cancelled/);
    expect(frame).toContain('shared binhost: none');
  });

  it('a farm that cannot run says why; quitting while one runs asks and x cancels it before quitting', async () => {
    h = await openFarm();
    let run = await startTwo(h);
    run.fail(Object.assign(new Error('engine b2: connection refused'), {}));
    let frame = await h.tui.waitForFrame((f) => f.includes('Farm did not run'));
    expect(frame).toContain('engine b2: connection refused');
    expect(frame).toMatch(/php-web +- +not started/);
    await h.tui.press('f');
    await h.tui.waitForFrame((f) => f.includes('New farm'));
    await h.tui.press('down', 'space', 'tab', 'down', 'space', 'b');
    await h.tui.waitForFrame((f) => f.includes('Farm starting'));
    run = h.runs[1]!;
    await h.tui.press('q');
    frame = await h.tui.waitForFrame((f) => f.includes('Quit gentoo-wb?'));
    expect(frame).toContain('A farm of 2 recipes is running');
    run.input.signal.addEventListener('abort', () => run.end({ ok: false, engines: ['local'], binhost: null, transfers: [], seconds: { total: 1, scheduling: 1, transfer: 0 }, recipes: [] }));
    await h.tui.press('x');
    await new Promise((r) => setTimeout(r, 50));
    expect(run.input.signal.aborted).toBe(true);
    expect(h.onExit).toHaveBeenCalledTimes(1);
  });

  it('a farm that ends while another step is shown no longer holds up quitting', async () => {
    h = await openFarm();
    const run = await startTwo(h);
    await h.tui.press('6');
    await h.tui.waitForFrame((f) => f.includes('RESULT'));
    run.end({ ok: true, engines: ['local', 'b2'], binhost: null, transfers: [], seconds: { total: 5, scheduling: 1, transfer: 0 }, recipes: [result('php-web', 'local', 'succeeded'), result('two', 'b2', 'succeeded')] });
    await new Promise((r) => setTimeout(r, 50));
    await h.tui.press('q');
    await new Promise((r) => setTimeout(r, 20));
    expect(h.tui.frame()).not.toContain('Quit gentoo-wb?');
    expect(h.onExit).toHaveBeenCalledTimes(1);
  });
});
