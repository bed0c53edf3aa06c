// Export and flatten against the real engines: a container's file system as tar, flatten to a
// one-layer image that runs and keeps the original config, and `export` archives (plain, gzip,
// flattened) that load back.
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gentooWbLabels, LABEL } from '../../../src/core/labels.js';
import { execCapture } from '../../../src/engine/docker/exec.js';
import { commitContainer } from '../../../src/engine/docker/commit.js';
import { createContainer, removeContainer, startContainer } from '../../../src/engine/docker/containers.js';
import { runToEnd } from '../../../src/engine/docker/run-to-end.js';
import { exportImage } from '../../../src/engine/docker/export.js';
import { flattenImage, openFlattenSource } from '../../../src/engine/docker/flatten.js';
import { sameImageName } from '../../helpers/image-names.js';
import { imageExists, inspectImage, listImages, removeImage, tagImage } from '../../../src/engine/docker/images.js';
import { loadImages } from '../../../src/engine/docker/save-load.js';
import { importBusybox, uniqueRef } from './helpers/busybox.js';
import { describeEngines } from '../../helpers/podman.js';
import { tarEntries } from '../../helpers/tar-entries.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A build ID of our own: other suites on the same engine must not match our label filters.
const BUILD = `export-test-${randomBytes(4).toString('hex')}`;
const labels = gentooWbLabels({ version: '0.0.0-test', role: 'builder', buildId: BUILD });

