// openRawArchive: the archive read straight off the socket. Against the real engine, the same bytes
// as docker-modem's read and a missing image said as such; against a socket of the test's own that
// answers as a broken engine would, a cut-off archive fails (never a clean end), a chunked answer
// falls back, and an abort ends it.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialStream, readAll } from '../../../src/engine/docker/dial.js';
import { toEngineError } from '../../../src/engine/docker/errors.js';
import { removeImage } from '../../../src/engine/docker/images.js';
import { openRawArchive } from '../../../src/engine/docker/raw-archive.js';
import { importBusybox, uniqueRef } from './helpers/busybox.js';
import { describeEngines } from '../../helpers/podman.js';

describeEngines('openRawArchive', (engine) => {
  let image = '';
  beforeAll(async () => {
    image = uniqueRef('busybox');
    await importBusybox(engine().docker, image, ['CMD ["/bin/sh"]']);
  });
  afterAll(async () => {
    await removeImage(engine().docker, image, { force: true }).catch(() => undefined);
  });

  it('reads the same archive as docker-modem, ending in the two zero blocks', async () => {
    const { docker } = engine();
    const raw = await openRawArchive(docker, [image], 'save');
    expect(raw).not.toBeNull();
    const ours = await readAll(raw!);
    const theirs = await readAll(await dialStream(docker, { method: 'GET', path: '/images/get', query: { names: [image] }, ok: [200] }));
    expect(ours.length).toBeGreaterThan(1024);
    expect(ours.length % 512).toBe(0);
    expect(ours.subarray(-1024).every((b) => b === 0)).toBe(true);
    // The same image in the same layout (the engine may date the index files differently per save).
    expect(ours.length).toBe(theirs.length);
  });

  it('says a missing image as the engine does', async () => {
    const err = await openRawArchive(engine().docker, [uniqueRef('missing')], 'save').catch((e: unknown) => e);
    expect((err as { statusCode?: number }).statusCode).toBeGreaterThanOrEqual(400);
    // Docker answers 404; Podman's status for it differs between versions.
    if (engine().kind === 'docker') expect(toEngineError(err, { action: 'save', notFound: 'image' })).toMatchObject({ kind: 'image-not-found' });
  });
});

describe('openRawArchive against a broken engine', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-raw-archive-'));
  let answer: (socket: net.Socket) => void = () => undefined;
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (req) => {
      requests.push(req.toString('latin1'));
      answer(socket);
    });
  });
  const socketPath = path.join(dir, 'engine.sock');
  const docker = new Dockerode({ socketPath, version: 'v1.41' });
  beforeAll(() => new Promise<void>((resolve) => server.listen(socketPath, resolve)));
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  const head = 'HTTP/1.0 200 OK\r\nContent-Type: application/x-tar\r\n\r\n';

  it('asks in HTTP/1.0 with each name and the API version', async () => {
    answer = (s) => s.end(Buffer.concat([Buffer.from(head), Buffer.alloc(2048)]));
    const raw = await openRawArchive(docker, ['a/b:1', 'c'], 'save');
    expect((await readAll(raw!)).length).toBe(2048);
    expect(requests.at(-1)).toMatch(/^GET \/v1\.41\/images\/get\?names=a%2Fb%3A1&names=c HTTP\/1\.0\r\n/);
  });

  it('fails an archive cut off midway instead of ending it cleanly', async () => {
    answer = (s) => s.end(Buffer.concat([Buffer.from(head), Buffer.alloc(512, 7), Buffer.alloc(512)]));
    const raw = await openRawArchive(docker, ['x'], 'save x');
    await expect(readAll(raw!)).rejects.toMatchObject({ kind: 'engine', message: expect.stringContaining('ended the archive early (1024 bytes') });
  });

  it('leaves a chunked answer to docker-modem (null)', async () => {
    answer = (s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    await expect(openRawArchive(docker, ['x'], 'save')).resolves.toBeNull();
  });

  it('reads the engine\'s error body with its status', async () => {
    answer = (s) => s.end('HTTP/1.0 500 Internal Server Error\r\nContent-Type: application/json\r\n\r\n{"message":"disk trouble"}\n');
    const err = await openRawArchive(docker, ['x'], 'save x').catch((e: unknown) => e);
    expect(toEngineError(err, { action: 'save x' })).toMatchObject({ kind: 'engine', message: 'save x: disk trouble' });
  });

  it('ends at an abort, before or after the answer starts', async () => {
    answer = () => undefined;
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    await expect(openRawArchive(docker, ['x'], 'save', stop.signal)).rejects.toMatchObject({ name: 'AbortError' });
    answer = (s) => s.write(Buffer.concat([Buffer.from(head), Buffer.alloc(512)]));
    const later = new AbortController();
    const raw = await openRawArchive(docker, ['x'], 'save', later.signal);
    setTimeout(() => later.abort(), 100);
    await expect(readAll(raw!)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('gives up on an engine that does not answer within the connection timeout', async () => {
    answer = () => undefined;
    const slow = new Dockerode({ socketPath, version: 'v1.41' });
    // docker-modem keeps the constructor's connectionTimeout here (dockerode's types omit the option).
    (slow.modem as { connectionTimeout?: number }).connectionTimeout = 300;
    await expect(openRawArchive(slow, ['x'], 'save')).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('is not used for TLS or SSH endpoints', async () => {
    await expect(openRawArchive(new Dockerode({ host: 'example.invalid', port: 2376, protocol: 'https' }), ['x'], 'save')).resolves.toBeNull();
  });
});
