// Images against the real engines: import with changes and a tag (plain, gzip, xz tarballs),
// list, inspect, history, tag/untag, remove, save → load round trip, and the cleanup paths of an
// aborted or disk-full save.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EngineError } from '../../../src/engine/docker/errors.js';
import { sameImageName } from '../../helpers/image-names.js';
import { imageExists, inspectImage, listImages, removeImage, tagImage } from '../../../src/engine/docker/images.js';
import { importTarball } from '../../../src/engine/docker/import.js';
import { loadImages, saveImages } from '../../../src/engine/docker/save-load.js';
import { busyboxRootfs, importBusybox, uniqueRef } from './helpers/busybox.js';
import { describeEngines } from '../../helpers/podman.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The seeds' gentoo-transmission image: a daemon with its port, data volume, user and config.
const TRANSMISSION_CHANGES = [
  'ENTRYPOINT ["/usr/bin/transmission-daemon"]',
  'CMD ["--foreground", "--config-dir", "/var/lib/transmission/config"]',
  'ENV TRANSMISSION_HOME=/var/lib/transmission',
  'ENV GREETING="hello world"',
  'EXPOSE 9091/tcp',
  'EXPOSE 51413/udp',
  'USER portage',
  'WORKDIR /var/lib/transmission',
  'VOLUME ["/var/lib/transmission/downloads"]',
  'LABEL org.opencontainers.image.title="gentoo-transmission"',
];

let plainTar = '';
let gzTar = '';
let xzTar = '';

beforeAll(async () => {
  const rootfs = await busyboxRootfs([{ name: 'usr/bin/transmission-daemon', content: '#!/bin/sh\necho transmission "$@"\n', mode: 0o755 }]);
  plainTar = path.join(dir, 'root.tar');
  gzTar = path.join(dir, 'root.tar.gz');
  xzTar = path.join(dir, 'root.tar.xz');
  writeFileSync(plainTar, rootfs);
  writeFileSync(gzTar, gzipSync(rootfs));
  writeFileSync(xzTar, execFileSync('xz', ['-0', '-c', plainTar], { maxBuffer: 64 * 1024 * 1024 }));
});

