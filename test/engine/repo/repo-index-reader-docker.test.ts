// The package index read for real from the test repository's trees: the base's own, the snapshot image
// seen from the base (its make.profile picks test/amd64), and the snapshot alone (no profile).
import { expect, it, vi } from 'vitest';
import { LABEL } from '../../../src/core/labels.js';
import { findPackage } from '../../../src/core/portage/repo-index/repo-index.js';
import { listContainers } from '../../../src/engine/docker/containers.js';
import { createRepoIndexReader } from '../../../src/engine/repo/repo-index-reader.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';

describeDocker('package index of the real-Portage test trees', () => {
  it('reads the base\'s own tree: versions, keywords, slots, descriptions, the profile\'s mask; cached; no container left', async () => {
    const docker = testDocker();
    const reader = createRepoIndexReader(docker);
    const { base } = realPortageImages();
    const started = Date.now();
    const tree = await reader.read({ source: 'base' }, base);
    const took = Date.now() - started;
    expect(took).toBeLessThan(5000);
    expect(tree.note).toBeNull();
    expect(tree.index).toMatchObject({ source: `the tree in ${base}`, arch: 'amd64', profile: 'test/amd64' });
    expect(tree.index.masks).toEqual([{ atom: '=dev-lang/php-8.5.0_alpha1', file: 'profiles/test/amd64/package.mask', reason: 'Alpha release of the next PHP slot; not ready for general use.' }]);
    const php = findPackage(tree.index, 'dev-lang/php')!;
    expect(php.description).toBe('The PHP language runtime engine');
    expect(php.versions.map((v) => [v.version, v.slot, v.state, v.mask !== null])).toEqual([
      ['8.2.27', '8.2', 'stable', false], ['8.3.15', '8.3', 'stable', false], ['8.4.2', '8.4', 'testing', false], ['8.5.0_alpha1', '8.5', 'testing', true],
    ]);
    const hello = findPackage(tree.index, 'app-misc/hello')!;
    expect(hello.versions.map((v) => `${v.version}:${v.state}`)).toEqual(['2.12.1:stable', '9999:unkeyworded']);
    expect(hello.description).toMatch(/Hello, world/);
    expect(await reader.read({ source: 'base' }, base)).toBe(tree);
    const image = (await docker.getImage(base).inspect()).Id;
    // Other suites of this run read the base's tree at the same time, but theirs go within seconds too;
    // one this reader leaked would stay and fail the wait. Other namespaces' probes are not ours to count.
    await vi.waitFor(async () => {
      expect(await listContainers(docker, [`${LABEL.namespace}=${process.env.GENTOO_WB_NAMESPACE}`, `${LABEL.role}=probe`, `${LABEL.sourceImage}=${image}`])).toEqual([]);
    }, { timeout: 15_000, interval: 500 });
  });

  it('reads the snapshot through a container from the base (its profile), or alone with a note', async () => {
    const reader = createRepoIndexReader(testDocker());
    const { base, tree: snapshot } = realPortageImages();
    const seen = await reader.read({ source: 'snapshot', image: snapshot }, base);
    expect(seen.index.source).toBe(`snapshot ${snapshot}`);
    // The snapshot alone has hello-2.12.2 (with its md5-cache entry): the index read that tree, not the base's.
    expect(findPackage(seen.index, 'app-misc/hello')!.versions.map((v) => v.version)).toEqual(expect.arrayContaining(['2.12.1', '2.12.2']));
    const own = await reader.read({ source: 'base' }, base);
    expect(findPackage(own.index, 'app-misc/hello')!.versions.map((v) => v.version)).not.toContain('2.12.2');
    expect(seen.index.arch).toBe('amd64');
    const alone = await reader.read({ source: 'snapshot', image: snapshot }, null);
    expect(alone.index.arch).toBeNull();
    expect(alone.note).toBe('no base image is chosen: keywords and profile masks are not checked');
  });

  it('a base that is not here is a clear error', async () => {
    const reader = createRepoIndexReader(testDocker());
    await expect(reader.read({ source: 'base' }, 'gentoo-wb-test/no-such-base:1')).rejects.toThrow(/cannot read the tree: the base image gentoo-wb-test\/no-such-base:1 is not here/);
  });
});
