// Faults around a build's own records, on the real engine and real Portage: the gentoo-wb process
// SIGKILLed while the build was still preparing (its container made but never started, or not made
// yet), and the state folder turning read-only or full while emerge runs. Each ends in a sentence that
// is true, with nothing left running or half-recorded and no temporary file.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { BuildState } from '../../src/core/build/build-record.js';
import { LABEL } from '../../src/core/labels.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import type { Recipe } from '../../src/core/recipe/recipe-schema.js';
import { imageExists } from '../../src/engine/docker/index.js';
import { repoRoot } from '../helpers/cli.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { helloRecipe } from '../helpers/hello-recipe.js';
import { removeTestImages } from '../helpers/test-images.js';
import { canMount, caseDirs, empty, fill, firstLine, mountedFolder, namespaceObjects, record, remount, run, shortPaths, temporaryFiles, useReliabilityTable, type CaseDirs } from './harness.js';

useReliabilityTable('build faults: killed while preparing, state folder failing after emerge');

const tags: string[] = [];

function recipe(name: string): Recipe {
  const tag = `gentoo-wb-test/faults-${name}:${process.pid}`;
  tags.push(tag);
  return helloRecipe(name, [tag]);
}

/**
 * A gentoo-wb process (the built runner) that starts a build and stalls one engine request of it for
 * ever: the builder's create (no container yet), its start (made, never started), or the answer to its
 * start (started, but the runner never knew). Once it stalls, it is SIGKILLed. Returns the build's ID.
 */
