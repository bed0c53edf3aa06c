// `gentoo-wb engines add|list|check|remove` against a second real dockerd in a network namespace
// (test/helpers/second-engine.ts): over tcp:// with mutual TLS, over ssh://, over its unix socket;
// a closed port and a wrong CA reported in one sentence; refused input leaving the settings file as it was.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { register } from '../../src/commands/engines.js';
import { register as registerImages } from '../../src/commands/images.js';
import { connectNamedEngine } from '../../src/engine/engines/connect-named.js';
import { podmanAvailability, startPodmanService, type PodmanService } from '../helpers/podman.js';
import { testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { copyImage, describeSecondEngine } from '../helpers/second-engine.js';
import { connectDocker } from '../helpers/docker-client.js';
import { runCli } from './helpers/cli.js';

interface CheckDoc {
  name: string;
  url: string;
  reachable: boolean;
  error: string | null;
  hint: string | null;
  facts: null | { kind: string; version: string; apiVersion: string; arch: string; cpus: number; memoryBytes: number; rootDir: string; freeDiskBytes: number | null; rootless: boolean };
}

const engines = (...args: string[]) => runCli([register], ['engines', ...args]);

describeSecondEngine('gentoo-wb engines with a second engine', { ssh: true }, (second) => {
  const saved = { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
  let settingsFile = '';

  beforeAll(() => {
    // This file's own settings folder inside the run's homes: other files write settings in parallel.
    const config = path.join(inject('homes'), `engines-${randomBytes(3).toString('hex')}`);
    mkdirSync(config, { recursive: true });
    process.env.XDG_CONFIG_HOME = config;
    settingsFile = path.join(config, 'gentoo-wb', 'config.json');
    const s = second();
    if (s.sshAuthSock !== null) process.env.SSH_AUTH_SOCK = s.sshAuthSock;
    process.stderr.write(`second engine: started in ${s.startMs} ms (ssh: ${s.sshHost ?? s.sshReason})\n`);
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('adds the engine over tcp:// with the TLS folder, then checks it: it is the second engine, not the first', async () => {
    const s = second();
    const add = await engines('add', 'farm-tls', s.tcpHost, '--tls-dir', s.clientTlsDir);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^added engine farm-tls \(tcp:\/\/10\.213\.\d+\.\d+:2376, TLS files in .*client-tls\)\nit answers: Docker /);
    const saved = JSON.parse(readFileSync(settingsFile, 'utf8')) as { engines: unknown[] };
    expect(saved.engines).toEqual([{ name: 'farm-tls', url: s.tcpHost, tlsDir: s.clientTlsDir }]);

    const check = await engines('check', 'farm-tls', '--json');
    expect(check.code).toBe(0);
    const doc = JSON.parse(check.stdout) as CheckDoc;
    expect(doc).toMatchObject({ name: 'farm-tls', reachable: true, error: null, facts: { kind: 'docker', rootless: false } });
    // The data root proves which daemon answered; a remote data root's free space is not readable.
    expect(doc.facts?.rootDir).toBe(path.join(s.dir, 'data'));
    expect(doc.facts?.freeDiskBytes).toBeNull();
    expect(doc.facts?.cpus).toBeGreaterThan(0);
    expect(doc.facts?.memoryBytes).toBeGreaterThan(0);
    expect(doc.facts?.apiVersion).toMatch(/^1\.\d+$/);

    const human = await engines('check', 'farm-tls');
    expect(human.stdout).toMatch(/^reachable {2}yes \(\d+ ms\)$/m);
    expect(human.stdout).toMatch(/^kind {7}Docker \S+, API 1\.\d+/m);
  });

  it('connectNamedEngine returns a connection to the named engine that the rest of the app can use', async () => {
    const s = second();
    const conn = await connectNamedEngine('farm-tls');
    expect(conn.endpoint.host).toBe(s.tcpHost);
    expect(conn.info.rootDir).toBe(path.join(s.dir, 'data'));
    // A fresh engine: no images at all, unlike the first one.
    expect(await conn.docker.listImages()).toEqual([]);
    await expect(connectNamedEngine('no-such-engine')).rejects.toMatchObject({ kind: 'endpoint', message: 'no engine named "no-such-engine"' });
  });

  it('images --engine NAME lists the named engine\'s images (none), not the first engine\'s', async () => {
    const first = await runCli([registerImages], ['images', '--json']);
    expect((JSON.parse(first.stdout) as unknown[]).length).toBeGreaterThan(0);
    const r = await runCli([registerImages], ['images', '--engine', 'farm-tls', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const conflict = await runCli([registerImages], ['-H', second().unixHost, 'images', '--engine', 'farm-tls']);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/--engine excludes -H\/--host and --context/);
    const unknown = await runCli([registerImages], ['images', '--engine', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no engine named "nope"\n {2}hint: configured engines: farm-tls/);
  });

  it('adds the engine over ssh:// through docker system dial-stdio', async (ctx) => {
    const s = second();
    if (s.sshHost === null) ctx.skip(`no sshd: ${s.sshReason}`);
    const add = await engines('add', 'farm-ssh', s.sshHost ?? '');
    expect(add.code).toBe(0);
    // No Node deprecation noise (DEP0170, from docker-modem's ssh request URL) reaches the user.
    expect(add.stderr).toBe('');
    expect(add.stdout).toMatch(/\nit answers: Docker /);
    const doc = JSON.parse((await engines('check', 'farm-ssh', '--json')).stdout) as CheckDoc;
    expect(doc).toMatchObject({ reachable: true, facts: { kind: 'docker' } });
    expect(doc.facts?.rootDir).toBe(path.join(s.dir, 'data'));
    // Without the agent holding the key the host accepts: a login failure, said as one.
    process.env.SSH_AUTH_SOCK = path.join(s.dir, 'no-agent.sock');
    try {
      const denied = JSON.parse((await engines('check', 'farm-ssh', '--json')).stdout) as CheckDoc;
      expect(denied).toMatchObject({ reachable: false, error: `SSH to ${s.sshHost ?? ''} failed: Failed to connect to agent` });
      expect(denied.hint).toMatch(/SSH agent \(SSH_AUTH_SOCK\) holds a key/);
    } finally {
      process.env.SSH_AUTH_SOCK = s.sshAuthSock ?? '';
    }
  });

  it('adds the engine by its unix socket; free disk of a local data root is read', async () => {
    const s = second();
    expect((await engines('add', 'farm-unix', s.unixHost)).code).toBe(0);
    const doc = JSON.parse((await engines('check', 'farm-unix', '--json')).stdout) as CheckDoc;
    expect(doc).toMatchObject({ reachable: true });
    expect(doc.facts?.freeDiskBytes).toBeGreaterThan(0);
  });

  it('reports a closed port and a wrong CA in one sentence each, and lists them with the reachable ones', async () => {
    const s = second();
    // Nothing listens on 2375 in the namespace: refused at once.
    expect((await engines('add', 'closed', `tcp://${s.address}:2375`, '--tls-dir', s.clientTlsDir)).code).toBe(0);
    expect((await engines('add', 'wrong-ca', s.tcpHost, '--tls-dir', s.wrongCaTlsDir)).code).toBe(0);
    expect((await engines('add', 'silent', s.silentHost, '--tls-dir', s.clientTlsDir)).code).toBe(0);
    expect((await engines('add', 'silent2', s.silentHost.replace(/^tcp:\/\//, 'ssh://root@'))).code).toBe(0);
    const closed = await engines('check', 'closed', '--json');
    expect(closed.code).toBe(1);
    const closedDoc = JSON.parse(closed.stdout) as CheckDoc;
    expect(closedDoc.error).toBe(`connect to the engine: no engine answers at tcp://${s.address}:2375 (connection refused)`);
    const wrong = JSON.parse((await engines('check', 'wrong-ca', '--json')).stdout) as CheckDoc;
    expect(wrong.reachable).toBe(false);
    expect(wrong.error).toMatch(new RegExp(`^TLS with ${s.tcpHost.replace(/\./g, '\\.')} failed: .*\\(\\w+\\)$`));
    expect(wrong.hint).toMatch(/ca\.pem .* signed the daemon's certificate/);
    for (const text of [closedDoc.error ?? '', wrong.error ?? '']) expect(text).not.toMatch(/\n|\bat \w+ \(/);

    // All at once: two silent engines cost the timeout once, not twice. (Not shorter than 5 s: an ssh://
    // check opens one SSH connection and one `docker system dial-stdio` per request, ~1.5 s here, more under load.)
    const started = performance.now();
    const list = await engines('list', '--json', '--timeout', '5');
    expect(performance.now() - started).toBeLessThan(9500);
    expect(list.code).toBe(0);
    const docs = JSON.parse(list.stdout) as CheckDoc[];
    const down = ['closed', 'wrong-ca', 'silent', 'silent2'];
    const expected = ['farm-tls', ...(s.sshHost === null ? [] : ['farm-ssh']), 'farm-unix', ...down];
    expect(docs.map((d) => [d.name, d.reachable])).toEqual(expected.map((n) => [n, !down.includes(n)]));
    expect(docs.find((d) => d.name === 'silent')?.error).toBe(`connect to the engine: ${s.silentHost} did not answer in time`);
    const human = await engines('list');
    expect(human.stdout).toMatch(/^closed +tcp:\S+ +unreachable /m);
    expect(human.stdout).toMatch(/^closed: connect to the engine: no engine answers at .*\(connection refused\)\n {2}hint: /m);
    expect(human.stdout).toMatch(/^farm-tls +tcp:\S+ +Docker \S+ +1\.\d+ +\S+ +\d+ /m);
  });

  it('refuses bad input before saving anything: the settings file stays byte for byte', async () => {
    const s = second();
    const before = readFileSync(settingsFile);
    const refusals: [string[], RegExp][] = [
      [['add', 'bad-tls', s.tcpHost, '--tls-dir', path.join(s.dir, 'no-such-folder')], /--tls-dir .*no-such-folder: does not exist/],
      // The server's folder has no ca.pem/cert.pem/key.pem by those names.
      [['add', 'bad-tls', s.tcpHost, '--tls-dir', path.join(s.dir, 'tls')], /--tls-dir .*tls: cert\.pem does not exist; key\.pem does not exist/],
      [['add', 'farm-tls', s.tcpHost, '--tls-dir', s.clientTlsDir], /an engine named "farm-tls" exists already/],
      [['add', 'Bad Name', s.tcpHost], /"Bad Name" is not a valid engine name/],
      [['add', 'ok-name', 'http://example.org'], /unsupported scheme "http:\/\/"/],
      [['add', 'ok-name', 'unix://relative/sock'], /names no absolute socket path/],
      [['add', 'ok-name', s.unixHost, '--tls-dir', s.clientTlsDir], /--tls-dir applies only to tcp:\/\/ URLs/],
      [['add', 'ok-name', 'context:gwb-no-such-context'], /context "gwb-no-such-context" does not exist/],
    ];
    for (const [args, message] of refusals) {
      const r = await engines(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/\n {2}hint: \S/);
      expect(r.stdout).toBe('');
    }
    const missing = await engines('remove', 'no-such-engine');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no engine named "no-such-engine"\n {2}hint: configured engines: farm-tls, /);
    expect(readFileSync(settingsFile).equals(before)).toBe(true);
  });

  it('removes engines by name and keeps the others', async () => {
    const r = await engines('remove', 'closed');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`removed engine closed (tcp://${second().address}:2375); its images and containers stay on it\n`);
    expect((await engines('remove', 'silent')).code).toBe(0);
    expect((await engines('remove', 'silent2')).code).toBe(0);
    const names = (JSON.parse(readFileSync(settingsFile, 'utf8')) as { engines: { name: string }[] }).engines.map((e) => e.name);
    expect(names).not.toContain('closed');
    expect(names).not.toContain('silent');
    expect(names).toContain('farm-tls');
  });

  it('check runs the host checks\' container probe on that engine (none without an image there), and leaves no container', async () => {
    const before = JSON.parse((await engines('check', 'farm-tls', '--json')).stdout) as CheckDoc & { probe?: { state: string; reason?: string } };
    expect(before.probe).toEqual({ state: 'skipped', reason: 'no local image to run it in' });
    const docker = connectDocker(second().unixHost).docker;
    const { tree } = realPortageImages();
    await copyImage(testDocker(), docker, tree);
    try {
      const doc = JSON.parse((await engines('check', 'farm-tls', '--json')).stdout) as CheckDoc & { probe?: { state: string; image?: string } };
      expect(doc.probe).toMatchObject({ state: 'done', image: tree });
      const human = (await engines('check', 'farm-tls')).stdout;
      expect(human).toMatch(/^cgroups {4}v[12]\b/m);
      expect(human).toContain(`container  ok    Probe container ran in ${tree} (`);
      expect(human).toMatch(/^ {11}info {2}Builds use FEATURES=/m);
      expect((await engines('check', 'farm-tls', '--no-probe', '--json')).stdout).not.toContain('"probe"');
      // The probe removes itself: the second engine holds no container afterwards.
      expect(await docker.listContainers({ all: true })).toEqual([]);
    } finally {
      await docker.getImage(tree).remove({ force: true }).catch(() => undefined);
    }
  });

  it('stop() removes the namespace, the veth pair and the folder (checked by a second instance)', async () => {
    const { startSecondEngine } = await import('../helpers/second-engine.js');
    const other = await startSecondEngine();
    const stopMs = await other.stop();
    process.stderr.write(`second engine (no sshd): started in ${other.startMs} ms, stopped in ${stopMs} ms\n`);
    expect(existsSync(other.dir)).toBe(false);
    expect(existsSync(`/run/netns/${other.netns}`)).toBe(false);
    expect(existsSync(`/sys/class/net/gwb${other.netns.slice(4)}h`)).toBe(false);
  }, 120_000);
});

const podman = podmanAvailability();
(podman.available ? describe : describe.skip)(`gentoo-wb engines with a Podman socket${podman.available ? '' : ` [skipped: ${podman.reason}]`}`, () => {
  let service: PodmanService | undefined;
  const savedConfig = process.env.XDG_CONFIG_HOME;
  beforeAll(async () => {
    process.env.XDG_CONFIG_HOME = path.join(inject('homes'), `engines-podman-${randomBytes(3).toString('hex')}`);
    service = await startPodmanService();
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    if (savedConfig === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = savedConfig;
  });

  it('adds a Podman socket as unix:// and reports it as Podman', async () => {
    expect((await engines('add', 'pod', service?.host ?? '')).code).toBe(0);
    const check = await engines('check', 'pod', '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ name: 'pod', reachable: true, facts: { kind: 'podman' } });
    expect((await engines('check', 'pod')).stdout).toMatch(/^kind {7}Podman 4\./m);
  });
});
