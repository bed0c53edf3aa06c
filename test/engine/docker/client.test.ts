// The client factory: every modem field explicit, docker-modem's environment reading neutralised,
// and connecting through a context, a flag, or to nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dockerFor, resolveBasicEndpoint } from '../../../src/engine/docker/client.js';
import { connectEngine, connectToEndpoint } from '../../../src/engine/docker/connect.js';
import { createHash } from 'node:crypto';
import type { Endpoint } from '../../../src/engine/docker/endpoint-types.js';
import { modemOptionsFor, type ExplicitModemOptions } from '../../../src/engine/docker/modem-options.js';
import { describeDocker, dockerStatus } from '../../helpers/docker.js';

/** Docker's context store keeps a context under the sha256 (hex) of its name. */
const contextDirName = (name: string) => createHash('sha256').update(name, 'utf8').digest('hex');

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { source: 'flag' as const, context: null, warnings: [], sshAgent: null, tls: null };
const unix: Endpoint = { ...base, host: 'unix:///tmp/x.sock', address: { kind: 'unix', socketPath: '/tmp/x.sock' } };
const tcpTls: Endpoint = {
  ...base, host: 'tcp://h:2376', address: { kind: 'tcp', host: 'h', port: 2376 },
  tls: { verifyServer: true, ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY'), certDir: '/c' },
};
const tcpInsecure: Endpoint = { ...tcpTls, tls: { ...(tcpTls.tls as NonNullable<Endpoint['tls']>), verifyServer: false } };
const ssh: Endpoint = { ...base, host: 'ssh://u@h:2222', address: { kind: 'ssh', host: 'h', port: 2222, username: 'u', remotePath: null }, sshAgent: '/tmp/agent' };

const ALL_KEYS: (keyof ExplicitModemOptions)[] = ['socketPath', 'host', 'port', 'protocol', 'pathPrefix', 'username', 'password', 'ca', 'cert', 'key', 'agent', 'sshOptions', 'version', 'timeout', 'connectionTimeout', 'headers'];

describe('modemOptionsFor', () => {
  it.each([unix, tcpTls, tcpInsecure, ssh])('passes every field for $host', (endpoint) => {
    expect(Object.keys(modemOptionsFor(endpoint)).sort()).toEqual([...ALL_KEYS].sort());
  });

  it('maps each kind of endpoint', () => {
    expect(modemOptionsFor(unix, { apiVersion: '1.41' })).toMatchObject({ socketPath: '/tmp/x.sock', host: undefined, version: 'v1.41' });
    expect(modemOptionsFor(tcpTls)).toMatchObject({ protocol: 'https', host: 'h', port: 2376, ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY'), agent: undefined, socketPath: undefined });
    const insecure = modemOptionsFor(tcpInsecure);
    expect(insecure.protocol).toBe('https');
    expect((insecure.agent as unknown as { options: { rejectUnauthorized: boolean } }).options.rejectUnauthorized).toBe(false);
    expect(modemOptionsFor(ssh)).toMatchObject({ protocol: 'ssh', host: 'h', port: 2222, username: 'u', sshOptions: { agent: '/tmp/agent' } });
  });
});

describe('dockerFor', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['DOCKER_HOST', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY', 'SSH_AUTH_SOCK']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('ignores a malformed DOCKER_HOST and unreadable DOCKER_CERT_PATH that docker-modem would act on', () => {
    process.env.DOCKER_HOST = 'tcp://[bad';
    process.env.DOCKER_CERT_PATH = '/nonexistent/certs';
    process.env.DOCKER_TLS_VERIFY = '1';
    const docker = dockerFor(unix);
    const modem = docker.modem as unknown as Record<string, unknown>;
    expect(modem.socketPath).toBe('/tmp/x.sock');
    expect(modem.host).toBeUndefined();
    expect(modem.ca).toBeUndefined();
    expect(modem.protocol).toBe('http');
    // The environment is back as it was.
    expect(process.env.DOCKER_HOST).toBe('tcp://[bad');
  });

  it('keeps our ssh agent even when DOCKER_HOST is an ssh URL', () => {
    process.env.DOCKER_HOST = 'ssh://other@elsewhere';
    process.env.SSH_AUTH_SOCK = '/env/agent';
    const modem = dockerFor(ssh).modem as unknown as { sshOptions: { agent: string }; username: string; host: string };
    expect(modem.sshOptions.agent).toBe('/tmp/agent');
    expect(modem.username).toBe('u');
    expect(modem.host).toBe('h');
  });
});

describe('connecting', () => {
  it('says which endpoint had no engine and how to start one', async () => {
    const missing = path.join(dir, 'none.sock');
    const err = await connectToEndpoint(resolveBasicEndpoint(`unix://${missing}`, {}), 2000).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'no-engine', message: expect.stringContaining(`unix://${missing}`) });
    expect((err as { hint: string }).hint).toMatch(/systemctl start docker/);
  });

  it('reports a resolution failure as an endpoint error', async () => {
    await expect(connectEngine({ context: 'ghost', env: { DOCKER_CONFIG: dir } })).rejects.toMatchObject({ kind: 'endpoint', message: expect.stringContaining('context "ghost" does not exist') });
  });
});

describeDocker('connecting to the real engine', () => {
  it('through a context in a temporary DOCKER_CONFIG, with the API version negotiated', async () => {
    const config = path.join(dir, 'docker-config');
    const meta = path.join(config, 'contexts', 'meta', contextDirName('local-test'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: 'local-test', Endpoints: { docker: { Host: dockerStatus.host } } }));
    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'local-test' }));
    // --context beats a DOCKER_HOST that points nowhere, and that DOCKER_HOST must not leak in.
    const conn = await connectEngine({ context: 'local-test', env: { DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://127.0.0.1:1' } });
    expect(conn.endpoint).toMatchObject({ source: 'flag', context: 'local-test', host: dockerStatus.host });
    const lower = Number(conn.info.daemonApiVersion.split('.')[1]) < 47 ? conn.info.daemonApiVersion : '1.47';
    expect(conn.info.apiVersion).toBe(lower);
    expect((conn.docker.modem as unknown as { version: string }).version).toBe(`v${lower}`);
    expect(Array.isArray(await conn.docker.listImages())).toBe(true);
    const viaConfig = await connectEngine({ env: { DOCKER_CONFIG: config } });
    expect(viaConfig.endpoint).toMatchObject({ source: 'config', context: 'local-test' });
  });
});
