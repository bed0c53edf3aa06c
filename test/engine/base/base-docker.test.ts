// The Base step's engine work for real: reading the real-Portage base with the snapshot tree, finding snapshot
// images, importing a tarball with our label, and pulls that cannot reach a registry ending fast.
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LABEL } from '../../../src/core/labels.js';
import { importBase } from '../../../src/engine/base/import-base.js';
import { pullBase } from '../../../src/engine/base/pull-base.js';
import { readBase } from '../../../src/engine/base/read-base.js';
import { findSnapshotImages } from '../../../src/engine/base/snapshot-images.js';
import { inspectImage, removeImage } from '../../../src/engine/docker/images.js';
import { busyboxRootfs } from '../docker/helpers/busybox.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';

describeDocker('base images on the engine', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-base-'));
  const created: string[] = [];
  let silent: net.Server;
  let silentPort = 0;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    // A "registry" that accepts connections and never says a word.
    silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const ref of created) await removeImage(testDocker(), ref, { force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('reads profile, CHOST, Portage version, packages and USE of the real-Portage base with the snapshot tree', async () => {
    const { info, treeProblem } = await readBase(testDocker(), realPortageImages().base, { source: 'snapshot', image: realPortageImages().tree });
    expect(treeProblem).toBeNull();
    // The test repository's profile; @system emerged when the image was built.
    expect(info.profile).toBe('test/amd64');
    expect(info.chost).toBe('x86_64-pc-linux-gnu');
    expect(info.portageVersion).toBe('3.0.82');
    expect([...info.installed].sort()).toEqual(['app-admin/eselect-1.4.30', 'sys-apps/which-2.21', 'sys-libs/glibc-2.40-r5', 'sys-libs/zlib-1.3.1']);
    expect(info.use).toContain('amd64');
  });

  it('still reads the base when the snapshot image is missing, and says why the tree is not mounted', async () => {
    const { info, treeProblem } = await readBase(testDocker(), realPortageImages().base, { source: 'snapshot', image: 'gentoo-wb-test/absent-portage:1' });
    expect(info.chost).toBe('x86_64-pc-linux-gnu');
    expect(treeProblem).toBe('the snapshot image gentoo-wb-test/absent-portage:1 is not here; pull it or choose another tree (Tree source)');
  });

  it('finds the images that declare the repository VOLUME', async () => {
    const found = await findSnapshotImages(testDocker());
    const mine = found.find((s) => s.ref === realPortageImages().tree);
    expect(mine).toMatchObject({ repoPath: '/var/db/repos/gentoo' });
    expect(found.some((s) => s.ref === realPortageImages().base)).toBe(false);
  });

  it('imports a tarball with a tag and our "imported" label', async () => {
    const file = path.join(dir, 'root.tar');
    writeFileSync(file, await busyboxRootfs());
    const tag = `gwb-test/imported-base:${randomBytes(3).toString('hex')}`;
    const result = await importBase(testDocker(), 'docker', file, tag);
    created.push(tag);
    expect(result.tag).toBe(tag);
    const details = await inspectImage(testDocker(), tag);
    expect(details.id).toBe(result.id);
    expect(details.labels[LABEL.role]).toBe('imported');
  });

  it('a registry that never answers ends the pull after the deadline with a clear message', async () => {
    const started = Date.now();
    const err = await pullBase(testDocker(), `127.0.0.1:${silentPort}/gentoo/stage3:amd64-openrc`, { firstAnswerMs: 1500 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toMatchObject({ kind: 'timeout', message: `pull 127.0.0.1:${silentPort}/gentoo/stage3:amd64-openrc: no registry answered within 2 s` });
    expect((err as { hint: string }).hint).toMatch(/import a stage3 tarball instead/);
  });

  it('without a network the official pull fails within seconds, saying the registry cannot be reached', async () => {
    const started = Date.now();
    const err = await pullBase(testDocker(), 'gentoo/stage3:amd64-openrc-19700105', { firstAnswerMs: 4000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(err).toMatchObject({ message: expect.stringMatching(/cannot reach the registry|no registry answered/) });
  });
});
