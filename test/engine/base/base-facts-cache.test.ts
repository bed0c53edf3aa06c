// Base facts kept by image ID and tree, on the real-Portage base: the first prepare of a build (or reading
// for the Base step and a pretend) that needs them runs a probe container (emerge --info), the second of
// the same base reads the kept file and starts none — counted at this test's own client.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, expect, it } from 'vitest';
import { LABEL } from '../../../src/core/labels.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { inspectBaseCached, readBaseMakeConfCached } from '../../../src/engine/base/base-facts-cache.js';
import { readBaseMakeConf } from '../../../src/engine/base/base-files.js';
import { readBase } from '../../../src/engine/base/read-base.js';
import { prepareBuild } from '../../../src/engine/build/prepare-build.js';
import { inspectImage } from '../../../src/engine/docker/images.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';

const dirs: string[] = [];
function freshEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-base-facts-'));
  dirs.push(dir);
  return { ...process.env, XDG_CACHE_HOME: dir };
}

/**
 * Containers this client asked the engine to create while `body` ran (only the probes of `imageId`, the
 * emerge --info readings, when it is given). Counted at the client: other test files create probe
 * containers of the same base in the same namespace meanwhile, which the engine's events cannot tell apart.
 */
async function containersCreated(docker: Dockerode, body: () => Promise<unknown>, probesOf?: string): Promise<number> {
  const modem = docker.modem as { dial: (options: { method?: string; path?: string; options?: { _body?: { Labels?: Record<string, string> } } }, callback: unknown) => unknown };
  const dial = modem.dial;
  let created = 0;
  modem.dial = function (this: unknown, options, callback) {
    // The engine layer dials with the body under `_body` (src/engine/docker/dial.ts).
    const labels = options.options?._body?.Labels ?? {};
    const counted = probesOf === undefined || (labels[LABEL.role] === 'probe' && labels[LABEL.sourceImage] === probesOf);
    if (options.method === 'POST' && /\/containers\/create\b/.test(options.path ?? '') && counted) created++;
    return dial.call(this, options, callback);
  };
  try {
    await body();
  } finally {
    modem.dial = dial;
  }
  return created;
}

/** Probe containers of `imageId` (emerge --info) this client created while `body` ran. */
const probesStarted = (docker: Dockerode, imageId: string, body: () => Promise<unknown>) => containersCreated(docker, body, imageId);

describeDocker('base facts kept by image ID (real Portage)', () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the second prepare of the same base reads the kept facts and starts no probe container', async () => {
    const docker = testDocker();
    const env = freshEnv();
    const { base } = realPortageImages();
    const imageId = (await inspectImage(docker, base)).id;
    // The binary package cache needs CHOST (its key), so the plan needs base facts.
    const recipe = { ...newRecipe({ name: 'facts', base, packages: ['app-misc/oldtool'] }), caches: { distfiles: false, binpkgs: true, ccache: false } };
    let first: Awaited<ReturnType<typeof prepareBuild>> | null = null;
    let second: Awaited<ReturnType<typeof prepareBuild>> | null = null;
    expect(await probesStarted(docker, imageId, async () => { first = await prepareBuild(docker, recipe, { unshare: false }, { planOnly: true, env }); })).toBe(1);
    expect(await probesStarted(docker, imageId, async () => { second = await prepareBuild(docker, recipe, { unshare: false }, { planOnly: true, env }); })).toBe(0);
    expect(first!.base?.chost).toBe('x86_64-pc-linux-gnu');
    expect(second!.base).toEqual(first!.base);
    expect(second!.plan).toEqual(first!.plan);
    expect(readdirSync(path.join(env.XDG_CACHE_HOME!, 'gentoo-wb', 'base-facts'))).toHaveLength(1);
  }, 120_000);

  it('keeps nothing for a tree that can change under its name, and reads again a kept file that is damaged', async () => {
    const docker = testDocker();
    const env = freshEnv();
    const { base } = realPortageImages();
    const imageId = (await inspectImage(docker, base)).id;
    const folder = path.join(env.XDG_CACHE_HOME!, 'gentoo-wb', 'base-facts');
    expect(await probesStarted(docker, imageId, () => inspectBaseCached(docker, base, { tree: null, env }))).toBe(1);
    expect(existsSync(folder)).toBe(false);
    expect(await probesStarted(docker, imageId, () => inspectBaseCached(docker, base, { tree: null, env }))).toBe(1);
    const kept = await inspectBaseCached(docker, base, { tree: 'base', env });
    const [file] = readdirSync(folder);
    writeFileSync(path.join(folder, file!), '{"format":1,');
    let again: Awaited<ReturnType<typeof inspectBaseCached>> | null = null;
    expect(await probesStarted(docker, imageId, async () => { again = await inspectBaseCached(docker, base, { tree: 'base', env }); })).toBe(1);
    expect(again).toEqual(kept);
    // Another tree for the same image is another reading.
    expect(await probesStarted(docker, imageId, () => inspectBaseCached(docker, base, { tree: 'snapshot:sha256:other', env }))).toBe(1);
    expect(readdirSync(folder)).toHaveLength(2);
  }, 120_000);

  it('reads the Base step\'s (and a pretend\'s) facts through the same keeping: the second readBase creates no container', async () => {
    const docker = testDocker();
    const env = freshEnv();
    const { base } = realPortageImages();
    const source = { source: 'base' as const };
    let first: Awaited<ReturnType<typeof readBase>> | null = null;
    let second: Awaited<ReturnType<typeof readBase>> | null = null;
    expect(await containersCreated(docker, async () => { first = await readBase(docker, base, source, env); })).toBe(1);
    expect(await containersCreated(docker, async () => { second = await readBase(docker, base, source, env); })).toBe(0);
    expect(first!.info.chost).toBe('x86_64-pc-linux-gnu');
    expect(second).toEqual(first);
    // The same file a build's prepare reads: one reading for both.
    expect(readdirSync(path.join(env.XDG_CACHE_HOME!, 'gentoo-wb', 'base-facts'))).toHaveLength(1);
    expect(await inspectBaseCached(docker, base, { tree: 'base', env })).toEqual(first!.info);
  }, 120_000);

  it('keeps the base make.conf by image ID: the second reading creates no container and gives the same text', async () => {
    const docker = testDocker();
    const env = freshEnv();
    const { base } = realPortageImages();
    const read = () => readBaseMakeConfCached(docker, base, env);
    let first: string | null = null;
    let second: string | null = null;
    expect(await containersCreated(docker, async () => { first = await read(); })).toBe(1);
    expect(await containersCreated(docker, async () => { second = await read(); })).toBe(0);
    // The real-Portage base's own make.conf (test/fixtures/portage-image).
    expect(first).toMatch(/^FEATURES="-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -news"$/m);
    expect(second).toBe(first);
    expect(second).toBe(await readBaseMakeConf(docker, base));
    // A damaged file is read again, through a container.
    const folder = path.join(env.XDG_CACHE_HOME!, 'gentoo-wb', 'base-make-conf');
    const [file] = readdirSync(folder);
    writeFileSync(path.join(folder, file!), '{"stamp":');
    expect(await containersCreated(docker, async () => { expect(await read()).toBe(first); })).toBe(1);
  }, 120_000);
});
