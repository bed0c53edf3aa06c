// Pulling for real from a registry served by the test on 127.0.0.1 (nothing outside is reached):
// per-layer progress events, the image ID, a missing tag, and cancelling mid-download.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inspectImage, removeImage } from '../../../src/engine/docker/images.js';
import { pullImage } from '../../../src/engine/docker/pull.js';
import type { PullEvent } from '../../../src/engine/docker/pull-progress.js';
import { busyboxRootfs } from './helpers/busybox.js';
import { startFakeRegistry, type FakeRegistry } from './helpers/fake-registry.js';
import { describeEngines } from '../../helpers/podman.js';

describeEngines('pull', (engine) => {
  let registry: FakeRegistry;
  let stalled: FakeRegistry;
  const repo = `gwb-test/pulled-${randomBytes(3).toString('hex')}`;
  const pulled: string[] = [];

  beforeAll(async () => {
    // Random data keeps the gzip layer large enough for several progress messages.
    const rootfs = await busyboxRootfs([{ name: 'data/noise', content: randomBytes(3 * 1024 * 1024) }]);
    registry = await startFakeRegistry(repo, 'v1', rootfs);
    // Different content, so the engine cannot satisfy it from what the first pull stored.
    const other = await busyboxRootfs([{ name: 'data/noise', content: randomBytes(3 * 1024 * 1024) }]);
    stalled = await startFakeRegistry(repo, 'v1', other, { stallBlobs: true });
  });

  afterAll(async () => {
    for (const ref of pulled) await removeImage(engine().docker, ref, { force: true }).catch(() => undefined);
    await registry?.close();
    await stalled?.close();
  });

  it('pulls with per-layer progress and returns the image ID', async () => {
    const ref = `${registry.host}/${repo}:v1`;
    const events: PullEvent[] = [];
    const result = await pullImage(engine().docker, ref, { onEvent: (e) => events.push(e) });
    pulled.push(ref);
    expect(result.id).toBe(registry.configDigest);
    expect((await inspectImage(engine().docker, ref)).labels['org.example.pulled']).toBe('yes');
    if (engine().kind === 'docker') {
      // Docker names layers by the first 12 hex digits of the compressed blob's digest.
      const short = registry.layerDigest.slice(7, 19);
      const mine = events.filter((e): e is Extract<PullEvent, { kind: 'layer' }> => e.kind === 'layer' && e.layer === short);
      const downloading = mine.filter((e) => e.phase === 'downloading');
      expect(downloading.length).toBeGreaterThan(1);
      expect(downloading.every((e) => e.total === registry.layerSize)).toBe(true);
      expect(downloading.map((e) => e.current ?? 0)).toEqual([...downloading.map((e) => e.current ?? 0)].sort((a, b) => a - b));
      expect(mine.at(-1)?.phase).toBe('complete');
    } else {
      // Podman's compat pull reports progress per blob as status lines, not Docker's layer stream.
      expect(events.length).toBeGreaterThan(0);
    }
  });

  it('says when the registry has no such tag', async () => {
    const err = await pullImage(engine().docker, `${registry.host}/${repo}:nope`).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'image-not-found', message: expect.stringContaining(':nope') });
  });

  it('cancelling mid-download ends with an aborted error and no image', async () => {
    const ref = `${stalled.host}/${repo}:v1`;
    const controller = new AbortController();
    // Docker reports the download as it goes: cancel on its first progress. Podman's compat pull
    // reports nothing until a blob is complete, and this registry never completes the layer.
    const timer = setTimeout(() => controller.abort(), engine().kind === 'podman' ? 1000 : 10_000);
    const err = await pullImage(engine().docker, ref, {
      signal: controller.signal,
      onEvent: (e) => { if (e.kind === 'layer' && e.phase === 'downloading') controller.abort(); },
    }).catch((e: unknown) => e);
    clearTimeout(timer);
    expect(err).toMatchObject({ kind: 'aborted' });
    await expect(inspectImage(engine().docker, ref)).rejects.toMatchObject({ kind: 'image-not-found' });
  });
});