describeEngines('images', (engine) => {
  const created: string[] = [];
  afterAll(async () => {
    for (const ref of created.reverse()) await removeImage(engine().docker, ref, { force: true }).catch(() => undefined);
  });

  it.each([
    ['.tar', () => plainTar],
    ['.tar.gz', () => gzTar],
    ['.tar.xz', () => xzTar],
  ])('imports a %s with changes and a tag; inspect shows the config', async (_ext, file) => {
    const { docker } = engine();
    const tag = uniqueRef('gentoo-transmission', '4.0');
    const progress: number[] = [];
    const result = await importTarball(docker, file(), { tag, changes: TRANSMISSION_CHANGES, onProgress: (p) => progress.push(p.bytes) });
    created.push(tag);
    expect(result.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(progress.at(-1)).toBe(result.bytes);
    const details = await inspectImage(docker, tag);
    expect(details.id).toBe(result.id);
    expect(details.tags.some((t) => sameImageName(t, tag))).toBe(true);
    expect(details.layers).toHaveLength(1);
    expect(details.config.Entrypoint).toEqual(['/usr/bin/transmission-daemon']);
    expect(details.config.Cmd).toEqual(['--foreground', '--config-dir', '/var/lib/transmission/config']);
    expect(details.config.Env).toEqual(expect.arrayContaining(['TRANSMISSION_HOME=/var/lib/transmission', 'GREETING=hello world']));
    expect(Object.keys(details.config.ExposedPorts ?? {}).sort()).toEqual(['51413/udp', '9091/tcp']);
    expect(details.config.User).toBe('portage');
    expect(details.config.WorkingDir).toBe('/var/lib/transmission');
    expect(Object.keys(details.config.Volumes ?? {})).toEqual(['/var/lib/transmission/downloads']);
    expect(details.labels['org.opencontainers.image.title']).toBe('gentoo-transmission');
  });

  it('refuses a bad change and a non-tar file before uploading anything', async () => {
    const { docker } = engine();
    const tag = uniqueRef('never');
    await expect(importTarball(docker, plainTar, { tag, changes: ['RUN rm -rf /'] })).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('"RUN" cannot be changed') });
    const notTar = path.join(dir, 'not.tar');
    writeFileSync(notTar, 'hello, not a tarball\n'.repeat(40));
    await expect(importTarball(docker, notTar, { tag })).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('is not a tar archive') });
    await expect(importTarball(docker, path.join(dir, 'missing.tar'), { tag })).rejects.toMatchObject({ message: expect.stringContaining('ENOENT') });
    expect(await imageExists(docker, tag)).toBe(false);
  });

  it('lists images with tags, size, creation time and labels; filters by label', async () => {
    const { docker } = engine();
    const tag = uniqueRef('listed');
    const id = await importBusybox(docker, tag, ['CMD ["/bin/sh"]', 'LABEL gwb.test.listing="yes"']);
    created.push(tag);
    const all = await listImages(docker);
    const mine = all.find((i) => i.id === id);
    expect(mine).toBeDefined();
    expect(mine?.tags.some((t) => sameImageName(t, tag))).toBe(true);
    expect(mine?.size).toBeGreaterThan(1_500_000);
    expect(Date.now() - Date.parse(mine?.created ?? '')).toBeLessThan(10 * 60_000);
    expect(mine?.labels['gwb.test.listing']).toBe('yes');
    const filtered = await listImages(docker, { labels: ['gwb.test.listing=yes'] });
    expect(filtered.map((i) => i.id)).toContain(id);
    expect(filtered.every((i) => i.labels['gwb.test.listing'] === 'yes')).toBe(true);
  });

  it('tag and remove', async () => {
    const { docker } = engine();
    const tag = uniqueRef('tagged', 'one');
    const second = tag.replace(':one', ':two');
    const id = await importBusybox(docker, tag);
    created.push(tag, second);
    await tagImage(docker, tag, second);
    expect((await inspectImage(docker, second)).id).toBe(id);
    await expect(tagImage(docker, tag, 'Bad Name')).rejects.toMatchObject({ kind: 'bad-request' });
    // Removing one of two names leaves the image under the other.
    expect((await removeImage(docker, second)).deleted).toEqual([]);
    expect(await imageExists(docker, second)).toBe(false);
    expect((await inspectImage(docker, tag)).id).toBe(id);
    const removed = await removeImage(docker, tag);
    expect(removed.untagged.some((t) => sameImageName(t, tag))).toBe(true);
    expect(removed.deleted.join(' ')).toContain(id.replace('sha256:', ''));
    await expect(inspectImage(docker, tag)).rejects.toMatchObject({ kind: 'image-not-found' });
  });

  it('save then load gives the same image IDs (two images, one archive)', async () => {
    const { docker } = engine();
    const a = uniqueRef('saved', 'a');
    const b = uniqueRef('saved', 'b');
    const idA = await importBusybox(docker, a, ['CMD ["/bin/echo", "a"]']);
    const idB = await importBusybox(docker, b, ['CMD ["/bin/echo", "b"]'], [{ name: 'etc/b.txt', content: 'b' }]);
    created.push(a, b);
    const file = path.join(dir, `saved-${engine().kind}.tar`);
    const seen: number[] = [];
    const written = await saveImages(docker, [a, b], file, { onProgress: (p) => seen.push(p.bytes) });
    expect(written.fileBytes).toBe(written.sourceBytes);
    expect(seen.at(-1)).toBe(written.sourceBytes);
    await removeImage(docker, a, { force: true });
    await removeImage(docker, b, { force: true });
    const loaded = await loadImages(docker, file);
    expect(loaded.tags.filter((t) => sameImageName(t, a) || sameImageName(t, b))).toHaveLength(2);
    expect((await inspectImage(docker, a)).id).toBe(idA);
    expect((await inspectImage(docker, b)).id).toBe(idB);
    // A gzip archive loads too.
    const gz = path.join(dir, `saved-${engine().kind}.tar.gz`);
    const zipped = await saveImages(docker, [a], gz, { compression: 'gzip' });
    expect(zipped.fileBytes).toBeLessThan(zipped.sourceBytes);
    await removeImage(docker, a, { force: true });
    await loadImages(docker, gz);
    expect((await inspectImage(docker, a)).id).toBe(idA);
  });

  it('a save cancelled mid-stream leaves no file behind', async () => {
    const { docker } = engine();
    const tag = uniqueRef('aborted');
    await importBusybox(docker, tag);
    created.push(tag);
    const sub = mkdtempSync(path.join(dir, 'abort-'));
    const controller = new AbortController();
    // A writer that stalls after the first chunk, so the abort lands mid-transfer.
    const slow = (p: string): Writable => {
      const file = createWriteStream(p);
      return new Writable({
        write(chunk: Buffer, _e, cb) {
          file.write(chunk, () => {
            controller.abort();
            setTimeout(cb, 50);
          });
        },
        final(cb) { file.end(cb); },
        destroy(err, cb) { file.destroy(); cb(err); },
      });
    };
    const target = path.join(sub, 'out.tar');
    const err = await saveImages(docker, [tag], target, { signal: controller.signal, openWriter: slow }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe('aborted');
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(sub)).toEqual([]);
  });

  it('a disk-full save removes the partial file and says so', async () => {
    const { docker } = engine();
    const tag = uniqueRef('enospc');
    await importBusybox(docker, tag);
    created.push(tag);
    const sub = mkdtempSync(path.join(dir, 'enospc-'));
    let partial = '';
    // Writes the first 64 KiB for real, then fails the way a full disk does.
    const fullDisk = (p: string): Writable => {
      partial = p;
      const file = createWriteStream(p);
      let written = 0;
      return new Writable({
        write(chunk: Buffer, _e, cb) {
          if (written >= 65536) {
            cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
            return;
          }
          written += chunk.length;
          file.write(chunk, cb);
        },
        destroy(err, cb) { file.destroy(); cb(err); },
      });
    };
    const target = path.join(sub, 'out.tar');
    const err = await saveImages(docker, [tag], target, { openWriter: fullDisk }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe('disk-full');
    expect((err as EngineError).hint).toContain('partial file was removed');
    expect(partial).toContain('.out.tar.partial-');
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(sub)).toEqual([]);
  });

  it('names a missing image in the error', async () => {
    const { docker } = engine();
    const ref = uniqueRef('absent');
    const err = await saveImages(docker, [ref], path.join(dir, 'none.tar')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'image-not-found', message: expect.stringContaining(ref) });
  });
});
