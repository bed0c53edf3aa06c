// The farm view on the real engine with real Portage: f on the Build step, the open recipe and a
// second recipe file of the recipes folder chosen, b, and the farm of two runs through the real
// services (runFarm on `local`, a shared binhost started for the recipes' cache key) until the view
// shows both rows done and the summary the command prints; nothing of its namespace runs afterwards.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newRecipe } from '../../../../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../../../../src/core/recipe/recipe-json.js';
import type { Recipe } from '../../../../../src/core/recipe/recipe-schema.js';
import { openBuildOnEngine } from '../../../../helpers/build-on-engine.js';
import { describeDocker, testDocker } from '../../../../helpers/docker.js';
import { sweepNamespace } from '../../../../helpers/global-setup.js';
import { FAST_BUILD_ENV, realPortageImages } from '../../../../helpers/real-portage.js';
import type { Tui } from '../../../../helpers/render-tui.js';
import { memorySettings } from '../../base/harness.js';

describeDocker('farm view on the real engine (real Portage)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-farm-ui-docker-'));
  const saved = { XDG_STATE_HOME: process.env.XDG_STATE_HOME, XDG_DATA_HOME: process.env.XDG_DATA_HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, GENTOO_WB_NAMESPACE: process.env.GENTOO_WB_NAMESPACE };
  // A namespace of this file's own, swept at the end (the binhost cache volume, images, containers).
  const namespace = `${process.env.GENTOO_WB_NAMESPACE ?? 'test'}-fu${process.pid % 1000}`.slice(0, 32);
  const cflags = `-O2 -pipe -DGWB_FARM_UI_${process.pid}`;
  let tui: Tui;

  const recipe = (name: string, packages: string[]): Recipe => {
    const r = newRecipe({ name, base: realPortageImages().base, packages, tags: [], sizing: { jobs: 2, makeopts: '-j2' } });
    r.caches = { distfiles: false, binpkgs: true, ccache: false };
    r.makeConf.COMMON_FLAGS = cflags;
    return r;
  };

  beforeAll(async () => {
    for (const d of ['state', 'data', 'config']) mkdirSync(path.join(dir, d));
    process.env.XDG_STATE_HOME = path.join(dir, 'state');
    process.env.XDG_DATA_HOME = path.join(dir, 'data');
    process.env.XDG_CONFIG_HOME = path.join(dir, 'config');
    process.env.GENTOO_WB_NAMESPACE = namespace;
    // The second recipe is a file of the recipes folder, where the setup finds it.
    const recipes = path.join(dir, 'data', 'gentoo-wb', 'recipes');
    mkdirSync(recipes, { recursive: true });
    writeFileSync(path.join(recipes, 'farm-ui-two.json'), serializeRecipe(recipe('farm-ui-two', ['app-misc/oldtool'])));
    ({ tui } = await openBuildOnEngine({ settings: memorySettings(), buildEnv: FAST_BUILD_ENV }, recipe('farm-ui-one', ['app-misc/hello'])));
  });

  afterAll(async () => {
    tui?.unmount();
    const sweep = await sweepNamespace(testDocker(), namespace);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
    expect(sweep.failed).toEqual([]);
  }, 120_000);

  it('f, the open recipe and a recipe file, b: both rows reach done and the command\'s summary is shown; nothing of the farm runs after', async () => {
    await tui.press('f');
    let frame = await tui.waitForFrameSince(0, (f) => f.includes('farm-ui-two'), 10_000);
    expect(frame).toMatch(/\[x\] farm-ui-one +open recipe, unsaved edits/);
    expect(frame).toMatch(/\[x\] local +in use/);
    await tui.press('down', 'space');
    await tui.waitForFrameSince(0, (f) => f.includes('Recipes (2 chosen)'), 5000);
    const from = tui.stdout.frames.length;
    await tui.press('b');
    // The farm's own steps go by on its second line; both builds run side by side (they share no compile).
    await tui.waitForFrameSince(from, (f) => /farm-ui-one +local +running/.test(f), 240_000);
    await tui.waitForFrameSince(from, (f) => /farm-ui-two +local +running/.test(f), 240_000);
    await tui.waitForFrameSince(from, (f) => /shared binhost farm-[0-9a-f]{12} on local/.test(f), 240_000);
    await tui.waitForFrameSince(from, (f) => f.includes('Farm done'), 400_000);
    frame = await tui.waitForFrame((f) => f.includes('Farm done') && f.includes('in all;'), 10_000);
    expect(frame).toMatch(/farm-ui-one +local +done +- +\d+\/\d+ +[1-9]\d*\/\d+ +\d+:\d\d/);
    expect(frame).toMatch(/farm-ui-two +local +done +- +\d+\/\d+ +[1-9]\d*\/\d+ +\d+:\d\d/);
    expect(frame).toContain('Farm summary: every recipe built');
    expect(frame).toMatch(/RECIPE +ENGINE +BUILD/);
    expect(frame).toMatch(/shared binhost farm-[0-9a-f]{12} on local.*stopped again/);
    // Nothing of the farm is left running: the builders went, the binhost it started was stopped.
    const running = await testDocker().listContainers({ filters: { label: [`org.gentoo-wb.namespace=${namespace}`] } });
    expect(running.map((c) => c.Names[0])).toEqual([]);
  }, 700_000);
});
