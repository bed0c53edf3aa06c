// Which engine a workbench starts on: `--engine NAME`, else the one the opened recipe names, else the
// one remembered from last time (when still configured and answering, else the default endpoint, said),
// and its facts size the session.
import { describe, expect, it, vi, type Mock } from 'vitest';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { EngineConnection } from '../../../src/engine/docker/index.js';
import { createWorkbench, startWorkbench } from '../../../src/ui/session/bootstrap.js';
import { fakeServices, memorySettings } from '../../helpers/fake-workbench.js';

const GIB = 1024 ** 3;
const conn = (arch: string, cpus: number, mem: number) => ({ endpoint: { host: arch }, info: { arch, kind: 'docker', rawInfo: { NCPU: cpus, MemTotal: mem } } }) as unknown as EngineConnection;
const LOCAL = conn('x86_64', 2, 4 * GIB);
const ARM = conn('aarch64', 16, 64 * GIB);

function setup(lastEngine?: string, answering: Record<string, EngineConnection> = { 'arm64-box': ARM }) {
  const settings = memorySettings({ engines: [{ name: 'arm64-box', url: 'ssh://b@arm' }, { name: 'riscv', url: 'tcp://r:2376' }], ...(lastEngine ? { lastEngine } : {}) });
  const connect = vi.fn(async (name?: string) => {
    if (name === undefined) return LOCAL;
    const c = answering[name];
    if (!c) throw new Error(`cannot connect to ${name}: timeout`);
    return c;
  });
  const services = fakeServices({
    connect,
    engines: { names: () => settings.read().engines.map((e) => e.name), check: vi.fn(async () => []) },
    settings,
    recipes: { defaultPath: (n: string) => `/r/${n}.json` },
  });
  const workbench = createWorkbench(services);
  const messages: Array<[string, string]> = [];
  return { workbench, connect, settings, messages, notify: (t: string, tone: string) => messages.push([t, tone]) };
}

describe('the engine a workbench starts on', () => {
  it('is the one used last time, sized by its facts', async () => {
    const s = setup('arm64-box');
    await startWorkbench(s.workbench, { rememberedEngine: true, notify: s.notify });
    expect(s.connect).toHaveBeenCalledWith('arm64-box');
    expect(s.workbench.store.getState().engine).toMatchObject({ status: 'ready', name: 'arm64-box', connection: ARM });
    expect(s.workbench.store.getState().sizing).toMatchObject({ cpus: 16, makeopts: '-j4 -l17', source: 'engine' });
    expect(s.messages).toEqual([]);
  });

  it('falls back to the default endpoint when the remembered engine does not answer, and says so', async () => {
    const s = setup('riscv');
    await startWorkbench(s.workbench, { rememberedEngine: true, notify: s.notify });
    expect(s.connect.mock.calls).toEqual([['riscv'], []]);
    const engine = s.workbench.store.getState().engine;
    expect(engine).toMatchObject({ status: 'ready', connection: LOCAL });
    expect(engine.name).toBeUndefined();
    expect(s.messages).toEqual([['Engine "riscv" (used last time) does not answer: cannot connect to riscv: timeout. Using the local engine; step 2 (Base) lists the engines.', 'warn']]);
    expect(s.workbench.store.getState().sizing).toMatchObject({ cpus: 2, makeopts: '-j2 -l3' });
  });

  it('forgets nothing but uses the default endpoint when the remembered engine was removed', async () => {
    const s = setup('gone');
    await startWorkbench(s.workbench, { rememberedEngine: true, notify: s.notify });
    expect(s.connect.mock.calls).toEqual([[undefined]]);
    expect(s.messages).toEqual([['Engine "gone" (used last time) is not configured any more: using the local engine.', 'warn']]);
    expect(s.settings.read().lastEngine).toBe('gone');
  });

  it('is the one the opened recipe names (as gentoo-wb build would use), before the one used last', async () => {
    const s = setup('riscv');
    const recipe = { ...newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc' }), engine: 'arm64-box' };
    (s.workbench.services.recipes.load as Mock).mockResolvedValue({ ok: true, recipe });
    await startWorkbench(s.workbench, { recipePath: '/r/demo.json', rememberedEngine: true, notify: s.notify });
    expect(s.connect.mock.calls).toEqual([['arm64-box']]);
    // `local` in the recipe: the default endpoint, whatever was used last.
    const t = setup('arm64-box');
    (t.workbench.services.recipes.load as Mock).mockResolvedValue({ ok: true, recipe: { ...recipe, engine: 'local' } });
    await startWorkbench(t.workbench, { recipePath: '/r/demo.json', rememberedEngine: true, notify: t.notify });
    expect(t.connect.mock.calls).toEqual([[undefined]]);
  });

  it('with -H/--context (rememberedEngine false) the default endpoint, whatever was used last', async () => {
    const s = setup('arm64-box');
    await startWorkbench(s.workbench, { rememberedEngine: false, notify: s.notify });
    expect(s.connect.mock.calls).toEqual([[undefined]]);
  });

  it('--engine NAME starts there and is remembered; when it does not answer the session has no engine (no fallback)', async () => {
    const s = setup();
    await startWorkbench(s.workbench, { engine: 'arm64-box', rememberEngine: true, notify: s.notify });
    expect(s.workbench.store.getState().engine).toMatchObject({ status: 'ready', name: 'arm64-box' });
    expect(s.settings.read().lastEngine).toBe('arm64-box');

    const t = setup('arm64-box');
    await startWorkbench(t.workbench, { engine: 'riscv', rememberEngine: true, notify: t.notify });
    expect(t.connect.mock.calls).toEqual([['riscv']]);
    expect(t.workbench.store.getState().engine).toMatchObject({ status: 'failed', name: 'riscv', message: 'cannot connect to riscv: timeout' });
    expect(t.messages).toEqual([['no engine "riscv": cannot connect to riscv: timeout', 'fail']]);
    expect(t.settings.read().lastEngine).toBe('arm64-box');
  });
});
