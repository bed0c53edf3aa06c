// writeRawArchiveFile: the archive written from the socket into a file. Against the real engine, the
// same bytes as docker-modem's read, and saveImages taking this way on its own; against a socket of the
// test's own answering as a broken engine would, every failure rejects with the file closed, a chunked
// answer or a TLS endpoint hands the job on (null) having written nothing; a full disk (a small tmpfs)
// says so and saveImages leaves no file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialStream, readAll } from '../../../src/engine/docker/dial.js';
import { EngineError } from '../../../src/engine/docker/errors.js';
import { removeImage } from '../../../src/engine/docker/images.js';
import { writeRawArchiveFile } from '../../../src/engine/docker/raw-archive-file.js';
import { saveImages } from '../../../src/engine/docker/save-load.js';
import { importBusybox, uniqueRef } from './helpers/busybox.js';
import { describeEngines } from '../../helpers/podman.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-raw-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => path.join(dir, `out-${n++}.tar`);

describeEngines('writeRawArchiveFile', (engine) => {
  let image = '';
  beforeAll(async () => {
    image = uniqueRef('raw-file');
    await importBusybox(engine().docker, image);
  });
  afterAll(async () => {
    await removeImage(engine().docker, image, { force: true }).catch(() => undefined);
  });

  it('writes the archive docker-modem reads, ending in the two zero blocks, with progress to the end', async () => {
    const { docker } = engine();
    const file = fresh();
    const seen: number[] = [];
    const bytes = await writeRawArchiveFile(docker, [image], file, { action: 'save', onProgress: (p) => seen.push(p.bytes) });
    const ours = readFileSync(file);
    const theirs = await readAll(await dialStream(docker, { method: 'GET', path: '/images/get', query: { names: [image] }, ok: [200] }));
    expect(bytes).toBe(ours.length);
    expect(seen.at(-1)).toBe(ours.length);
    expect(ours.length % 512).toBe(0);
    expect(ours.subarray(-1024).every((b) => b === 0)).toBe(true);
    // The same image in the same layout (the engine may date the index files differently per save).
    expect(ours.length).toBe(theirs.length);
  });

  it('says a missing image as one', async () => {
    const file = fresh();
    const err = await writeRawArchiveFile(engine().docker, [uniqueRef('missing')], file, { action: 'save x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    if (engine().kind === 'docker') expect(err).toMatchObject({ kind: 'image-not-found' });
  });
});

describe('writeRawArchiveFile against a broken engine', () => {
  let answer: (socket: net.Socket) => void = () => undefined;
  const server = net.createServer((socket) => {
    // The reader closes early on purpose in some cases (a full disk): what the engine was still sending is lost.
    socket.on('error', () => undefined);
    socket.once('data', () => answer(socket));
  });
  const socketPath = path.join(dir, 'engine.sock');
  const docker = new Dockerode({ socketPath, version: 'v1.41' });
  beforeAll(() => new Promise<void>((resolve) => server.listen(socketPath, resolve)));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const head = 'HTTP/1.0 200 OK\r\nContent-Type: application/x-tar\r\n\r\n';

  it('writes a whole archive sent in many pieces', async () => {
    const body = Buffer.concat([Buffer.alloc(3 * 1024 * 1024, 7), Buffer.alloc(1024)]);
    answer = (s) => {
      s.write(head);
      for (let at = 0; at < body.length; at += 100_000) s.write(body.subarray(at, at + 100_000));
      s.end();
    };
    const file = fresh();
    expect(await writeRawArchiveFile(docker, ['x'], file, { action: 'save x' })).toBe(body.length);
    expect(readFileSync(file).equals(body)).toBe(true);
  });

  it('fails an archive cut off midway', async () => {
    answer = (s) => s.end(Buffer.concat([Buffer.from(head), Buffer.alloc(512, 7), Buffer.alloc(512)]));
    await expect(writeRawArchiveFile(docker, ['x'], fresh(), { action: 'save x' })).rejects.toMatchObject({ kind: 'engine', message: expect.stringContaining('ended the archive early (1024 bytes') });
  });

  it('reads the engine\'s error body with its status', async () => {
    answer = (s) => s.end('HTTP/1.0 500 Internal Server Error\r\nContent-Type: application/json\r\n\r\n{"message":"disk trouble"}\n');
    await expect(writeRawArchiveFile(docker, ['x'], fresh(), { action: 'save x' })).rejects.toMatchObject({ kind: 'engine', message: 'save x: disk trouble' });
  });

  it('hands a chunked answer on (null) having written nothing', async () => {
    answer = (s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    const file = fresh();
    await expect(writeRawArchiveFile(docker, ['x'], file, { action: 'save' })).resolves.toBeNull();
    expect(statSync(file).size).toBe(0);
  });

  it('is not used for TLS or SSH endpoints', async () => {
    const file = fresh();
    await expect(writeRawArchiveFile(new Dockerode({ host: 'example.invalid', port: 2376, protocol: 'https' }), ['x'], file, { action: 'save' })).resolves.toBeNull();
  });

  it('ends at an abort, before or after the answer starts', async () => {
    answer = () => undefined;
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    await expect(writeRawArchiveFile(docker, ['x'], fresh(), { action: 'save', signal: stop.signal })).rejects.toMatchObject({ kind: 'aborted' });
    answer = (s) => s.write(Buffer.concat([Buffer.from(head), Buffer.alloc(512)]));
    const later = new AbortController();
    setTimeout(() => later.abort(), 100);
    await expect(writeRawArchiveFile(docker, ['x'], fresh(), { action: 'save', signal: later.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });

  // A real full disk: a 1 MiB tmpfs (mounting needs root, which CI has).
  it.skipIf(process.getuid?.() !== 0)('says a full disk, and saveImages leaves no file behind', async () => {
    const small = path.join(dir, 'small');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
    try {
      answer = (s) => s.end(Buffer.concat([Buffer.from(head), Buffer.alloc(2 * 1024 * 1024, 7), Buffer.alloc(1024)]));
      await expect(writeRawArchiveFile(docker, ['x'], path.join(small, 'a.tar'), { action: 'save x' })).rejects.toMatchObject({ code: 'ENOSPC' });
      rmSync(path.join(small, 'a.tar'));
      // Through saveImages (told the image was looked at: the fake engine answers nothing but the archive).
      const err = await saveImages(docker, ['x'], path.join(small, 'b.tar'), { inspected: true }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'disk-full', hint: expect.stringContaining('partial file was removed') });
      expect(readdirSync(small)).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
    }
  });
});
