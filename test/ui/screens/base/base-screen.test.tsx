import { afterEach, describe, expect, it } from 'vitest';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import { EngineError } from '../../../../src/engine/docker/errors.js';
import type { Tui } from '../../../helpers/render-tui.js';
import { openBase, type BaseHarness } from './harness.js';

let h: BaseHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});
const lines = (t: Tui) => t.frame().split('\n');

describe('Base screen', () => {
  it('at 80x24 lists the amd64 catalogue with what is present, and the keys', async () => {
    h = await openBase();
    const frame = await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    expect(lines(h.tui)[1]).toMatch(/Base not chosen · tree: snapshot gentoo\/portage:latest/);
    expect(frame).toMatch(/›Catalogue \(amd64\) +Local images \(4\) +Tree source/);
    expect(frame).toMatch(/› ✓ amd64-openrc +OpenRC/);
    expect(frame).toMatch(/ {2}· amd64-systemd +systemd/);
    expect(frame).toMatch(/ {4}amd64-musl +musl(?![,-])/);
    expect(frame).toMatch(/ {4}amd64-nomultilib-systemd +no multilib/);
    expect(frame).toContain('Present locally');
    expect(frame).toContain('1-18 of 27  (/ filters)');
    expect(lines(h.tui).at(-1)).toBe('Enter use  / search  p pull  i import  t tag  Tab section  ? help  q/^C quit');
    await h.tui.press('down');
    expect(h.tui.frame()).toContain('Dated copies here: 20260420');
    await h.tui.press('down', 'down');
    expect(h.tui.frame()).toContain('no multilib, systemd');
    await h.tui.press('a');
    expect(h.tui.frame()).toContain('Catalogue (arm64)');
    expect(h.tui.frame()).toMatch(/arm64-openrc/);
  });

  it('filters local images with / and reads the chosen one: profile, CHOST, Portage, packages', async () => {
    h = await openBase();
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('tab');
    expect(h.tui.frame()).toMatch(/›Local images \(4\)/);
    expect(h.tui.frame()).toMatch(/gwb-local\/stage3:1 +12\.0 MB/);
    await h.tui.press('/');
    await h.tui.type('local');
    expect(h.tui.frame()).toContain('/local');
    expect(h.tui.frame()).toContain('1 of 4');
    await h.tui.press('enter', 'enter');
    const frame = await h.tui.waitForFrame((f) => /packages +3 installed/.test(f));
    expect(frame).toContain('Base gwb-local/stage3:1');
    expect(frame).toMatch(/profile +default\/linux\/amd64\/23\.0/);
    expect(frame).toMatch(/CHOST +x86_64-pc-linux-gnu/);
    expect(frame).toMatch(/Portage +3\.0\.66/);
    expect(h.calls.readBase).toEqual([['gwb-local/stage3:1', { source: 'snapshot', image: 'gentoo/portage:latest' }]]);
    const { recipe, base } = h.store.getState();
    expect(base?.chost).toBe('x86_64-pc-linux-gnu');
    expect(recipe.doc?.base.image).toBe('gwb-local/stage3:1');
    expect(recipe.doc?.name).toBe('stage3-1');
    expect(recipe.doc?.portage).toEqual({ source: 'snapshot', image: 'gentoo/portage:latest' });
    // Sizing from the host checks (8 CPUs, 32 GiB).
    expect(recipe.doc?.makeConf.MAKEOPTS).toBe('-j4 -l9');
    expect(recipe.doc?.jobs).toEqual({ emerge: 2, loadAverage: 9, keepGoing: true });
    expect(recipe).toMatchObject({ dirty: true, path: null });
  });

  it('without host checks sizes the new recipe from this machine', async () => {
    h = await openBase({ sizing: null });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('3 installed'));
    expect(h.store.getState().recipe.doc?.makeConf.MAKEOPTS).toBe('-j2 -l3');
  });

  it('an open recipe keeps its tree and gets the new base (marked modified)', async () => {
    const recipe = { ...newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-systemd', packages: ['app-misc/hello'] }), portage: { source: 'base' as const } };
    h = await openBase({ recipe });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    expect(h.tui.frame()).toContain("Base gentoo/stage3:amd64-systemd · tree: the base's own tree");
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('3 installed'));
    expect(h.store.getState().recipe).toMatchObject({ path: '/recipes/demo.json', dirty: true, doc: { name: 'demo', base: { image: 'gentoo/stage3:amd64-openrc' }, portage: { source: 'base' }, packages: ['app-misc/hello'] } });
    // The opened recipe's base was read on arrival, then the new one.
    expect(h.calls.readBase).toEqual([['gentoo/stage3:amd64-systemd', { source: 'base' }], ['gentoo/stage3:amd64-openrc', { source: 'base' }]]);
  });

  it('pulls a missing tag with a bar per layer, then uses it', async () => {
    let release: () => void = () => {};
    h = await openBase({
      fake: {
        pull: (_ref, _signal, emit) => new Promise<void>((resolve) => {
          emit({ kind: 'layer', layer: 'aaaaaaaaaaaa', phase: 'downloading', status: 'Downloading', current: 50_000_000, total: 200_000_000 });
          emit({ kind: 'layer', layer: 'bbbbbbbbbbbb', phase: 'complete', status: 'Pull complete', current: null, total: null });
          release = resolve;
        }),
      },
    });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('/');
    await h.tui.type('musl-llvm');
    await h.tui.press('enter');
    expect(h.tui.frame()).toContain('Not present. Enter pulls');
    await h.tui.press('enter');
    let frame = await h.tui.waitForFrame((f) => f.includes('aaaaaaaaaaaa'));
    expect(frame).toMatch(/Pulling *\n.*gentoo\/stage3:amd64-musl-llvm/);
    expect(frame).toMatch(/aaaaaaaaaaaa [█░]+ download/);
    expect(frame).toMatch(/bbbbbbbbbbbb █+ done/);
    expect(frame).toContain('1/2 layers');
    expect(lines(h.tui).at(-1)).toMatch(/^Esc cancel/);
    release();
    frame = await h.tui.waitForFrame((f) => f.includes('3 installed'));
    expect(h.calls.pull).toEqual(['gentoo/stage3:amd64-musl-llvm']);
    expect(h.store.getState().recipe.doc?.base.image).toBe('gentoo/stage3:amd64-musl-llvm');
    expect(frame).toMatch(/✓ amd64-musl-llvm/);
  });

  it('offline: a pull that reaches no registry says so and points at importing', async () => {
    h = await openBase({
      fake: {
        pull: async (ref) => {
          throw new EngineError('engine', `pull ${ref}: cannot reach the registry (Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host)`, "check the network, proxy and DNS of the engine's host; offline, import a stage3 tarball instead");
        },
      },
    });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('end', 'p');
    const frame = await h.tui.waitForFrame((f) => f.includes('No registry answered.'));
    expect(frame).toContain('No registry answered (pull gentoo/stage3:t64-systemd); i imports a tarball');
    expect(frame).toContain('cannot reach the registry');
    expect(frame).toContain('i imports a stage3 tarball instead.');
    expect(h.store.getState().recipe.doc).toBeNull();
  });

  it('Esc cancels a pull that hangs', async () => {
    h = await openBase({
      fake: { pull: (_ref, signal) => new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(new EngineError('aborted', 'aborted', 'x')))) },
    });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('p');
    await h.tui.waitForFrame((f) => f.includes('asking the registry…'));
    await h.tui.press('escape');
    const frame = await h.tui.waitForFrame((f) => f.includes('cancelled'));
    expect(frame).toMatch(/pull gentoo\/stage3:amd64-openrc: *\n.*cancelled/);
    expect(frame).not.toContain('Pulling');
  });

  it('imports a tarball: path checked as typed, tag proposed, then listed under Local images', async () => {
    h = await openBase();
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('i');
    await h.tui.type('/tmp/nope.tar');
    expect(h.tui.frame()).toContain('✗ /tmp/nope.tar does not exist');
    await h.tui.press('ctrl+u');
    await h.tui.type('/tmp/stage3.tar.xz');
    expect(h.tui.frame()).toContain('a stage3 or any root file system');
    await h.tui.press('enter');
    expect(h.tui.frame()).toContain('Tag as: local/stage3:stage3');
    await h.tui.press('ctrl+u');
    await h.tui.type('Bad Tag');
    expect(h.tui.frame()).toMatch(/✗ .*is not a valid/);
    await h.tui.press('ctrl+u');
    await h.tui.type('local/stage3:mine');
    await h.tui.press('enter');
    const frame = await h.tui.waitForFrame((f) => f.includes('Local images (5)'));
    expect(h.calls.import).toEqual([['/tmp/stage3.tar.xz', 'local/stage3:mine']]);
    expect(frame).toMatch(/›Local images \(5\)/);
    expect(frame).toMatch(/› local\/stage3:mine/);
    expect(frame).toContain('Imported /tmp/stage3.tar.xz as local/stage3:mine; Enter uses it');
  });

  it('chooses the tree source: snapshot images, a host path (checked), or the base', async () => {
    const recipe = newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'] });
    h = await openBase({ recipe });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('shift+tab');
    let frame = h.tui.frame();
    expect(frame).toMatch(/›Tree source/);
    expect(frame).toMatch(/\( \) snapshot gentoo\/portage:latest/);
    expect(frame).toMatch(/\( \) host repository…/);
    expect(frame).toMatch(/\(\*\) the base image's own tree/);
    await h.tui.press('down', 'enter');
    await h.tui.press('ctrl+u');
    await h.tui.type('repos/gentoo');
    expect(h.tui.frame()).toContain("an absolute path on the engine's host");
    await h.tui.press('home');
    await h.tui.type('/srv/');
    await h.tui.press('enter');
    frame = h.tui.frame();
    expect(frame).toMatch(/\(\*\) host repository \/srv\/repos\/gentoo/);
    expect(frame).toContain('tree: host /srv/repos/gentoo');
    expect(h.store.getState().recipe.doc?.portage).toEqual({ source: 'host', path: '/srv/repos/gentoo' });
    await h.tui.press('g', 'enter');
    expect(h.store.getState().recipe.doc?.portage).toEqual({ source: 'snapshot', image: 'gentoo/portage:latest' });
    // The base is read again with the new tree.
    await h.tui.waitForFrame(() => h!.calls.readBase.length === 3);
    expect(h.calls.readBase.map(([, s]) => s)).toEqual([{ source: 'base' }, { source: 'host', path: '/srv/repos/gentoo' }, { source: 'snapshot', image: 'gentoo/portage:latest' }]);
  });

  it('says when there is no engine, and still shows the catalogue', async () => {
    h = await openBase({ engine: { status: 'failed', message: 'permission denied on /var/run/docker.sock', hint: 'see gentoo-wb check' } });
    const frame = h.tui.frame();
    expect(frame).toContain('amd64-openrc');
    expect(frame).toContain('no engine: permission denied on');
    await h.tui.press('enter');
    expect(h.tui.frame()).toContain('No engine: permission denied');
  });

  it('fits 200x50 and works in mono', async () => {
    h = await openBase({ columns: 200, rows: 50, theme: 'mono' });
    const frame = await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    expect(frame).toContain('amd64-desktop-systemd');
    expect(frame).toContain('t64-systemd');
  });
});
