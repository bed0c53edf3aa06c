// The Base step's Engine section: every configured engine listed with whether it answers and its facts
// (unreachable ones with why), Enter switches the session's one connection to it, its CPUs and memory
// size new recipes (and an open recipe still sized as before), the catalogue and local images follow
// the engine, and the choice is remembered for the next start.
import { afterEach, describe, expect, it, type Mock } from 'vitest';
import { recommendSizing } from '../../../../src/core/host/sizing.js';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import type { EngineConnection } from '../../../../src/engine/docker/index.js';
import type { EngineCheck, EngineFacts } from '../../../../src/engine/engines/engine-check.js';
import type { Tui } from '../../../helpers/render-tui.js';
import { CONNECTION, image, memorySettings, openBase, type BaseHarness, type BaseOptions } from './harness.js';

let h: BaseHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const GIB = 1024 ** 3;
const facts = (part: Partial<EngineFacts>): EngineFacts => ({
  kind: 'docker', version: '20.10.24', apiVersion: '1.41', daemonApiVersion: '1.41', os: 'linux', operatingSystem: 'Debian GNU/Linux 12 (bookworm)', arch: 'x86_64', kernelVersion: '6.1.0',
  cpus: 8, memoryBytes: 32 * GIB, rootDir: '/var/lib/docker', freeDiskBytes: 120e9, freeDiskNote: null, rootless: false, storageDriver: 'overlay2', hostname: 'here', cgroupVersion: '2', cgroupDriver: 'systemd', ...part,
});
const reachable = (name: string, url: string, f: EngineFacts, elapsedMs = 12): EngineCheck => ({ name, url, host: url, reachable: true, error: null, hint: null, warnings: [], facts: f, elapsedMs });
const CHECKS: EngineCheck[] = [
  reachable('local', 'unix:///var/run/docker.sock', facts({})),
  reachable('arm64-box', 'ssh://builder@arm64-box', facts({ arch: 'aarch64', cpus: 16, memoryBytes: 64 * GIB, version: '24.0.7', freeDiskBytes: null, freeDiskNote: "/var/lib/docker is on the engine's host, not readable from here" }), 140),
  { name: 'riscv', url: 'tcp://10.0.0.9:2376', host: 'tcp://10.0.0.9:2376', reachable: false, error: 'cannot connect to the engine at tcp://10.0.0.9:2376: connection refused', hint: 'is dockerd running there and listening on that port?', warnings: [], facts: null, elapsedMs: 4 },
];
const ARM = { docker: { fake: 'arm' }, endpoint: { host: 'ssh://builder@arm64-box' }, info: { arch: 'aarch64', kind: 'docker', rawInfo: { NCPU: 16, MemTotal: 64 * GIB } } } as unknown as EngineConnection;

function withEngines(extra: Partial<BaseOptions> = {}): BaseOptions {
  return {
    engines: { names: ['arm64-box', 'riscv'], checks: CHECKS, connections: { 'arm64-box': ARM }, images: new Map([[ARM, [image(['gentoo/stage3:arm64-openrc'])]]]) },
    ...extra,
  };
}

const lines = (t: Tui) => t.frame().split('\n');

async function openEngineSection(options: BaseOptions): Promise<BaseHarness> {
  const harness = await openBase(options);
  await harness.tui.waitForFrame((f) => f.includes('Local images (4)'));
  await harness.tui.press('tab', 'tab', 'tab');
  await harness.tui.waitForFrame((f) => f.includes('arm64-box') && f.includes('does not answer'));
  return harness;
}

