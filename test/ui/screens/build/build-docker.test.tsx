// The Build screen on the real engine with real Portage (the test base image and repository): a
// --jobs 3 build started with b through the real services and BuildController shows packages
// building side by side, follows php's build.log while it compiles, and ends in success with the
// image on the result line.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../../src/core/recipe/recipe-schema.js';
import { imageExists, removeImage, type EngineConnection } from '../../../../src/engine/docker/index.js';
import type { SettingsStore } from '../../../../src/engine/settings/settings-store.js';
import type { Workbench } from '../../../../src/ui/session/workbench-context.js';
import { openBuildOnEngine } from '../../../helpers/build-on-engine.js';
import { describeDocker } from '../../../helpers/docker.js';
import type { Tui } from '../../../helpers/render-tui.js';
import { realPortageImages } from '../../../helpers/real-portage.js';

const run = `t${process.pid}`;
// Every src_compile of the test repository sleeps this long: php's dependencies build side by side,
// and php's compile lasts long enough to be followed.
const COMPILE_SECONDS = '2';
const ROW = /^ {4}[a-z0-9-]+\/[A-Za-z0-9_.+-]+ +(fetch|unpack|prepare|configure|compile|test|install|merge|start) +\d+:\d\d/;

describeDocker('Build screen on the real engine (real Portage)', () => {
  const state = mkdtempSync(path.join(os.tmpdir(), 'gwb-build-ui-docker-'));
  const savedState = process.env.XDG_STATE_HOME;
  const tag = `gentoo-wb-test/build-pane:${run}`;
  let connection: EngineConnection;
  let workbench: Workbench;
  let tui: Tui;

  beforeAll(async () => {
    // The runner keeps its state files under XDG_STATE_HOME; keep this suite's apart.
    process.env.XDG_STATE_HOME = state;
    const settings = { read: () => ({ preferences: { animation: false } }), update: () => undefined } as unknown as SettingsStore;
    const recipe: Recipe = newRecipe({ name: 'pane-php', base: realPortageImages().base, packages: ['dev-lang/php', 'app-misc/hello'], tags: [tag], sizing: { jobs: 3, makeopts: '-j2' } });
    // No cache volumes: every package compiles here, and nothing is shared with other suites.
    ({ connection, workbench, tui } = await openBuildOnEngine({ settings, buildEnv: { GWB_TEST_COMPILE_SECONDS: COMPILE_SECONDS } }, { ...recipe, caches: { distfiles: false, binpkgs: false, ccache: false } }));
  });

  afterAll(async () => {
    tui?.unmount();
    if (savedState === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = savedState;
    if (connection && (await imageExists(connection.docker, tag))) await removeImage(connection.docker, tag, { force: true }).catch(() => undefined);
    rmSync(state, { recursive: true, force: true });
  });

  it('builds with --jobs 3: packages side by side, php\'s build.log followed while it compiles, success and the image', async () => {
    expect(tui.frame()).toContain('b builds it');
    await tui.press('b');
    await tui.waitForFrame((f) => f.includes('building'), 60_000);

    // Parallel rows: some frame shows two or more packages building at once.
    const rowsIn = (frame: string) => frame.split('\n').filter((l) => ROW.test(l));
    const parallel = await tui.waitForFrameSince(0, (f) => rowsIn(f).length >= 2, 90_000);
    expect(rowsIn(parallel).length).toBeGreaterThanOrEqual(2);
    expect(parallel).toMatch(/running [2-9]/);

    // Focus php's row and follow its build.log from the container.
    const php = await tui.waitForFrame((f) => /^ {4}dev-lang\/php-8\.3\.15 +(fetch|unpack|prepare|configure|compile)/m.test(f), 90_000);
    const index = php.split('\n').filter((l) => ROW.test(l) || /^[ ›] Build output/.test(l)).findIndex((l) => l.includes('dev-lang/php'));
    for (let i = 0; i < index; i++) await tui.press('down');
    const from = tui.stdout.frames.length;
    await tui.press('enter');
    // The compile runs about 2 s: look through every frame drawn since, not just the last one.
    // (The row's phase is read from build.log every few seconds.) Portage writes its phase lines
    // to build.log; the test ebuild's compiler says nothing while it works.
    const compiling = (f: string) => /^ {4}dev-lang\/php-8\.3\.15 +(fetch|unpack|prepare|configure|compile) /m.test(f);
    const debug = () => tui.stdout.frames.slice(from).map((f) => stripVTControlCharacters(f)).filter((f) => f.includes('build.log · dev-lang/php')).map((f) => f.split('\n').slice(3, 12).join('\n')).slice(0, 6).join('\n=====\n');
    onTestFailed(() => console.log(debug()));
    const compileLine = /^>>> Compiling source in \/var\/tmp\/portage\/dev-lang\/php-8\.3\.15\/work \.\.\.$/m;
    await tui.waitForFrameSince(from, (f) => compiling(f) && /› build\.log · dev-lang\/php-8\.3\.15 {2}follow .*live/.test(f) && compileLine.test(f), 60_000);
    // After the merge the follow ends: the folder went (or, php being last, the container stopped).
    await tui.waitForFrame((f) => /merged, folder removed|the build container stopped/.test(f), 120_000);

    const done = await tui.waitForFrame((f) => f.includes('Built image') || f.includes('FAILED'), 180_000);
    expect(done, done).toContain('Built image');
    expect(done).toContain(`as ${tag}`);
    expect(done.split('\n')[1]).toMatch(/^succeeded/);
    expect(workbench.store.getState().lastImage?.tags).toEqual([tag]);
    expect(await imageExists(connection.docker, tag)).toBe(true);
    // Every frame of the run kept the screen rules (checked by the fake terminal) and no frame lost the footer.
    expect(tui.stdout.frames.map((f) => stripVTControlCharacters(f)).filter((f) => f.includes('building')).every((f) => /\? help/.test(f))).toBe(true);
  }, 300_000);
});
