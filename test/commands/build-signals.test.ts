// `gentoo-wb build --plain` told to stop by a signal: SIGTERM detaches and says how to follow the build
// again; Ctrl-C twice still ends with the container removed and the state cancelled; Ctrl-C during the
// smoke test removes the image it made and says so (exit 130, nothing tagged).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { BuildState } from '../../src/core/build/build-record.js';
import { LABEL } from '../../src/core/labels.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import type { Recipe } from '../../src/core/recipe/recipe-schema.js';
import { imageExists, listContainers, removeContainer } from '../../src/engine/docker/index.js';
import { cliPath, ensureBuilt } from '../helpers/cli.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { removeTestImages } from '../helpers/test-images.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-build-signals-'));
const env = { XDG_STATE_HOME: path.join(dir, 'state') };
const tags: string[] = [];

function recipeFile(name: string, edit: (r: Recipe) => void = () => undefined): { file: string; tag: string } {
  const tag = `gentoo-wb-test/signals-${name}:${process.pid}`;
  tags.push(tag);
  const r = newRecipe({ name, base: realPortageImages().base, packages: ['app-misc/hello'], tags: [tag], sizing: { jobs: 2, makeopts: '-j2' } });
  edit(r);
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, serializeRecipe(r));
  return { file, tag };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  id: string;
}

/** Run `build FILE --plain`; `onOutput` sees stdout so far and may signal the child. */
function buildWith(file: string, compileSeconds: number, onOutput: (stdout: string, signal: (s: NodeJS.Signals) => void) => void): Promise<Run> {
  ensureBuilt();
  const child = spawn(process.execPath, [cliPath, 'build', file, '--plain'], {
    env: { ...process.env, FORCE_COLOR: '0', ...env, GENTOO_WB_BUILD_ENV: `GWB_TEST_COMPILE_SECONDS=${compileSeconds}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), 140_000);
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    onOutput(stdout, (s) => child.kill(s));
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, id: /^build (\S+): logs in /m.exec(stderr)?.[1] ?? '' });
    }),
  );
}

const containersOf = (id: string) => listContainers(testDocker(), [`${LABEL.buildId}=${id}`]);
const stateOf = (id: string) => JSON.parse(readFileSync(path.join(env.XDG_STATE_HOME, 'gentoo-wb', 'builds', id, 'state.json'), 'utf8')) as BuildState;

describeDocker('gentoo-wb build under signals (real engine, real Portage)', () => {
  afterAll(async () => {
    await removeTestImages(tags);
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM detaches, says so with the attach line, exits 143; the build goes on in its container', async () => {
    const { file } = recipeFile('sigterm', (r) => (r.caches = { ...r.caches, binpkgs: false }));
    let sent = false;
    const r = await buildWith(file, 20, (out, signal) => {
      if (!sent && /start {4}.*app-misc\/hello/.test(out)) {
        sent = true;
        signal('SIGTERM');
      }
    });
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain(`SIGTERM: detaching from build ${r.id}`);
    expect(r.stderr).toContain(`detached: the build goes on; follow it with gentoo-wb attach ${r.id}`);
    const containers = await containersOf(r.id);
    expect(containers.map((c) => c.state)).toEqual(['running']);
    expect(stateOf(r.id).status).toBe('running');
    for (const c of containers) await removeContainer(testDocker(), c.id, { force: true });
  }, 150_000);

  it('Ctrl-C twice: the second says the cancel goes on; exit 130, container removed, state cancelled', async () => {
    const { file, tag } = recipeFile('double-int', (r) => (r.caches = { ...r.caches, binpkgs: false }));
    let sent = false;
    const r = await buildWith(file, 20, (out, signal) => {
      if (!sent && /start {4}.*app-misc\/hello/.test(out)) {
        sent = true;
        signal('SIGINT');
        setTimeout(() => signal('SIGINT'), 20);
      }
    });
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain(`interrupted: cancelling build ${r.id}`);
    expect(r.stderr).toContain('still stopping the build');
    expect(r.stderr).toMatch(/^cancelled; the build container was removed; nothing is tagged$/m);
    expect(await containersOf(r.id)).toEqual([]);
    expect(stateOf(r.id)).toMatchObject({ status: 'cancelled' });
    expect(await imageExists(testDocker(), tag)).toBe(false);
  }, 150_000);

  it('Ctrl-C during the smoke test: exit 130, the image and its tag removed, and the message says that (never "tagged" and exit 0)', async () => {
    const { file, tag } = recipeFile('smoke-int', (r) => (r.smokeTest = { argv: ['/bin/sleep', '30'] }));
    let sent = false;
    const r = await buildWith(file, 0, (out, signal) => {
      if (!sent && /step {5}Smoke test: /.test(out)) {
        sent = true;
        setTimeout(() => signal('SIGINT'), 1500);
      }
    });
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(new RegExp(`^cancelled; the build container and the image [0-9a-f]{12} and its tags ${tag.replace(/[/.]/g, '\\$&')} were removed; nothing is tagged$`, 'm'));
    expect(await imageExists(testDocker(), tag)).toBe(false);
    expect(await containersOf(r.id)).toEqual([]);
    expect(stateOf(r.id)).toMatchObject({ status: 'cancelled', image: null });
  }, 150_000);
});
