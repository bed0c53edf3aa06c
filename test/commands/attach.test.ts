// `gentoo-wb attach` without an ID, as a user runs it: it follows the only running build, or the newest
// one (saying which and naming the others); after the live view quits, the shell gets the line to
// reattach. Real engine, real Portage, the built CLI (in tmux for the live view).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { attachBuild, startBuild, type BuildSession } from '../../src/engine/build/runner.js';
import { buildFiles, writeForecast } from '../../src/engine/build/build-store.js';
import type { Forecast } from '../../src/core/forecast/forecast-types.js';
import { cliPath, ensureBuilt, runCli } from '../helpers/cli.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { compileSeconds, realPortageImages } from '../helpers/real-portage.js';
import { removeTestImages } from '../helpers/test-images.js';
import { startTmux, tmuxAvailable } from '../helpers/tmux.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-attach-'));
const env = {
  LANG: 'C.UTF-8',
  XDG_CONFIG_HOME: path.join(dir, 'config'),
  XDG_STATE_HOME: path.join(dir, 'state'),
  XDG_DATA_HOME: path.join(dir, 'data'),
};
const tags: string[] = [];
const ids: string[] = [];

/** Start a build that compiles for a long while (or `seconds`), and leave it running in its container. */
async function runningBuild(name: string, seconds = 120): Promise<string> {
  const tag = `gentoo-wb-test/attach-${name}:${process.pid}`;
  tags.push(tag);
  const recipe = newRecipe({ name, base: realPortageImages().base, packages: ['app-misc/hello'], tags: [tag], sizing: { jobs: 1, makeopts: '-j1' } });
  recipe.caches = { ...recipe.caches, binpkgs: false };
  const box: { session?: BuildSession } = {};
  let detached = false;
  const session = startBuild({
    docker: testDocker(),
    recipe,
    env: { ...process.env, ...env },
    containerEnv: compileSeconds(seconds),
    onEvents: (e) => {
      if (!detached && box.session && e.some((x) => x.type === 'started')) {
        detached = true;
        box.session.detach();
      }
    },
  });
  box.session = session;
  ids.push(session.id);
  expect((await session.outcome).kind).toBe('detached');
  return session.id;
}

/** `gentoo-wb attach --plain` (no ID) until its stderr says `until`, then Ctrl-C. */
function attachPlain(until: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  ensureBuilt();
  const child = spawn(process.execPath, [cliPath, 'attach', '--plain'], { env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  const check = () => {
    // Once the replay printed the package start: the attach follows the build.
    if (!sent && until.test(stderr) && /start {4}\(1 of 1\) app-misc\/hello/.test(stdout)) {
      sent = true;
      child.kill('SIGINT');
    }
  };
  child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
  child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describeDocker('gentoo-wb attach without an ID (real engine, real Portage)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  afterAll(async () => {
    // The builds were left running on purpose: cancel removes their containers.
    for (const id of ids) {
      const session = await attachBuild(id, { docker: testDocker(), env: { ...process.env, ...env }, onEvents: () => undefined }).catch(() => null);
      await session?.cancel();
    }
    await removeTestImages(tags);
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the only running build and says so; then the newest of two, naming the other', async () => {
    const first = await runningBuild('first');
    const one = await attachPlain(/the only running build/);
    expect(one.stderr).toContain(`attaching to build ${first} (recipe first, started `);
    expect(one.stderr).toMatch(/, the only running build\n/);
    expect(one.stderr).toContain(`detached: the build goes on; follow it with gentoo-wb attach ${first}`);
    expect(one.code, one.stderr).toBe(0);

    const second = await runningBuild('second');
    const two = await attachPlain(/follows one of them/);
    expect(two.stderr).toContain(`attaching to build ${second} (recipe second, started `);
    expect(two.stderr).toMatch(/, the newest of 2 running builds; the others:\n {2}\S+ \(recipe first, started [^)]*\)\ngentoo-wb attach ID follows one of them\n/);
    expect(two.stderr).toContain(`  ${first} (recipe first`);
    expect(two.stderr).toContain(`follow it with gentoo-wb attach ${second}`);
    expect(two.code, two.stderr).toBe(0);
  }, 240_000);

  it('two attach --plain side by side: each prints every line once, output.log holds each line once', async () => {
    const id = await runningBuild('pair', 5);
    // Not among the builds the other tests leave running.
    ids.splice(ids.indexOf(id), 1);
    // The forecast the starter saves beside a CLI build: the followers print the same ETA lines.
    const forecast: Forecast = {
      packages: [{ index: 0, cpv: 'app-misc/hello-2.12.2', from: 'source', reason: null, seconds: 8, basis: 'history', samples: 1, downloadSeconds: 0 }],
      totals: { totalSeconds: 8, serialSeconds: 8, binaries: 0, compiles: 1, fromBinhost: 0, jobs: 1 },
    };
    await writeForecast(buildFiles(id, { ...process.env, ...env }), forecast);
    const [a, b] = await Promise.all([runCli(['attach', id, '--plain'], { env, timeoutMs: 150_000 }), runCli(['attach', id, '--plain'], { env, timeoutMs: 150_000 })]);
    for (const r of [a, b]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.match(/result {3}success$/gm)).toHaveLength(1);
      expect(r.stdout.match(/start {4}\(1 of 1\) app-misc\/hello/g)).toHaveLength(1);
      expect(r.stdout).toMatch(/ eta {6}1 of 1 done/);
    }
    const lines = readFileSync(path.join(env.XDG_STATE_HOME, 'gentoo-wb', 'builds', id, 'output.log'), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l, i) => lines.indexOf(l) !== i)).toEqual([]);
  }, 200_000);

  const itTmux = tmuxAvailable || process.env.GENTOO_WB_REQUIRE_DOCKER === '1' ? it : it.skip;
  itTmux('the live view follows the newest build; quitting it (detach) leaves the line to reattach in the shell', async () => {
    if (!tmuxAvailable) throw new Error('tmux is not installed (CI installs it)');
    const newest = ids[ids.length - 1]!;
    ensureBuilt();
    const t = startTmux([process.execPath, cliPath, 'attach'], { env });
    try {
      // The live pane of that build: Portage's own lines of its package.
      await t.waitFor((s) => /Emerging \(1 of 1\) app-misc\/hello/.test(s), 60_000);
      t.send('q');
      await t.waitFor((s) => s.includes('detach & quit'), 10_000);
      t.send('d');
      expect(await t.waitForExit(15_000)).toBe(0);
      // What the shell shows around the live view: the choice before it, the way back after it.
      const raw = t.rawOutput();
      const leave = raw.lastIndexOf('\x1b[?1049l');
      expect(raw.slice(0, raw.indexOf('\x1b[?1049h'))).toContain(`attaching to build ${newest} (recipe second`);
      expect(leave).toBeGreaterThan(0);
      expect(raw.slice(leave)).toContain(`build ${newest} goes on in its container; gentoo-wb attach ${newest} follows it again`);
      expect(t.capture().split('\n').join('')).toContain(`gentoo-wb attach ${newest} follows it again`);
    } finally {
      t.kill();
    }
  }, 120_000);
});
