// loadDockerode: a client without ssh2, grpc and tar-fs loaded, and an ssh:// endpoint that still reaches
// ssh2 at its first connection. (Each test file runs in a fresh process, so the module cache here
// starts without dockerode.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadDockerode } from '../../../src/engine/docker/dockerode-loader.js';

const require = createRequire(import.meta.url);
const loaded = (pkg: string) => Object.keys(require.cache).filter((f) => f.includes(`/node_modules/${pkg}/`) && require.cache[f]?.constructor.name === 'Module');

it('builds a unix-socket client with none of ssh2, grpc, tar-fs loaded', async () => {
  expect(loaded('dockerode')).toEqual([]);
  const Dockerode = loadDockerode();
  const docker = new Dockerode({ socketPath: '/nonexistent/gwb.sock' });
  await expect(docker.ping()).rejects.toMatchObject({ code: 'ENOENT' });
  expect(loaded('dockerode').length).toBeGreaterThan(0);
  expect(loaded('docker-modem').length).toBeGreaterThan(0);
  expect(loaded('ssh2')).toEqual([]);
  expect(loaded('@grpc/grpc-js')).toEqual([]);
  expect(loaded('@grpc/proto-loader')).toEqual([]);
  expect(loaded('tar-fs')).toEqual([]);
  expect(loaded('@balena/dockerignore')).toEqual([]);
  expect(loadDockerode()).toBe(Dockerode);
});

it('loads ssh2 when an ssh:// endpoint first connects', async () => {
  const Dockerode = loadDockerode();
  // A port nothing listens on: the refusal comes from ssh2's own connection.
  const docker = new Dockerode({ protocol: 'ssh', host: '127.0.0.1', port: 1, username: 'nobody', sshOptions: { readyTimeout: 3000 } } as ConstructorParameters<typeof Dockerode>[0]);
  await expect(docker.ping()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  expect(loaded('ssh2').length).toBeGreaterThan(0);
  expect((require('ssh2') as { Server?: unknown }).Server).toBeTypeOf('function');
});

it('loads tar-fs and the .dockerignore reader when a build context is packed', async () => {
  const Dockerode = loadDockerode();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-loader-'));
  try {
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(path.join(dir, 'skipped'), 'x');
    writeFileSync(path.join(dir, '.dockerignore'), 'skipped\n');
    const docker = new Dockerode({ socketPath: '/nonexistent/gwb.sock' });
    // Packing happens before the request, which then finds no socket.
    await expect(docker.buildImage({ context: dir, src: ['Dockerfile', 'skipped'] })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(loaded('tar-fs').length).toBeGreaterThan(0);
    expect(loaded('@balena/dockerignore').length).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