describe('Base: the engine', () => {
  it('lists every engine at 80x24: reachable ones with arch, CPUs, memory, kind and version; unreachable ones said, with why', async () => {
    h = await openEngineSection(withEngines());
    const frame = h.tui.frame();
    expect(lines(h.tui)[2]).toMatch(/Catalogue \(amd64\) +Local images \(4\) +Tree source +›Engine: local/);
    // As many facts as the row has room for, whole (at 80 columns arch, CPUs and memory); the detail has them all.
    expect(frame).toMatch(/› \(\*\) ✓ local +x86_64 8 CPU 34\.4 GB {3}/);
    expect(frame).toMatch(/ {2}\( \) ✓ arm64-box +aarch64 16 CPU 68\.7 GB {3}/);
    expect(frame).toMatch(/ {2}\( \) ✗ riscv +does not answer/);
    // The detail pane: the selected engine's facts and the sizing a recipe would get.
    expect(frame).toContain('Engine local (in use)');
    expect(frame).toMatch(/kind +docker 20\.10\.24/);
    expect(frame).toMatch(/CPUs +8/);
    expect(frame).toMatch(/disk +120 GB free/);
    expect(frame).toMatch(/MAKEOPTS -j4 -l9\s/);
    expect(frame).toMatch(/emerge +--jobs=2\s/);
    expect(lines(h.tui).at(-1)).toBe('Enter use  / search  r ask again  Tab section  ? help  q/^C quit');
    await h.tui.press('down');
    expect(h.tui.frame()).toMatch(/arch +aarch64 · linux/);
    expect(h.tui.frame()).toMatch(/disk +\? \(not readable from here\)/);
    expect(h.tui.frame()).toMatch(/MAKEOPTS -j4 -l17\s/);
    expect(h.tui.frame()).toMatch(/emerge +--jobs=4\s/);
    expect(h.tui.frame()).toContain('Enter uses it for every step.');
    await h.tui.press('down');
    const riscv = h.tui.frame();
    expect(riscv).toContain('Engine riscv');
    expect(riscv).toMatch(/✗ does not answer: cannot connect/);
    expect(riscv).toMatch(/is dockerd running/);
    expect(riscv).toContain('Enter tries to connect');
  });

  it('at 200x50 the rows have room for kind, version and free disk', async () => {
    h = await openBase({ ...withEngines(), columns: 200, rows: 50 });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('tab', 'tab', 'tab');
    const frame = await h.tui.waitForFrame((f) => f.includes('does not answer'));
    expect(frame).toMatch(/› \(\*\) ✓ local +x86_64 8 CPU 34\.4 GB docker 20\.10\.24 120 GB free/);
    expect(frame).toMatch(/\( \) ✓ arm64-box +aarch64 16 CPU 68\.7 GB docker 24\.0\.7 {3}/);
  });

  it('Enter switches every step to the engine: sizing, the open recipe, the catalogue, its images and the base read there; remembered', async () => {
    const settings = memorySettings();
    h = await openBase(withEngines({ settings }));
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    // A base chosen on the local engine: a new recipe sized from it (8 CPUs, 32 GiB).
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('3 installed'));
    expect(h.store.getState().recipe.doc?.makeConf.MAKEOPTS).toBe('-j4 -l9');
    await h.tui.press('tab', 'tab', 'tab');
    await h.tui.waitForFrame((f) => f.includes('does not answer'));
    await h.tui.press('down', 'enter');
    const frame = await h.tui.waitForFrame((f) => f.includes('Engine: arm64-box'));
    expect(h.services.connect).toHaveBeenLastCalledWith('arm64-box');
    const state = h.store.getState();
    expect(state.engine).toMatchObject({ status: 'ready', name: 'arm64-box', connection: ARM });
    expect(state.sizing).toMatchObject({ cpus: 16, makeopts: '-j4 -l17', emergeJobs: 4, source: 'engine' });
    // The recipe still had the old engine's sizing: it follows (and is marked modified).
    expect(state.recipe.doc?.makeConf.MAKEOPTS).toBe('-j4 -l17');
    expect(state.recipe.doc?.jobs).toMatchObject({ emerge: 4, loadAverage: 17 });
    expect(state.recipe.dirty).toBe(true);
    expect(frame).toMatch(/› \(\*\) ✓ arm64-box/);
    expect(frame).toMatch(/Engine arm64-box \(aarch64, 16 CPUs, 68\.7 GB\) for every step/);
    expect(settings.read().lastEngine).toBe('arm64-box');
    // The base is read again there, and the other sections show that engine's catalogue and images.
    await h.tui.waitForFrame(() => h!.calls.readOn.at(-1) === ARM);
    expect(h.calls.readBase.at(-1)?.[0]).toBe('gentoo/stage3:amd64-openrc');
    await h.tui.press('tab');
    expect(await h.tui.waitForFrame((f) => f.includes('Catalogue (arm64)'))).toMatch(/› ✓ arm64-openrc/);
    expect(h.tui.frame()).toContain('Local images (1)');
    // Back to local: forgotten in the settings (the default endpoint is the default).
    await h.tui.press('shift+tab');
    await h.tui.press('up', 'enter');
    await h.tui.waitForFrame((f) => f.includes('Engine: local'));
    expect(h.store.getState().engine).toMatchObject({ status: 'ready', connection: CONNECTION });
    expect(h.store.getState().engine.name).toBeUndefined();
    expect(settings.read().lastEngine).toBeUndefined();
  });

  it('a recipe that names its engine (for gentoo-wb build) names the one switched to', async () => {
    const recipe = { ...newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc' }), engine: 'local' };
    h = await openBase(withEngines({ recipe }));
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('tab', 'tab', 'tab');
    await h.tui.waitForFrame((f) => f.includes('does not answer'));
    await h.tui.press('down', 'enter');
    const frame = await h.tui.waitForFrame((f) => f.includes('Engine: arm64-box'));
    expect(h.store.getState().recipe).toMatchObject({ dirty: true, doc: { engine: 'arm64-box' } });
    expect(frame.replace(/\s+/g, ' ')).toContain("the recipe's engine is arm64-box now");
  });

  it('a recipe with MAKEOPTS of its own keeps them, and the message says how to apply the engine\'s', async () => {
    h = await openBase(withEngines());
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('3 installed'));
    const doc = h.store.getState().recipe.doc!;
    h.store.setRecipe({ ...doc, makeConf: { ...doc.makeConf, MAKEOPTS: '-j3' } });
    await h.tui.press('tab', 'tab', 'tab');
    await h.tui.waitForFrame((f) => f.includes('does not answer'));
    await h.tui.press('down', 'enter');
    const frame = await h.tui.waitForFrame((f) => f.includes('Engine: arm64-box'));
    expect(h.store.getState().recipe.doc?.makeConf.MAKEOPTS).toBe('-j3');
    expect(frame.replace(/\s+/g, ' ')).toMatch(/keeps its own: r on Recipe › make\.conf applies/);
  });

  it('an engine that does not answer on Enter leaves the session where it was, and says why', async () => {
    h = await openEngineSection(withEngines());
    await h.tui.press('down', 'down', 'enter');
    const frame = await h.tui.waitForFrame((f) => f.includes('cannot be used'));
    expect(frame.replace(/\s+/g, ' ')).toContain('Engine riscv cannot be used: cannot connect to riscv: connect ECONNREFUSED (is its daemon running?). The session stays on local.');
    expect(h.store.getState().engine).toMatchObject({ status: 'ready', connection: CONNECTION });
    expect(frame).toContain('Engine: local');
  });

  it('a session whose engine does not answer says so on Base and gets going on another one', async () => {
    h = await openBase(withEngines({ engine: { status: 'failed', name: 'riscv', message: 'cannot connect to riscv: timeout', hint: 'see gentoo-wb check' } }));
    let frame = await h.tui.waitForFrame((f) => f.includes('Engine: riscv'));
    // The detail pane (right of the list), its wrapped lines joined.
    const pane = frame.split('\n').map((l) => l.slice(45).trim()).filter((l) => l !== '').join(' ');
    expect(pane).toContain('engine riscv does not answer: cannot connect to riscv: timeout (the Engine section picks another)');
    await h.tui.press('tab', 'tab', 'tab');
    await h.tui.waitForFrame((f) => f.includes('arm64-box'));
    await h.tui.press('down', 'enter');
    frame = await h.tui.waitForFrame((f) => f.includes('Engine: arm64-box'));
    expect(h.store.getState().engine).toMatchObject({ status: 'ready', name: 'arm64-box' });
    await h.tui.press('tab');
    expect(await h.tui.waitForFrame((f) => f.includes('Local images (1)'))).not.toContain('does not answer: cannot connect');
  });

  it('r asks the engines again', async () => {
    h = await openEngineSection(withEngines());
    const check = h.services.engines!.check as Mock;
    expect(check).toHaveBeenCalledTimes(1);
    await h.tui.press('r');
    await h.tui.waitForFrame((f) => f.includes('does not answer'));
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('reads without colour and in ASCII: the in-use mark, reachability marks and focus are characters', async () => {
    h = await openBase({ ...withEngines(), theme: 'mono', unicode: false });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    await h.tui.press('tab', 'tab', 'tab');
    const frame = await h.tui.waitForFrame((f) => f.includes('does not answer'));
    expect(h.tui.rawFrame()).not.toMatch(/\x1b\[3[0-9]m/);
    expect(frame).toMatch(/>Engine: local/);
    expect(frame).toMatch(/> \(\*\) \+ local/);
    expect(frame).toMatch(/ {2}\( \) x riscv +does not answer/);
    await h.tui.press('down', 'down');
    expect(h.tui.frame()).toMatch(/x does not answer: cannot connect/);
  });

  it('without configured engines there is no Engine section', async () => {
    h = await openBase({ sizing: recommendSizing(8, 32 * GIB, 'engine') });
    await h.tui.waitForFrame((f) => f.includes('Local images (4)'));
    expect(h.tui.frame()).not.toContain('Engine');
    await h.tui.press('tab', 'tab', 'tab');
    expect(h.tui.frame()).toMatch(/›Catalogue/);
  });
});
