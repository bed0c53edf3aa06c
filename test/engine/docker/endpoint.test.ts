// Endpoint resolution rules, one row per rule of the docker CLI's precedence, against a real
// temporary DOCKER_CONFIG holding contexts and TLS files.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realFiles } from '../../../src/engine/docker/client.js';
import { createHash } from 'node:crypto';
import { resolveEndpoint } from '../../../src/engine/docker/endpoint.js';
import type { Endpoint, EndpointResolution, EndpointSource } from '../../../src/engine/docker/endpoint-types.js';

/** Docker's context store keeps a context under the sha256 (hex) of its name. */
const contextDirName = (name: string) => createHash('sha256').update(name, 'utf8').digest('hex');

const root = mkdtempSync(path.join(os.tmpdir(), 'gwb-endpoint-'));
const configDir = path.join(root, 'docker-config');
const home = path.join(root, 'home');
const certDir = path.join(root, 'certs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeContext(name: string, host: string, opts: { skipTlsVerify?: boolean; tls?: Record<string, string>; dir?: string } = {}): void {
  const dir = opts.dir ?? configDir;
  const meta = path.join(dir, 'contexts', 'meta', contextDirName(name));
  mkdirSync(meta, { recursive: true });
  writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({
    Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skipTlsVerify ?? false } },
  }));
  if (opts.tls) {
    const tlsDir = path.join(dir, 'contexts', 'tls', contextDirName(name), 'docker');
    mkdirSync(tlsDir, { recursive: true });
    for (const [file, text] of Object.entries(opts.tls)) writeFileSync(path.join(tlsDir, file), text);
  }
}

mkdirSync(configDir, { recursive: true });
mkdirSync(home, { recursive: true });
mkdirSync(certDir, { recursive: true });
writeFileSync(path.join(certDir, 'ca.pem'), 'CA-FROM-CERT-PATH');
writeFileSync(path.join(certDir, 'cert.pem'), 'CERT-FROM-CERT-PATH');
writeFileSync(path.join(certDir, 'key.pem'), 'KEY-FROM-CERT-PATH');
writeContext('remote-tls', 'tcp://builder.example:2376', { tls: { 'ca.pem': 'CTX-CA', 'cert.pem': 'CTX-CERT', 'key.pem': 'CTX-KEY' } });
writeContext('insecure', 'tcp://10.0.0.9:2376', { skipTlsVerify: true });
writeContext('podman-local', 'unix:///run/user/1000/podman/podman.sock');
writeContext('from-config', 'ssh://builder@gentoo.example:2222');
writeContext('broken-host', 'ftp://nope');
// A home without DOCKER_CONFIG: ~/.docker/config.json names a context stored there.
const homeWithConfig = path.join(root, 'home2');
writeContext('home-ctx', 'unix:///home-ctx.sock', { dir: path.join(homeWithConfig, '.docker') });
writeFileSync(path.join(homeWithConfig, '.docker', 'config.json'), JSON.stringify({ currentContext: 'home-ctx' }));
const badConfigDir = path.join(root, 'bad-config');
mkdirSync(badConfigDir);
writeFileSync(path.join(badConfigDir, 'config.json'), '{ not json');
const currentConfigDir = path.join(root, 'current-config');
writeContext('from-config', 'ssh://builder@gentoo.example:2222', { dir: currentConfigDir });
writeFileSync(path.join(currentConfigDir, 'config.json'), JSON.stringify({ currentContext: 'from-config', auths: {} }));

interface Row {
  name: string;
  flagHost?: string;
  flagContext?: string;
  env: Record<string, string>;
  homeDir?: string;
  expect: { host: string; source: EndpointSource; context: string | null; warnings?: string[] };
}

