// `o` on the Recipe step opening a recipe whose `engine` field names another configured engine: the
// session moves to that engine first (the message line says so), and the recipe opens as its file says
// (not resized to the new engine, not marked unsaved); a name that is not configured opens the recipe
// and leaves the session where it was, saying why.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Recipe } from '../../../../src/core/recipe/recipe-schema.js';
import type { EngineConnection } from '../../../../src/engine/docker/index.js';
import { CONNECTION } from '../base/harness.js';
import { demoRecipe, openRecipe, type RecipeHarness } from './harness.js';

let h: RecipeHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const ARM = { endpoint: { host: 'tcp://10.0.0.2:2376' }, info: { arch: 'arm64', kind: 'docker', rawInfo: { NCPU: 4, MemTotal: 32 * 1024 ** 3 } } } as unknown as EngineConnection;

/** A recipe naming `engine`, sized as the session's engine (8 CPUs) suggests: a switch made with it open would resize it. */
function onEngine(engine: string): Recipe {
  const r = demoRecipe();
  return { ...r, name: 'web', engine, makeConf: { ...r.makeConf, MAKEOPTS: '-j4 -l9' }, jobs: { ...r.jobs, emerge: 2 } };
}

async function open(file: Recipe) {
  const connect = vi.fn(async (name?: string) => (name === 'arm' ? ARM : CONNECTION));
  h = await openRecipe({
    path: '/data/recipes/demo.json',
    settings: { recentRecipes: ['/data/recipes/web.json', '/data/recipes/demo.json'] },
    files: { '/data/recipes/web.json': { ok: true, recipe: file } },
    services: { connect, engines: { names: () => ['arm'], check: vi.fn() } } as never,
  });
  await h.tui.press('o', 'enter');
  return { h, connect };
}

describe('o opens a recipe on the engine it names', () => {
  it('switches the session to the recipe\'s engine and says so; the recipe opens as saved', async () => {
    const { h, connect } = await open(onEngine('arm'));
    const frame = await h.tui.waitForFrame((f) => f.includes('Opened /data/recipes/web.json'));
    expect(frame.replace(/\s+/g, ' ')).toContain('Opened /data/recipes/web.json; every step uses engine arm now (arm64, 4 CPUs), which the recipe names');
    expect(connect).toHaveBeenCalledWith('arm');
    const state = h.store.getState();
    expect(state.engine).toMatchObject({ status: 'ready', name: 'arm' });
    // The new engine's sizing is the session's; the recipe keeps its own MAKEOPTS and is not unsaved.
    expect(state.sizing).toMatchObject({ cpus: 4, makeopts: '-j2 -l5' });
    expect(state.recipe).toMatchObject({ path: '/data/recipes/web.json', dirty: false, doc: { name: 'web', engine: 'arm', makeConf: { MAKEOPTS: '-j4 -l9' }, jobs: { emerge: 2 } } });
  });

  it('opens a recipe naming an engine that is not configured and leaves the session where it was', async () => {
    const { h, connect } = await open(onEngine('gone'));
    const frame = await h.tui.waitForFrame((f) => f.includes('Opened /data/recipes/web.json'));
    expect(frame.replace(/\s+/g, ' ')).toContain('it names engine gone, which is not configured: the session stays on local');
    expect(connect).not.toHaveBeenCalled();
    expect(h.store.getState().engine.name).toBeUndefined();
    expect(h.store.getState().recipe.doc).toMatchObject({ name: 'web', engine: 'gone' });
  });
});
