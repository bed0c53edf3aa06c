// Engine names and URLs as `engines add` reads them, and their endpoints through the shared resolver:
// contexts from a docker config folder, tcp:// with a TLS folder, the user's DOCKER_* variables ignored.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { resolveEngineEndpoint } from '../../../src/engine/engines/engine-endpoint.js';
import { checkEngineName, normalEngineUrl, parseEngineUrl } from '../../../src/engine/engines/engine-spec.js';

/** Docker's context store keeps a context under the sha256 (hex) of its name. */
const contextDirName = (name: string) => createHash('sha256').update(name, 'utf8').digest('hex');

describe('engine names', () => {
  it.each(['a', 'build-arm64', 'x86_64.box', '0', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(checkEngineName(name)).toEqual({ ok: true, value: name });
  });
  it.each(['', 'Bad', '-x', '.x', 'a b', 'a/b', 'a:b', 'a'.repeat(64), 'é', 'a\u001b[2J'])('refuses %j with a hint', (name) => {
    const r = checkEngineName(name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.hint).toMatch(/lower-case letters, digits/);
  });
});

describe('engine URLs', () => {
  it.each([
    ['context:remote', 'context:remote'],
    ['remote', 'context:remote'],
    ['ssh://builder@10.0.0.2:2222', 'ssh://builder@10.0.0.2:2222'],
    ['tcp://box:2376', 'tcp://box:2376'],
    ['unix:///run/user/1000/podman/podman.sock', 'unix:///run/user/1000/podman/podman.sock'],
    ['unix:///run//docker.sock', 'unix:///run/docker.sock'],
  ])('reads %s as %s', (raw, normal) => {
    const r = parseEngineUrl(raw);
    expect(r.ok).toBe(true);
    if (r.ok) expect(normalEngineUrl(r.value)).toBe(normal);
  });
  it.each([
    ['', /empty/],
    ['box:2376', /cannot read "box:2376" as an engine URL/],
    ['http://box', /unsupported scheme "http:\/\/"/],
    ['unix://relative.sock', /no absolute socket path/],
    ['tcp://', /names no host/],
    ['context:-bad', /does not name a docker context/],
    ['ssh://10.0.0.2', /names no user/],
  ])('refuses %j', (raw, message) => {
    const r = parseEngineUrl(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      expect(r.hint).not.toBe('');
    }
  });
});

describe('endpoints of configured engines', () => {
  const config = mkdtempSync(path.join(os.tmpdir(), 'gwb-engines-ctx-'));
  afterAll(() => rmSync(config, { recursive: true, force: true }));
  const meta = path.join(config, 'contexts', 'meta', contextDirName('remote'));
  mkdirSync(meta, { recursive: true });
  writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: 'remote', Endpoints: { docker: { Host: 'unix:///srv/remote.sock', SkipTLSVerify: false } } }));
  // The user's own choice of engine must not leak into a named one.
  const env = { DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://elsewhere:2375', DOCKER_CONTEXT: 'other', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nowhere', HOME: config };

  it('reads a context from the docker context store', () => {
    const r = resolveEngineEndpoint({ name: 'r', url: 'context:remote' }, env);
    expect(r.ok && r.endpoint).toMatchObject({ host: 'unix:///srv/remote.sock', context: 'remote', tls: null });
  });

  it('names a missing context', () => {
    const r = resolveEngineEndpoint({ name: 'r', url: 'context:gone' }, env);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/context "gone" does not exist/);
  });

  it('uses the TLS folder for tcp:// and verifies the server, as DOCKER_TLS_VERIFY=1 does', () => {
    const tls = path.join(config, 'tls');
    mkdirSync(tls);
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(tls, f), `${f}\n`);
    const r = resolveEngineEndpoint({ name: 't', url: 'tcp://box:2376', tlsDir: tls }, env);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.endpoint.host).toBe('tcp://box:2376');
    expect(r.endpoint.tls).toMatchObject({ verifyServer: true, certDir: tls });
    expect(r.endpoint.tls?.ca?.toString()).toBe('ca.pem\n');
    expect(r.endpoint.warnings).toEqual([]);
  });

  it('plain tcp:// without a TLS folder stays plain (and warns), whatever DOCKER_TLS_VERIFY says', () => {
    const r = resolveEngineEndpoint({ name: 't', url: 'tcp://box:2375' }, env);
    expect(r.ok && r.endpoint.tls).toBeNull();
    expect(r.ok && r.endpoint.warnings.map((w) => w.code)).toEqual(['tcp-without-tls']);
  });

  it('ssh:// authenticates through the agent in SSH_AUTH_SOCK', () => {
    const r = resolveEngineEndpoint({ name: 's', url: 'ssh://root@10.0.0.2' }, { ...env, SSH_AUTH_SOCK: '/tmp/agent.sock' });
    expect(r.ok && r.endpoint).toMatchObject({ host: 'ssh://root@10.0.0.2:22', sshAgent: '/tmp/agent.sock' });
  });
});