const rows: Row[] = [
  { name: 'nothing set: the default socket', env: { DOCKER_CONFIG: configDir },
    expect: { host: 'unix:///var/run/docker.sock', source: 'default', context: 'default', warnings: [] } },
  { name: '-H flag', flagHost: 'unix:///tmp/x.sock', env: { DOCKER_CONFIG: configDir },
    expect: { host: 'unix:///tmp/x.sock', source: 'flag', context: null } },
  { name: '-H beats DOCKER_HOST and DOCKER_CONTEXT', flagHost: 'unix:///flag.sock', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'podman-local' },
    expect: { host: 'unix:///flag.sock', source: 'flag', context: null, warnings: [] } },
  { name: '--context flag beats DOCKER_HOST', flagContext: 'podman-local', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix:///env.sock' },
    expect: { host: 'unix:///run/user/1000/podman/podman.sock', source: 'flag', context: 'podman-local' } },
  { name: 'DOCKER_HOST', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix:///env.sock' },
    expect: { host: 'unix:///env.sock', source: 'DOCKER_HOST', context: null, warnings: [] } },
  { name: 'DOCKER_HOST and DOCKER_CONTEXT: DOCKER_HOST wins with a warning', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'podman-local' },
    expect: { host: 'unix:///env.sock', source: 'DOCKER_HOST', context: null, warnings: ['host-and-context'] } },
  { name: 'DOCKER_CONTEXT', env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'podman-local' },
    expect: { host: 'unix:///run/user/1000/podman/podman.sock', source: 'DOCKER_CONTEXT', context: 'podman-local', warnings: [] } },
  { name: 'DOCKER_CONTEXT=default is the default endpoint', env: { DOCKER_CONFIG: currentConfigDir, DOCKER_CONTEXT: 'default' },
    expect: { host: 'unix:///var/run/docker.sock', source: 'DOCKER_CONTEXT', context: 'default' } },
  { name: 'DOCKER_CONTEXT beats currentContext', env: { DOCKER_CONFIG: currentConfigDir, DOCKER_CONTEXT: 'default' },
    expect: { host: 'unix:///var/run/docker.sock', source: 'DOCKER_CONTEXT', context: 'default' } },
  { name: 'currentContext in $DOCKER_CONFIG/config.json (ssh)', env: { DOCKER_CONFIG: currentConfigDir, SSH_AUTH_SOCK: '/tmp/agent.sock' },
    expect: { host: 'ssh://builder@gentoo.example:2222', source: 'config', context: 'from-config', warnings: [] } },
  { name: 'currentContext in ~/.docker/config.json when DOCKER_CONFIG is unset', env: {}, homeDir: homeWithConfig,
    expect: { host: 'unix:///home-ctx.sock', source: 'config', context: 'home-ctx' } },
  { name: 'unreadable config.json: warning, then the default', env: { DOCKER_CONFIG: badConfigDir },
    expect: { host: 'unix:///var/run/docker.sock', source: 'default', context: 'default', warnings: ['config-unreadable'] } },
  { name: 'empty DOCKER_HOST counts as unset', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: '' },
    expect: { host: 'unix:///var/run/docker.sock', source: 'default', context: 'default' } },
  { name: 'unix:// alone means the default socket', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix://' },
    expect: { host: 'unix:///var/run/docker.sock', source: 'DOCKER_HOST', context: null } },
  { name: 'no scheme means tcp on 2375, and plain tcp is warned about', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: '192.0.2.7' },
    expect: { host: 'tcp://192.0.2.7:2375', source: 'DOCKER_HOST', context: null, warnings: ['tcp-without-tls'] } },
  { name: 'tcp://:2376 means localhost', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'tcp://:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir },
    expect: { host: 'tcp://localhost:2376', source: 'DOCKER_HOST', context: null, warnings: [] } },
  { name: 'IPv6 tcp host', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'tcp://[::1]:2375' },
    expect: { host: 'tcp://[::1]:2375', source: 'DOCKER_HOST', context: null, warnings: ['tcp-without-tls'] } },
  { name: 'DOCKER_TLS_VERIFY without DOCKER_HOST: tcp://localhost:2376', env: { DOCKER_CONFIG: configDir, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir },
    expect: { host: 'tcp://localhost:2376', source: 'default', context: 'default', warnings: [] } },
  { name: 'DOCKER_TLS_VERIFY other than 1 still turns TLS on, with a warning', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: 'yes', DOCKER_CERT_PATH: certDir },
    expect: { host: 'tcp://h:2376', source: 'DOCKER_HOST', context: null, warnings: ['tls-verify-not-1'] } },
  { name: 'DOCKER_TLS without verify: TLS, server unchecked', env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: certDir },
    expect: { host: 'tcp://h:2376', source: 'DOCKER_HOST', context: null, warnings: ['tls-without-server-verify'] } },
  { name: 'context with TLS files', flagContext: 'remote-tls', env: { DOCKER_CONFIG: configDir },
    expect: { host: 'tcp://builder.example:2376', source: 'flag', context: 'remote-tls', warnings: [] } },
  { name: 'context with SkipTLSVerify and no files', env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'insecure' },
    expect: { host: 'tcp://10.0.0.9:2376', source: 'DOCKER_CONTEXT', context: 'insecure', warnings: ['tls-without-server-verify', 'tls-without-client-cert'] } },
  { name: 'ssh without agent, user or path', flagHost: 'ssh://gentoo.example/run/docker.sock', env: { DOCKER_CONFIG: configDir, USER: 'larry' },
    expect: { host: 'ssh://gentoo.example:22/run/docker.sock', source: 'flag', context: null, warnings: ['ssh-no-agent', 'ssh-path-ignored'] } },
];

function resolveRow(row: Row): EndpointResolution {
  return resolveEndpoint({ flagHost: row.flagHost, flagContext: row.flagContext, env: row.env, homeDir: row.homeDir ?? home, files: realFiles });
}

function ok(res: EndpointResolution): Endpoint {
  if (!res.ok) throw new Error(`expected success, got ${res.error.code}: ${res.error.message}`);
  return res.endpoint;
}

