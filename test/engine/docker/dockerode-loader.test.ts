// loadDockerode: a client without ssh2 and grpc loaded, and an ssh:// endpoint that still reaches
// ssh2 at its first connection. (Each test file runs in a fresh process, so the module cache here
// starts without dockerode.)
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { loadDockerode } from '../../../src/engine/docker/dockerode-loader.js';

const require = createRequire(import.meta.url);
const loaded = (pkg: string) => Object.keys(require.cache).filter((f) => f.includes(`/node_modules/${pkg}/`) && require.cache[f]?.constructor.name === 'Module');

it('builds a unix-socket client with neither ssh2 nor grpc loaded', async () => {
  expect(loaded('dockerode')).toEqual([]);
  const Dockerode = loadDockerode();
  const docker = new Dockerode({ socketPath: '/nonexistent/gwb.sock' });
  await expect(docker.ping()).rejects.toMatchObject({ code: 'ENOENT' });
  expect(loaded('dockerode').length).toBeGreaterThan(0);
  expect(loaded('docker-modem').length).toBeGreaterThan(0);
  expect(loaded('ssh2')).toEqual([]);
  expect(loaded('@grpc/grpc-js')).toEqual([]);
  expect(loaded('@grpc/proto-loader')).toEqual([]);
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
