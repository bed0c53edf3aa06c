// Opening a recipe whose `engine` field names an engine: the session moves there before the recipe is
// opened (so the recipe is not resized or renamed by the switch), says so, and stays where it is — saying
// why — when the name is not configured, the engine does not answer, a build is followed, or the session
// is still connecting.
import { describe, expect, it, vi } from 'vitest';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import type { EngineConnection } from '../../../src/engine/docker/index.js';
import type { BuildController } from '../../../src/ui/session/build-controller.js';
import { followRecipeEngine } from '../../../src/ui/session/engine-switch.js';
import type { Workbench } from '../../../src/ui/session/workbench-context.js';
import { createWorkbenchStore, type EngineState } from '../../../src/ui/session/workbench-store.js';
import { fakeServices } from '../../helpers/fake-workbench.js';

const conn = (cpus: number) => ({ endpoint: {}, info: { arch: 'arm64', rawInfo: { NCPU: cpus, MemTotal: 16 * 1024 ** 3 } } }) as unknown as EngineConnection;
const LOCAL = conn(2);

function recipe(engine?: string): Recipe {
  const r = newRecipe({ name: 'web', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'], sizing: { jobs: 1, makeopts: '-j2' } });
  return engine === undefined ? r : { ...r, engine };
}

function workbench(engine: EngineState, connect: (name?: string) => Promise<EngineConnection>, following = false): Workbench {
  const store = createWorkbenchStore({ engine });
  const services = fakeServices({ connect: vi.fn(connect), engines: { names: () => ['arm', 'second'], check: vi.fn(async () => []) } });
  return { store, services, builds: { running: following, attaching: null } as unknown as BuildController };
}

describe('what an opened recipe asks of the session', () => {
  const asked = async (engine: EngineState, r: Recipe) => {
    const wb = workbench(engine, async () => conn(8));
    const followed = await followRecipeEngine(wb, r);
    return { followed, connects: (wb.services.connect as unknown as { mock: { calls: unknown[][] } }).mock.calls };
  };
  it('asks nothing without the field or on the engine already in use (local for the default endpoint)', async () => {
    expect(await asked({ status: 'ready', name: 'arm', connection: LOCAL }, recipe())).toEqual({ followed: null, connects: [] });
    expect(await asked({ status: 'ready', name: 'arm', connection: LOCAL }, recipe('arm'))).toEqual({ followed: null, connects: [] });
    expect(await asked({ status: 'ready', connection: LOCAL }, recipe('local'))).toEqual({ followed: null, connects: [] });
  });
  it('asks a switch to a configured engine or to local, also after the session failed to connect to it', async () => {
    expect((await asked({ status: 'ready', connection: LOCAL }, recipe('arm'))).connects).toEqual([['arm']]);
    expect((await asked({ status: 'ready', name: 'arm', connection: LOCAL }, recipe('local'))).connects).toEqual([[undefined]]);
    expect((await asked({ status: 'failed', name: 'arm', message: 'refused' } as EngineState, recipe('arm'))).connects).toEqual([['arm']]);
  });
  it('names an engine that is not configured, and connects nowhere', async () => {
    const { followed, connects } = await asked({ status: 'ready', connection: LOCAL }, recipe('gone'));
    expect(followed?.text).toMatch(/^it names engine gone, which is not configured/);
    expect(connects).toEqual([]);
  });
});

describe('followRecipeEngine', () => {
  it('switches the session to the engine the recipe names and says so, leaving the open recipe alone', async () => {
    const arm = conn(8);
    const wb = workbench({ status: 'ready', connection: LOCAL }, async () => arm);
    const old = recipe();
    wb.store.setRecipe(old, { path: '/r/old.json', saved: true });
    const said: string[] = [];
    const followed = await followRecipeEngine(wb, recipe('arm'), (t) => said.push(t));
    expect(said).toEqual(['Connecting to engine arm, which the recipe names…']);
    expect(followed).toEqual({ text: 'every step uses engine arm now (arm64, 8 CPUs), which the recipe names', tone: 'pass' });
    expect(wb.services.connect).toHaveBeenCalledWith('arm');
    expect(wb.store.getState().engine).toMatchObject({ status: 'ready', name: 'arm', connection: arm });
    // Not remembered for the next start: the recipe names its engine itself.
    expect(wb.services.settings.read().lastEngine).toBeUndefined();
  });

  it('says nothing and connects nowhere when the recipe names the engine in use or none', async () => {
    const wb = workbench({ status: 'ready', name: 'arm', connection: LOCAL }, async () => conn(8));
    expect(await followRecipeEngine(wb, recipe('arm'))).toBeNull();
    expect(await followRecipeEngine(wb, recipe())).toBeNull();
    expect(wb.services.connect).not.toHaveBeenCalled();
  });

  it('stays, saying why, for a name not configured, an engine that does not answer, a followed build, a session still connecting', async () => {
    const down = workbench({ status: 'ready', connection: LOCAL }, async () => {
      throw Object.assign(new Error('engine arm does not answer at tcp://10.0.0.9:2376'), { hint: 'is dockerd running there?' });
    });
    expect(await followRecipeEngine(down, recipe('gone'))).toEqual({
      text: 'it names engine gone, which is not configured: the session stays on local (gentoo-wb engines add gone URL, or pick one on Base › Engine)', tone: 'warn',
    });
    expect(down.services.connect).not.toHaveBeenCalled();
    expect(await followRecipeEngine(down, recipe('arm'))).toEqual({
      text: 'it names engine arm, which cannot be used: engine arm does not answer at tcp://10.0.0.9:2376 (is dockerd running there?); the session stays on local', tone: 'warn',
    });
    expect(down.store.getState().engine).toMatchObject({ status: 'ready', connection: LOCAL });

    const following = workbench({ status: 'ready', connection: LOCAL }, async () => conn(8), true);
    expect((await followRecipeEngine(following, recipe('arm')))?.text).toBe('it names engine arm, which cannot be used: a build is being followed on local: pick another engine once it has ended (or after q, which leaves it running); the session stays on local');
    expect(following.services.connect).not.toHaveBeenCalled();

    const starting = workbench({ status: 'connecting' }, async () => conn(8));
    expect(await followRecipeEngine(starting, recipe('arm'))).toEqual({ text: 'it names engine arm, but the session is still connecting to local: Base › Engine switches once it has', tone: 'warn' });
    expect(starting.services.connect).not.toHaveBeenCalled();
  });
});
