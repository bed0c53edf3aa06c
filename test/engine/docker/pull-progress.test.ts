// Pull messages → per-layer events and totals, from the message sequence Docker sends.
import { describe, expect, it } from 'vitest';
import { pullEventOf, PullProgress } from '../../../src/engine/docker/pull-progress.js';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { pullImage } from '../../../src/engine/docker/pull.js';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const messages = [
  { status: 'Pulling from gentoo/stage3', id: 'amd64-openrc' },
  { status: 'Already exists', id: A },
  { status: 'Pulling fs layer', id: B },
  { status: 'Waiting', id: B },
  { status: 'Downloading', id: B, progressDetail: { current: 1000, total: 4000 }, progress: '[=>   ]' },
  { status: 'Downloading', id: B, progressDetail: { current: 3000, total: 4000 } },
  { status: 'Verifying Checksum', id: B },
  { status: 'Download complete', id: B },
  { status: 'Extracting', id: B, progressDetail: { current: 2000, total: 4000 } },
  { status: 'Pull complete', id: B },
  { status: 'Digest: sha256:0123' },
  { status: 'Status: Downloaded newer image for gentoo/stage3:amd64-openrc' },
];

describe('pull progress', () => {
  it('turns messages into layer and status events', () => {
    const events = messages.map(pullEventOf);
    expect(events[0]).toEqual({ kind: 'status', message: 'amd64-openrc: Pulling from gentoo/stage3' });
    expect(events[1]).toMatchObject({ kind: 'layer', layer: A, phase: 'exists' });
    expect(events[4]).toEqual({ kind: 'layer', layer: B, phase: 'downloading', status: 'Downloading', current: 1000, total: 4000 });
    expect(events.map((e) => (e?.kind === 'layer' ? e.phase : e?.kind))).toEqual([
      'status', 'exists', 'waiting', 'waiting', 'downloading', 'downloading', 'verifying', 'downloaded', 'extracting', 'complete', 'status', 'status',
    ]);
  });

  it('tracks bytes over all layers', () => {
    const progress = new PullProgress();
    const seen = messages.map((m) => {
      const e = pullEventOf(m);
      if (e) progress.apply(e);
      return progress.totals();
    });
    expect(seen[4]).toEqual({ downloaded: 1000, total: 4000, layers: 2, done: 1 });
    expect(seen[5]?.downloaded).toBe(3000);
    expect(seen.at(-1)).toEqual({ downloaded: 4000, total: 4000, layers: 2, done: 2 });
  });

  it('classifies registry failures the engine reports in the stream', async () => {
    // An engine whose pull stream starts and then carries the registry's error, as Docker's does.
    const failing = (error: string) => pullImage({ modem: { dial: (_o: unknown, cb: (err: Error | null, data: unknown) => void) => cb(null, Readable.from([`${JSON.stringify({ status: 'Pulling from x' })}\n${JSON.stringify({ error })}\n`])) } } as unknown as Dockerode, 'x').then(() => ({ kind: 'pulled', message: '' }), (e: unknown) => e as { kind: string; message: string });
    expect((await failing('manifest for x:latest not found: manifest unknown')).kind).toBe('image-not-found');
    expect((await failing('Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host')).message).toMatch(/cannot reach the registry/);
    expect((await failing('write /var/lib/docker/tmp/x: no space left on device')).kind).toBe('disk-full');
  });
});