describe('resolveEndpoint rules', () => {
  it.each(rows)('$name', (row) => {
    const endpoint = ok(resolveRow(row));
    expect({ host: endpoint.host, source: endpoint.source, context: endpoint.context }).toEqual({
      host: row.expect.host, source: row.expect.source, context: row.expect.context,
    });
    if (row.expect.warnings) expect(endpoint.warnings.map((w) => w.code)).toEqual(row.expect.warnings);
  });

  it('reads a context\'s TLS files from contexts/tls/<sha256>/docker and verifies the server', () => {
    const endpoint = ok(resolveEndpoint({ flagContext: 'remote-tls', env: { DOCKER_CONFIG: configDir }, homeDir: home, files: realFiles }));
    expect(endpoint.address).toEqual({ kind: 'tcp', host: 'builder.example', port: 2376 });
    expect(endpoint.tls?.verifyServer).toBe(true);
    expect(endpoint.tls?.ca?.toString()).toBe('CTX-CA');
    expect(endpoint.tls?.cert?.toString()).toBe('CTX-CERT');
    expect(endpoint.tls?.key?.toString()).toBe('CTX-KEY');
    expect(endpoint.tls?.certDir).toBe(path.join(configDir, 'contexts', 'tls', contextDirName('remote-tls'), 'docker'));
  });

  it('a context ignores DOCKER_CERT_PATH; the default endpoint reads it', () => {
    const env = { DOCKER_CONFIG: configDir, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir };
    const ctx = ok(resolveEndpoint({ flagContext: 'remote-tls', env, homeDir: home, files: realFiles }));
    expect(ctx.tls?.ca?.toString()).toBe('CTX-CA');
    const def = ok(resolveEndpoint({ env, homeDir: home, files: realFiles }));
    expect(def.tls?.ca?.toString()).toBe('CA-FROM-CERT-PATH');
    expect(def.tls?.key?.toString()).toBe('KEY-FROM-CERT-PATH');
  });

  it('TLS settings are dropped for unix sockets even when DOCKER_TLS_VERIFY is set', () => {
    const endpoint = ok(resolveEndpoint({ flagHost: 'unix:///x.sock', env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir }, homeDir: home, files: realFiles }));
    expect(endpoint.tls).toBeNull();
  });

  it('ssh: user from the URL or $USER, port, agent from SSH_AUTH_SOCK', () => {
    const fromUrl = ok(resolveEndpoint({ env: { DOCKER_CONFIG: currentConfigDir, SSH_AUTH_SOCK: '/tmp/agent.sock', USER: 'other' }, homeDir: home, files: realFiles }));
    expect(fromUrl.address).toEqual({ kind: 'ssh', host: 'gentoo.example', port: 2222, username: 'builder', remotePath: null });
    expect(fromUrl.sshAgent).toBe('/tmp/agent.sock');
    const fromEnv = ok(resolveEndpoint({ flagHost: 'ssh://gentoo.example', env: { USER: 'larry', SSH_AUTH_SOCK: '/a' }, homeDir: home, files: realFiles }));
    expect(fromEnv.address).toMatchObject({ username: 'larry', port: 22 });
  });

  it('refuses --context together with -H', () => {
    const res = resolveEndpoint({ flagHost: 'unix:///x', flagContext: 'remote-tls', env: {}, homeDir: home, files: realFiles });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('flag-conflict');
  });

  it.each([
    ['a context without meta.json', { flagContext: 'ghost' }, 'context-not-found', 'ghost'],
    ['DOCKER_CONTEXT naming a missing context', { env: { DOCKER_CONTEXT: 'ghost' } }, 'context-not-found', 'ghost'],
    ['a context whose host has an unknown scheme', { flagContext: 'broken-host' }, 'unsupported-scheme', 'broken-host'],
    ['npipe:// on Linux', { flagHost: 'npipe:////./pipe/docker_engine' }, 'unsupported-scheme', null],
    ['a tcp host with a path', { env: { DOCKER_HOST: 'tcp://h:2375/sub' } }, 'bad-host', null],
    ['a password in an ssh URL', { flagHost: 'ssh://u:secret@h' }, 'bad-host', null],
  ] as const)('fails on %s', (_name, input, code, context) => {
    const env = { DOCKER_CONFIG: configDir, ...('env' in input ? input.env : {}) };
    const res = resolveEndpoint({
      flagHost: 'flagHost' in input ? input.flagHost : undefined,
      flagContext: 'flagContext' in input ? input.flagContext : undefined,
      env, homeDir: home, files: realFiles,
    });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe(code);
      expect(res.error.context).toBe(context);
      expect(res.error.hint.length).toBeGreaterThan(10);
    }
  });

  it('reports an unreadable TLS file instead of connecting without it', () => {
    const files = {
      read: (p: string) => (p.endsWith('key.pem') ? { ok: false as const, code: 'EACCES' } : realFiles.read(p)),
    };
    const res = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir }, homeDir: home, files });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('tls-unreadable');
      expect(res.error.message).toContain('key.pem (EACCES)');
    }
  });
});