async function killWhilePreparing(c: CaseDirs, r: Recipe, stall: 'create' | 'start' | 'after-start'): Promise<string> {
  const script = `
    const dist = process.env.GWB_DIST;
    const { startBuild } = await import(dist + '/engine/build/runner.js');
    const { dockerFor, resolveBasicEndpoint } = await import(dist + '/engine/docker/client.js');
    const docker = dockerFor(resolveBasicEndpoint());
    const dial = docker.modem.dial.bind(docker.modem);
    docker.modem.dial = (o, cb) => {
      const create = o.method === 'POST' && o.path.startsWith('/containers/create') && o.options?._body?.Labels?.[${JSON.stringify(LABEL.role)}] === 'builder';
      const start = o.method === 'POST' && /^\\/containers\\/[^/]+\\/start/.test(o.path);
      if ((process.env.GWB_STALL === 'create' && create) || (process.env.GWB_STALL === 'start' && start)) {
        process.stdout.write('stalled\\n');
        return;
      }
      // The engine starts the container; the answer never reaches the runner.
      if (process.env.GWB_STALL === 'after-start' && start) {
        dial(o, () => process.stdout.write('stalled\\n'));
        return;
      }
      dial(o, cb);
    };
    const session = startBuild({ docker, recipe: JSON.parse(process.env.GWB_RECIPE), onEvents: () => undefined });
    process.stdout.write('build ' + session.id + '\\n');
    setInterval(() => undefined, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...c.env, GWB_DIST: path.join(repoRoot, 'dist'), GWB_RECIPE: JSON.stringify(r), GWB_STALL: stall },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never stalled: ${out}${err}`)), 240_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('stalled')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('close', () => reject(new Error(`ended before it stalled: ${out}${err}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r2) => child.once('close', r2));
  return /^build (\S+)$/m.exec(out)![1]!;
}

const stateOf = (c: CaseDirs, id: string) => JSON.parse(readFileSync(path.join(c.state, 'gentoo-wb', 'builds', id, 'state.json'), 'utf8')) as BuildState;

describeDocker('build faults (real engine, real Portage)', () => {
  afterAll(async () => {
    await removeTestImages(tags);
  });

  // Each case has folders, a namespace, a recipe and a tag of its own: they run side by side (their
  // rows reach the table in the order they end).
  for (const stall of ['start', 'create'] as const) {
    const what = stall === 'start' ? 'its container made but never started' : 'before its container was made';
    it.concurrent(`gentoo-wb SIGKILLed while preparing (${what}): builds says interrupted, no container stays, never "running"`, async () => {
      const c = caseDirs();
      const id = await killWhilePreparing(c, recipe(`killed-${stall}`), stall);
      expect(stateOf(c, id).status).toBe('preparing');
      const containers = await namespaceObjects(c.namespace);
      expect(containers.some((o) => o.startsWith('container ')), containers.join(', ')).toBe(stall === 'start');

      const r = await run(['builds', '--json'], c.env);
      const listed = (JSON.parse(r.stdout) as { id: string; status: string; container: string; message: string | null }[]).find((b) => b.id === id);
      const left = [...(await namespaceObjects(c.namespace)), ...temporaryFiles(c.state)];
      record({ name: `killed while preparing (${stall === 'start' ? 'made, not started' : 'not made'})`, message: shortPaths(firstLine(listed?.message ?? r.stderr)), exit: String(r.code), left: left.length === 0 ? 'nothing' : left.join(', ') });
      expect(r.code, r.stderr).toBe(0);
      expect(listed).toMatchObject({ status: 'failed', container: 'gone' });
      expect(listed?.message).toMatch(/^interrupted: the gentoo-wb process that started it ended while it was preparing \(killed, or it crashed\); /);
      expect(listed?.message).toMatch(stall === 'start' ? /its build container, made but never started, was removed; nothing was built or tagged$/ : /no build container had been started; nothing was built or tagged$/);
      expect(left).toEqual([]);
      // Recorded, not just shown: attach and the next listing say the same.
      expect(stateOf(c, id)).toMatchObject({ status: 'failed', containerId: null });
      const attach = await run(['attach', id, '--plain'], c.env);
      expect(attach.code).toBe(1);
      expect(attach.stderr).toMatch(/interrupted: the gentoo-wb process that started it ended while it was preparing/);
    }, 400_000);
  }

  it.concurrent('gentoo-wb SIGKILLed after the engine started the container but before the runner knew: builds says running, attach finishes it', async () => {
    const c = caseDirs();
    const r = recipe('killed-after-start');
    const id = await killWhilePreparing(c, r, 'after-start');
    expect(stateOf(c, id).status).toBe('preparing');
    const listed = await run(['builds', '--json'], c.env);
    const build = (JSON.parse(listed.stdout) as { id: string; status: string; container: string }[]).find((b) => b.id === id);
    expect(build?.status).toBe('running');
    expect(['running', 'stopped']).toContain(build?.container);
    const attach = await run(['attach', id, '--plain'], c.env, { timeoutMs: 240_000 });
    const left = [...(await namespaceObjects(c.namespace)).filter((o) => !o.startsWith('image ')), ...temporaryFiles(c.state)];
    record({ name: 'killed after the start, before the runner knew', message: shortPaths(firstLine(attach.stdout.split('\n').find((l) => l.includes('result')) ?? attach.stderr)), exit: String(attach.code), left: left.length === 0 ? 'nothing' : left.join(', ') });
    expect(attach.code, attach.stderr).toBe(0);
    expect(attach.stdout).toMatch(/result {3}success$/m);
    expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(true);
    expect(left).toEqual([]);
  }, 400_000);

  it.concurrent('clean after gentoo-wb was SIGKILLed while preparing removes the never-started container (not kept as "attach finishes it")', async () => {
    const c = caseDirs();
    const id = await killWhilePreparing(c, recipe('killed-clean'), 'start');
    const r = await run(['clean'], c.env);
    const left = [...(await namespaceObjects(c.namespace)), ...temporaryFiles(c.state)];
    record({ name: 'clean after a kill while preparing', message: shortPaths(firstLine(r.stdout)), exit: String(r.code), left: left.length === 0 ? 'nothing' : left.join(', ') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/attach .* finishes it/);
    expect(left).toEqual([]);
    expect(stateOf(c, id)).toMatchObject({ status: 'failed' });
    expect(stateOf(c, id).message).toMatch(/^interrupted: /);
  }, 400_000);

  for (const fault of ['read-only', 'full'] as const) {
    it.runIf(canMount).concurrent(`state folder ${fault} when emerge ends: one sentence, container kept, no temp file; attach finishes it once the folder is back`, async () => {
      const c = caseDirs();
      const state = mountedFolder(`state-${fault}`);
      const r = recipe(`state-${fault}`);
      const file = path.join(c.dir, 'r.json');
      writeFileSync(file, serializeRecipe(r));
      const env = { ...c.env, XDG_STATE_HOME: state, GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=4' };
      let broke: Promise<void> | null = null;
      const breakFolder = () => {
        broke ??= fault === 'read-only' ? remount(state, 'ro') : Promise.resolve(fill(state));
      };
      // The folder fails while the package compiles: the first write after emerge is refused.
      const result = await run(['build', file, '--plain'], env, { timeoutMs: 300_000, act: { when: /start {4}\(1 of 1\) app-misc\/hello/, act: breakFolder } });
      const text = `${result.stderr}\n${result.stdout}`;
      const id = /build (\d{8}-\d{6}-[0-9a-f]{6})/.exec(text)?.[1] ?? '';
      const objects = await namespaceObjects(c.namespace);
      const temps = temporaryFiles(state).map((f) => path.relative(state, f));
      const line = text.split('\n').find((l) => l.includes('could not record')) ?? result.stderr;
      record({ name: `state folder ${fault} after emerge`, message: shortPaths(firstLine(line)).replace(state, '$S'), exit: String(result.code), left: [...objects.filter((o) => !o.startsWith('container ')), ...temps].join(', ') || 'nothing (the builder kept, as said)' });
      expect(broke).not.toBeNull();
      await broke;
      expect(result.code, text).toBe(1);
      const problem = fault === 'read-only' ? 'is on a read-only file system \\(EROFS\\): make it writable or set XDG_STATE_HOME' : 'is full \\(ENOSPC\\): free space or set XDG_STATE_HOME';
      expect(text).toMatch(new RegExp(`^gentoo-wb: could not record the build's progress: the state folder ${state}/gentoo-wb/builds/${id} ${problem}; its build container [0-9a-f]{12} is kept: once the state folder takes writes again, gentoo-wb attach ${id} finishes the build \\(gentoo-wb clean --running removes it instead\\)$`, 'm'));
      expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
      expect(temps).toEqual([]);
      // Kept as said: the builder (its emerge ended), no image, no tag.
      expect(objects.filter((o) => o.startsWith('container '))).toHaveLength(1);
      expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(false);

      // The folder takes writes again: attach finishes the build, as the sentence said.
      if (fault === 'read-only') await remount(state, 'rw');
      else empty(state);
      const attach = await run(['attach', id, '--plain'], env, { timeoutMs: 240_000 });
      expect(attach.code, attach.stderr).toBe(0);
      expect(attach.stdout).toMatch(/result {3}success$/m);
      expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(true);
      expect(JSON.parse(readFileSync(path.join(state, 'gentoo-wb', 'builds', id, 'state.json'), 'utf8'))).toMatchObject({ status: 'succeeded' });
      expect((await namespaceObjects(c.namespace)).filter((o) => o.startsWith('container '))).toEqual([]);
    }, 600_000);
  }
});
