// Flatten on the real engine leaves out what the engine puts into every container (/.dockerenv,
// /dev/console, /etc/hostname, /etc/hosts, /etc/resolv.conf, /etc/mtab) and keeps the image's own
// versions of those paths, byte for byte and with their modes, from whichever layer they come.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gentooWbLabels } from '../../../src/core/labels.js';
import { uploadFiles } from '../../../src/engine/docker/archive.js';
import { commitContainer } from '../../../src/engine/docker/commit.js';
import { createContainer, listContainers, removeContainer } from '../../../src/engine/docker/containers.js';
import { flattenImage } from '../../../src/engine/docker/flatten.js';
import { inspectImage, removeImage } from '../../../src/engine/docker/images.js';
import { openImageArchive } from '../../../src/engine/docker/save-load.js';
import { describeEngines } from '../../helpers/podman.js';
import { entryPath, tarEntries } from '../../helpers/tar-entries.js';
import { importBusybox, uniqueRef } from './helpers/busybox.js';

// The test's own list, so that it fails if the code's list loses one.
const ENGINE_FILES = ['.dockerenv', 'dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf', 'etc/mtab'];

interface FileFacts { type: string; mode: number; content: string; linkname: string | null }

/** The files of a one-layer image, read from its saved layer (a container would add the engine's files again). */
async function layerFiles(docker: Dockerode, image: string): Promise<Map<string, FileFacts>> {
  const files = new Map<string, FileFacts>();
  let layers = 0;
  for await (const { header, body } of tarEntries(await openImageArchive(docker, [image]))) {
    // Docker: <dir>/layer.tar or OCI blobs; Podman: <digest>.tar.
    if (header.type !== 'file') continue;
    if (!header.name.endsWith('.tar') && !(header.name.startsWith('blobs/') && body.length > 1024 && body.toString('latin1', 257, 262) === 'ustar')) continue;
    layers++;
    for await (const { header: h, body: b } of tarEntries(body)) {
      files.set(entryPath(h.name), { type: h.type ?? 'file', mode: (h.mode ?? 0) & 0o7777, content: b.toString(), linkname: h.linkname ?? null });
    }
  }
  expect(layers).toBe(1);
  return files;
}

describeEngines('flatten without the engine\'s container files', (engine) => {
  const images: string[] = [];
  const containers: string[] = [];
  const labels = gentooWbLabels({ version: '0.0.0-test', role: 'export-temp' });
  let plain = '';
  let own = '';

  beforeAll(async () => {
    const { docker } = engine();
    plain = uniqueRef('plain');
    await importBusybox(docker, plain);
    const lower = uniqueRef('own-lower');
    await importBusybox(docker, lower, ['CMD ["/bin/sh"]'], [
      { name: 'etc/hosts', content: '127.0.0.1 localhost\n10.1.2.3 own-host\n', mode: 0o644 },
      { name: 'etc/resolv.conf', content: 'nameserver 192.0.2.53\n', mode: 0o600 },
    ]);
    images.push(plain, lower);
    // A second layer brings the image's own /etc/hostname.
    const id = await createContainer(docker, { image: lower, network: 'none', labels });
    containers.push(id);
    await uploadFiles(docker, id, [{ kind: 'file', path: '/etc/hostname', content: 'own-hostname\n', mode: 0o640 }]);
    own = uniqueRef('own');
    await commitContainer(docker, id, { tag: own, pause: false });
    images.push(own);
    expect((await inspectImage(docker, own)).layers).toHaveLength(2);
  });
  afterAll(async () => {
    const { docker } = engine();
    for (const id of containers) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    for (const ref of images.reverse()) await removeImage(docker, ref, { force: true }).catch(() => undefined);
  });

  it('an image without those files gets none of them', async () => {
    const flat = uniqueRef('flat-plain');
    await flattenImage(engine().docker, plain, { tag: flat, tempContainerLabels: labels });
    images.push(flat);
    const files = await layerFiles(engine().docker, flat);
    for (const f of ENGINE_FILES) expect(files.has(f), f).toBe(false);
    expect(files.get('bin/busybox')?.type).toBe('file');
    expect(files.get('etc/passwd')?.content).toMatch(/^root:x:0:0/);
    // The temporary container is gone.
    expect((await listContainers(engine().docker, [`org.gentoo-wb.role=export-temp`])).filter((c) => c.image === plain)).toEqual([]);
  });

  it('an image with its own /etc/hosts, /etc/resolv.conf and /etc/hostname keeps their bytes and modes, and gains nothing else', async () => {
    const flat = uniqueRef('flat-own');
    await flattenImage(engine().docker, own, { tag: flat, tempContainerLabels: labels });
    images.push(flat);
    const files = await layerFiles(engine().docker, flat);
    expect(files.get('etc/hosts')).toMatchObject({ type: 'file', mode: 0o644, content: '127.0.0.1 localhost\n10.1.2.3 own-host\n' });
    expect(files.get('etc/resolv.conf')).toMatchObject({ type: 'file', mode: 0o600, content: 'nameserver 192.0.2.53\n' });
    expect(files.get('etc/hostname')).toMatchObject({ type: 'file', mode: 0o640, content: 'own-hostname\n' });
    for (const f of ['.dockerenv', 'dev/console', 'etc/mtab']) expect(files.has(f), f).toBe(false);
    // Flattening the flattened image changes nothing about them.
    const again = uniqueRef('flat-again');
    await flattenImage(engine().docker, flat, { tag: again, tempContainerLabels: labels });
    images.push(again);
    const twice = await layerFiles(engine().docker, again);
    for (const f of ENGINE_FILES) expect(twice.get(f), f).toEqual(files.get(f));
  });
});