describeEngines('export and flatten', (engine) => {
  let base = '';
  let layered = '';
  const containers: string[] = [];
  const images: string[] = [];

  /** Output of running an image's default command. */
  async function runOutput(image: string): Promise<{ code: number; out: string }> {
    const run = await runToEnd(engine().docker, { image, labels, network: 'none' });
    return { code: run.exitCode ?? -1, out: run.output };
  }

  beforeAll(async () => {
    const { docker } = engine();
    base = uniqueRef('base');
    await importBusybox(docker, base, ['CMD ["/bin/sh"]']);
    images.push(base);
    // A three-layer image with a rich config: base + two commits, each from a container of the one before.
    const first = await createContainer(docker, { image: base, labels, network: 'none', cmd: ['/bin/sleep', '300'] });
    containers.push(first);
    await startContainer(docker, first);
    await execCapture(docker, first, { argv: ['/bin/sh', '-c', 'mkdir -p /srv && echo layer-two > /srv/two && dd if=/dev/zero of=/srv/big bs=1024 count=512 2>/dev/null'] });
    const middle = uniqueRef('middle');
    await commitContainer(docker, first, { tag: middle, pause: false });
    images.push(middle);
    const id = await createContainer(docker, { image: middle, labels, network: 'none', cmd: ['/bin/sleep', '300'] });
    containers.push(id);
    await startContainer(docker, id);
    await execCapture(docker, id, { argv: ['/bin/sh', '-c', 'rm /srv/big && echo layer-three > /srv/three'] });
    layered = uniqueRef('layered');
    await commitContainer(docker, id, {
      tag: layered,
      pause: true,
      changes: [
        'ENTRYPOINT ["/bin/sh", "-c"]',
        'CMD ["cat /srv/two /srv/three; echo \\"$APP_MODE\\" $(id -u) $(pwd)"]',
        'ENV APP_MODE=production',
        'ENV PATH=/usr/local/bin:/usr/bin:/bin',
        'EXPOSE 8080/tcp',
        'USER portage',
        'WORKDIR /srv',
        'VOLUME ["/var/lib/app"]',
      ],
      labels: { 'org.example.flavour': 'minimal "gentoo" $build' },
    });
    images.push(layered);
  });

  afterAll(async () => {
    const { docker } = engine();
    for (const id of containers) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    for (const ref of images.reverse()) await removeImage(docker, ref, { force: true }).catch(() => undefined);
  });

  it('the layered image has several layers and runs as configured', async () => {
    const details = await inspectImage(engine().docker, layered);
    expect(details.layers.length).toBe(3);
    // Committed from a builder container without a role: the image must not inherit `builder`.
    expect(details.labels[LABEL.role]).toBe('intermediate');
    expect(await runOutput(layered)).toEqual({ code: 0, out: 'layer-two\nlayer-three\nproduction 250 /srv\n' });
  });

  it('reads a container file system as tar (what flatten imports)', async () => {
    const { docker } = engine();
    const id = await createContainer(docker, { image: layered, labels, network: 'none' });
    containers.push(id);
    const stream = await openFlattenSource(docker, id, (await inspectImage(docker, layered)).id);
    const names = new Map<string, { size: number; content: string }>();
    for await (const { header, body } of tarEntries(stream)) names.set(header.name.replace(/^\.?\//, ''), { size: header.size ?? 0, content: body.toString() });
    expect(names.get('srv/three')?.content).toBe('layer-three\n');
    expect(names.get('bin/busybox')?.size).toBeGreaterThan(1_500_000);
    expect(names.has('srv/big')).toBe(false);
  });

  it('flattens to one layer that runs and keeps the config', async () => {
    const { docker } = engine();
    const flat = uniqueRef('flat');
    const result = await flattenImage(docker, layered, {
      tag: flat,
      tempContainerLabels: labels,
      addLabels: gentooWbLabels({ version: '0.0.0-test', role: 'result', buildId: BUILD }),
    });
    images.push(flat);
    expect(result.lost).toEqual([]);
    const source = await inspectImage(docker, layered);
    const details = await inspectImage(docker, flat);
    expect(details.id).toBe(result.id);
    expect(details.layers).toHaveLength(1);
    expect(details.config.Entrypoint).toEqual(source.config.Entrypoint);
    expect(details.config.Cmd).toEqual(source.config.Cmd);
    expect(details.config.Env).toEqual(source.config.Env);
    expect(details.config.ExposedPorts).toEqual(source.config.ExposedPorts);
    expect(details.config.User).toBe('portage');
    expect(details.config.WorkingDir).toBe('/srv');
    expect(Object.keys(details.config.Volumes ?? {})).toEqual(['/var/lib/app']);
    expect(details.labels['org.example.flavour']).toBe('minimal "gentoo" $build');
    expect(details.labels[LABEL.role]).toBe('result');
    // The deleted 512 KiB file is gone from the single layer, so the image is smaller.
    expect(details.size).toBeLessThan(source.size);
    expect(await runOutput(flat)).toEqual({ code: 0, out: 'layer-two\nlayer-three\nproduction 250 /srv\n' });
    // No temporary container is left behind.
    const leftovers = (await docker.listContainers({ all: true, filters: { label: [`${LABEL.buildId}=${BUILD}`] } })).filter((c) => !containers.includes(c.Id));
    expect(leftovers).toEqual([]);
  });

  it('export writes a loadable archive; --gzip compresses it', async () => {
    const { docker } = engine();
    const plain = path.join(dir, `plain-${engine().kind}.tar`);
    const steps: string[] = [];
    const result = await exportImage(docker, layered, { output: plain, toolVersion: '0.0.0-test', onStep: (s) => steps.push(s) });
    expect(steps).toEqual(['write']);
    expect(result).toMatchObject({ file: plain, flattened: false, layers: 3 });
    expect(result.fileBytes).toBeGreaterThan(2_000_000);
    const gz = path.join(dir, `plain-${engine().kind}.tar.gz`);
    const zipped = await exportImage(docker, layered, { output: gz, compression: 'gzip', toolVersion: '0.0.0-test' });
    expect(zipped.fileBytes).toBeLessThan(zipped.archiveBytes * 0.8);
    const id = (await inspectImage(docker, layered)).id;
    await removeImage(docker, layered, { force: true });
    const loaded = await loadImages(docker, gz);
    expect(loaded.tags.some((t) => sameImageName(t, layered))).toBe(true);
    expect((await inspectImage(docker, layered)).id).toBe(id);
  });

  it('an image exported by its ID keeps its names in the archive (docker load gives them back)', async () => {
    const { docker } = engine();
    const second = uniqueRef('by-id-second');
    await tagImage(docker, layered, second);
    images.push(second);
    const id = (await inspectImage(docker, layered)).id;
    const out = path.join(dir, `by-id-${engine().kind}.tar`);
    await exportImage(docker, id, { output: out, toolVersion: '0.0.0-test' });
    let manifest = '[]';
    for await (const { header, body } of tarEntries(createReadStream(out))) if (header.name === 'manifest.json') manifest = body.toString();
    const repoTags = (JSON.parse(manifest) as { RepoTags: string[] | null }[]).flatMap((m) => m.RepoTags ?? []);
    for (const name of [layered, second]) expect(repoTags.some((t) => sameImageName(t, name)), `${name} in ${repoTags.join(', ')}`).toBe(true);
  });

  it('export --flatten writes a one-layer archive that loads under the original name and runs', async () => {
    const { docker } = engine();
    const out = path.join(dir, `flat-${engine().kind}.tar`);
    const steps: string[] = [];
    const result = await exportImage(docker, layered, { output: out, flatten: true, toolVersion: '0.0.0-test', onStep: (s) => steps.push(s) });
    expect(steps).toEqual(['flatten', 'write']);
    expect(result).toMatchObject({ flattened: true, layers: 1, lost: [] });
    // The temporary flattened image (labelled with the image it came from) is gone again. Only ours are
    // counted: other test files add and remove images on the same engine meanwhile.
    expect(await listImages(docker, { labels: [`${LABEL.sourceImage}=${(await inspectImage(docker, layered)).id}`] })).toEqual([]);
    // Load it in place of the layered original.
    const original = uniqueRef('original-kept');
    await tagImage(docker, layered, original);
    images.push(original);
    await removeImage(docker, layered);
    expect(await imageExists(docker, layered)).toBe(false);
    const loaded = await loadImages(docker, out);
    expect(loaded.tags.some((t) => sameImageName(t, layered))).toBe(true);
    const details = await inspectImage(docker, layered);
    expect(details.id).toBe(result.imageId);
    expect(details.layers).toHaveLength(1);
    expect(details.config.Cmd).toEqual((await inspectImage(docker, original)).config.Cmd);
    expect(await runOutput(layered)).toEqual({ code: 0, out: 'layer-two\nlayer-three\nproduction 250 /srv\n' });
  });

  it('an export into a folder that does not exist says so before any work, not that the engine is gone', async () => {
    const { docker } = engine();
    const before = new Set((await listImages(docker)).map((i) => i.id));
    const missing = path.join(dir, 'no-such-folder', 'x.tar');
    const err = await exportImage(docker, base, { output: missing, flatten: true, toolVersion: '0.0.0-test' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`export ${base}: cannot write ${missing}: its folder does not exist (ENOENT)`);
    expect((err as Error).message).not.toMatch(/engine|socket/);
    expect((await listImages(docker)).map((i) => i.id).filter((i) => !before.has(i))).toEqual([]);
  });

  it('an export that fails while writing leaves neither the file nor the temporary image', async () => {
    const { docker } = engine();
    const sub = mkdtempSync(path.join(dir, 'fail-'));
    const before = new Set((await listImages(docker)).map((i) => i.id));
    const failing = (): Writable => new Writable({
      write(_c, _e, cb) { cb(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })); },
    });
    const err = await exportImage(docker, base, { output: path.join(sub, 'x.tar'), flatten: true, toolVersion: '0.0.0-test', openWriter: failing }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'disk-full' });
    expect(readdirSync(sub)).toEqual([]);
    expect((await listImages(docker)).map((i) => i.id).filter((i) => !before.has(i))).toEqual([]);
  });
});
