// An SSH drop during a build: the workbench gets SIGHUP, detaches, and the build goes on in its
// container; `gentoo-wb attach` then follows it to the end. The built CLI in a real terminal (tmux).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { imageExists, removeImage } from '../../src/engine/docker/index.js';
import { cliPath, ensureBuilt, runCli } from '../helpers/cli.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { startTmux, tmuxAvailable } from '../helpers/tmux.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-sighup-'));
const env = {
  LANG: 'C.UTF-8',
  XDG_CONFIG_HOME: path.join(dir, 'config'),
  XDG_STATE_HOME: path.join(dir, 'state'),
  XDG_DATA_HOME: path.join(dir, 'data'),
  GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=4',
};
const tag = `gentoo-wb-test/sighup:${process.pid}`;

describeDocker('a build survives the terminal going away', () => {
  afterAll(async () => {
    if (await imageExists(testDocker(), tag)) await removeImage(testDocker(), tag, { force: true });
  });

  // Without tmux: skipped with its name saying so, or a failure in the full CI environment.
  const itTmux = tmuxAvailable || process.env.GENTOO_WB_REQUIRE_DOCKER === '1' ? it : it.skip;
  itTmux(tmuxAvailable ? 'SIGHUP detaches' : '[needs tmux] SIGHUP detaches the TUI; the build continues and attach follows it to a tagged image', async () => {
    if (!tmuxAvailable) throw new Error('tmux is not installed (CI installs it)');
    ensureBuilt();
    // Two packages of the test repository without dependencies, side by side (real Portage, --jobs 2).
    const recipe = newRecipe({ name: 'sighup', base: realPortageImages().base, packages: ['app-misc/hello', 'app-misc/newtool'], tags: [tag], sizing: { jobs: 2, makeopts: '-j1' } });
    recipe.caches = { distfiles: false, binpkgs: false, ccache: false };
    const file = path.join(dir, 'sighup.json');
    writeFileSync(file, serializeRecipe(recipe));

    const t = startTmux([process.execPath, cliPath, file], { env });
    try {
      await t.waitFor((s) => s.includes('Recipe sighup'), 15_000);
      t.send('5');
      // The engine answered (until then the step says it is still connecting).
      await t.waitFor((s) => s.includes('b builds it'), 30_000);
      t.send('b');
      // Packages are being built: the pane shows Portage's own lines and the package rows.
      await t.waitFor((s) => /^>>> Emerging \(\d of 2\) app-misc\/(hello|newtool)-/m.test(s) && /^ {4}app-misc\/(hello|newtool)-[\d.]+ +(fetch|unpack|prepare|configure|compile|test|install)/m.test(s), 60_000);
    } finally {
      t.kill();
    }

    const listed = await runCli(['builds', '--json'], { env });
    const builds = JSON.parse(listed.stdout) as { id: string; status: string; container: string }[];
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({ status: 'running' });
    expect(['running', 'stopped']).toContain(builds[0]!.container);

    const followed = await runCli(['attach', builds[0]!.id, '--plain'], { env, timeoutMs: 240_000 });
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout).toMatch(/result {3}success/);
    expect(await imageExists(testDocker(), tag)).toBe(true);
  }, 300_000);
});
