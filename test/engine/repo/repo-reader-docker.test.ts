// Flag descriptions read for real from the test repository's trees: the snapshot image (like gentoo/portage),
// the real-Portage base's own tree, and a repository folder on the host bind-mounted read-only.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { LABEL } from '../../../src/core/labels.js';
import { listContainers } from '../../../src/engine/docker/containers.js';
import { createRepoReader } from '../../../src/engine/repo/repo-reader.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';

describeDocker('repository reader on the real-Portage test trees', () => {
  const hostRepo = mkdtempSync(path.join(os.tmpdir(), 'gwb-repo-'));
  afterAll(() => rmSync(hostRepo, { recursive: true, force: true }));

  it('reads use.desc and use.local.desc from the snapshot image, once per tree', async () => {
    const reader = createRepoReader(testDocker());
    const source = { source: 'snapshot' as const, image: realPortageImages().tree };
    const tree = await reader.treeFlags(source, realPortageImages().base);
    expect(tree.problem).toBeUndefined();
    expect(tree.source).toBe(`snapshot ${realPortageImages().tree}`);
    // The test repository's profiles/use.desc (10 global flags) and use.local.desc (12 local ones).
    expect(tree.flags.find((f) => f.name === 'ssl')).toEqual({ name: 'ssl', origin: 'global', description: 'Add support for SSL/TLS connections' });
    expect(tree.flags.find((f) => f.name === 'http2')).toMatchObject({ origin: 'local', description: 'net-misc/curl: Enable HTTP/2.0 support' });
    expect(tree.flags.length).toBe(22);
    expect(await reader.treeFlags(source, realPortageImages().base)).toBe(tree);
  });

  it('reads a package\'s IUSE and descriptions (metadata.xml first) from the tree, and says when a package is missing', async () => {
    const reader = createRepoReader(testDocker());
    const source = { source: 'snapshot' as const, image: realPortageImages().tree };
    const curl = await reader.packageFlags(source, null, 'net-misc/curl');
    expect(curl.problem).toBeNull();
    expect(curl.cp).toBe('net-misc/curl');
    expect(curl.version).toMatch(/^\d/);
    const http2 = curl.flags.find((f) => f.name === 'http2');
    expect(http2?.description).toBe('Enable HTTP/2.0 support through net-libs/nghttp2');
    expect(curl.flags.every((f) => f.description !== '' || /^curl_ssl_/.test(f.name))).toBe(true);
    // The snapshot has app-misc/hello-2.12.2; an atom picks the newest version it selects.
    expect((await reader.packageFlags(source, null, 'app-misc/hello')).version).toBe('2.12.2');
    expect((await reader.packageFlags(source, null, '<app-misc/hello-2.12.2')).version).toBe('2.12.1');
    const missing = await reader.packageFlags(source, null, 'app-misc/no-such-thing');
    expect(missing).toMatchObject({ flags: [], problem: `app-misc/no-such-thing is not in snapshot ${realPortageImages().tree}` });
  });

  it('reads the base image\'s own tree through a short-lived labelled container that is removed', async () => {
    const docker = testDocker();
    const reader = createRepoReader(docker);
    const tree = await reader.treeFlags({ source: 'base' }, realPortageImages().base);
    expect(tree.source).toBe(`the tree in ${realPortageImages().base}`);
    expect(tree.flags.some((f) => f.name === 'ssl')).toBe(true);
    const hello = await reader.packageFlags({ source: 'base' }, realPortageImages().base, 'app-misc/hello');
    expect(hello.version).toBe('2.12.1');
    const image = (await docker.getImage(realPortageImages().base).inspect()).Id;
    // No tree-reading container of the base stays: other suites read the base's tree at the same time, but
    // theirs go within seconds too; one this reader leaked would stay and fail the wait.
    await vi.waitFor(async () => {
      const left = (await listContainers(docker, [`${LABEL.namespace}=${process.env.GENTOO_WB_NAMESPACE}`, `${LABEL.role}=probe`, `${LABEL.sourceImage}=${image}`])).filter((c) => c.image === image && !c.labels[LABEL.recipeHash]);
      expect(left).toEqual([]);
    }, { timeout: 15_000, interval: 500 });
  });

  it('reads a host repository bind-mounted read-only', async () => {
    mkdirSync(path.join(hostRepo, 'profiles'), { recursive: true });
    writeFileSync(path.join(hostRepo, 'profiles', 'use.desc'), 'frobnicate - Frobnicate everything\n');
    // A host repository is checked before it is mounted: it must be one (profiles/repo_name).
    writeFileSync(path.join(hostRepo, 'profiles', 'repo_name'), 'widgets\n');
    mkdirSync(path.join(hostRepo, 'app-misc', 'widget'), { recursive: true });
    writeFileSync(path.join(hostRepo, 'app-misc', 'widget', 'widget-1.0.ebuild'), 'EAPI=8\nIUSE="+frobnicate gizmo"\n');
    writeFileSync(path.join(hostRepo, 'app-misc', 'widget', 'metadata.xml'), '<pkgmetadata><use><flag name="gizmo">Build the gizmo</flag></use></pkgmetadata>\n');
    const reader = createRepoReader(testDocker());
    const source = { source: 'host' as const, path: hostRepo };
    const tree = await reader.treeFlags(source, realPortageImages().base);
    expect(tree.flags).toEqual([{ name: 'frobnicate', origin: 'global', description: 'Frobnicate everything' }]);
    const widget = await reader.packageFlags(source, realPortageImages().base, 'app-misc/widget');
    expect(widget.flags).toEqual([
      { name: 'frobnicate', default: 'on', description: 'Frobnicate everything' },
      { name: 'gizmo', default: null, description: 'Build the gizmo' },
    ]);
    await expect(reader.treeFlags(source, null)).rejects.toMatchObject({ kind: 'bad-request', hint: 'choose a base on the Base step first' });
  });

  it('says plainly when the snapshot image is not here', async () => {
    const reader = createRepoReader(testDocker());
    await expect(reader.treeFlags({ source: 'snapshot', image: 'gentoo-wb-test/no-such-portage:1' }, null)).rejects.toMatchObject({ kind: 'image-not-found' });
  });
});
