// Which cache `binhost serve --recipe` serves is the one the recipe's builds fill: the key comes out as
// the build's own preparation computes it (the base's CHOST and make.conf, the recipe's CFLAGS merged).
// With --key alone, the image is the base of the newest build whose plan mounted that cache.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { BuildState } from '../../../src/core/build/build-record.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { binhostSourceOfKey, binhostSourceOfRecipe } from '../../../src/engine/binhost/binhost-source.js';
import { prepareBuild } from '../../../src/engine/build/prepare-build.js';
import { buildFiles, createBuildFiles } from '../../../src/engine/build/build-store.js';
import { currentNamespace } from '../../../src/engine/docker/object-names.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';

describeDocker('binhost source', () => {
  it('a recipe\'s key is the one its build plan mounts, with the base\'s own CFLAGS or the recipe\'s', async () => {
    const docker = testDocker();
    const namespace = currentNamespace();
    const own = newRecipe({ name: 'bh-src', base: realPortageImages().base, packages: ['app-misc/newtool'], tags: [], sizing: { jobs: 1, makeopts: '-j1' } });
    own.makeConf.COMMON_FLAGS = '-O2 -pipe -DGWB_BINHOST_SOURCE';
    // Without CFLAGS of its own, the recipe's build takes the base's (merged make.conf).
    const inherits = { ...own, makeConf: Object.fromEntries(Object.entries(own.makeConf).filter(([k]) => !/FLAGS$/.test(k))) };
    const keys = new Set<string>();
    for (const recipe of [own, inherits]) {
      const { plan } = await prepareBuild(docker, recipe, { unshare: false }, { planOnly: true });
      const mount = plan.container.mounts.find((m) => m.kind === 'volume' && m.role === 'binpkgs');
      const source = await binhostSourceOfRecipe(docker, recipe, namespace);
      expect(mount?.kind === 'volume' ? mount.name : null).toBe(source.volume);
      expect(source.volume).toBe(`gentoo-wb-${namespace}-binpkgs-${source.key}`);
      expect(source).toMatchObject({ image: realPortageImages().base, imageFrom: 'recipe bh-src' });
      keys.add(source.key);
    }
    expect(keys.size).toBe(2);
    // Caches off in the recipe: still the key a build with them on would fill.
    const off = await binhostSourceOfRecipe(docker, { ...own, caches: { ...own.caches, binpkgs: false } }, namespace, 'some/image:1');
    expect(off).toMatchObject({ image: 'some/image:1', imageFrom: '--image' });
    expect(off.key).toBe((await binhostSourceOfRecipe(docker, own, namespace)).key);
  });

  it('--key without --image takes the base of the newest build that mounted the cache, and says what is needed when none did', async () => {
    const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-binhost-src-')) };
    const key = 'abcdef012345';
    const volume = `gentoo-wb-ns1-binpkgs-${key}`;
    const state = (id: string, baseImage: string, createdAt: number): BuildState => ({
      id, recipeName: 'r', recipeHash: 'h', recipePath: null, mode: 'commit', baseImage, tags: [], containerId: null, status: 'succeeded',
      createdAt, endedAt: createdAt, finishDone: [], image: null, failed: [], exitCode: 0, message: null,
    });
    const mounts = (name: string) => ({ container: { mounts: [{ kind: 'volume', name, target: '/var/cache/binpkgs', role: 'binpkgs' }] } });
    await createBuildFiles(buildFiles('20260101-000000-aaaaaa', env), state('20260101-000000-aaaaaa', 'old/base:1', 1), '{}', mounts(volume));
    await createBuildFiles(buildFiles('20260102-000000-bbbbbb', env), state('20260102-000000-bbbbbb', 'new/base:2', 2), '{}', mounts(volume));
    await createBuildFiles(buildFiles('20260103-000000-cccccc', env), state('20260103-000000-cccccc', 'other/base:3', 3), '{}', mounts('gentoo-wb-ns1-binpkgs-999999999999'));
    expect(await binhostSourceOfKey(key, 'ns1', undefined, env)).toEqual({ key, volume, image: 'new/base:2', imageFrom: 'build 20260102-000000-bbbbbb' });
    expect(await binhostSourceOfKey(key, 'ns1', 'mine:1', env)).toEqual({ key, volume, image: 'mine:1', imageFrom: '--image' });
    await expect(binhostSourceOfKey('111111111111', 'ns1', undefined, env)).rejects.toMatchObject({
      message: 'no build on this machine used the cache of key 111111111111 (gentoo-wb-ns1-binpkgs-111111111111), so the image to serve it from is not known',
      hint: expect.stringContaining('--image IMAGE'),
    });
  });
});
