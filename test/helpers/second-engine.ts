// A second, real Docker Engine for the tests: Debian's `dockerd` started inside a network namespace
// this harness creates (`ip netns add gwb-<id>`, a veth pair with its own /30), with its own data
// root, exec root, pid file, config file and unix socket under a temporary folder, listening also on
// tcp://<veth address>:2376 with mutual TLS (a CA, a server certificate naming the address and a
// client certificate, all made here with openssl), and optionally an `sshd` in the same namespace so
// ssh://root@<address> works through `docker system dial-stdio`.
//
// Why a namespace: the second dockerd keeps its default bridge (docker0, iptables rules) there. A
// second dockerd in the root namespace with `--bridge=none` deletes the first engine's docker0.
// Why nsenter and not `ip netns exec`: the latter remounts /sys, and dockerd then fails with
// "Devices cgroup isn't mounted".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type Dockerode from 'dockerode';
import { loadImages, openImageArchive, type LoadResult } from '../../src/engine/docker/save-load.js';

export interface SecondEngineAvailability { available: boolean; reason: string }

/** Whether this machine can run a second engine (root, `ip netns`, dockerd, nsenter, openssl), and why not. */
export function secondEngineAvailability(): SecondEngineAvailability {
  if (process.getuid?.() !== 0) return { available: false, reason: 'needs root (network namespaces, a second dockerd)' };
  for (const [cmd, args] of [['ip', ['netns', 'list']], ['dockerd', ['--version']], ['nsenter', ['--version']], ['openssl', ['version']]] as const) {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
    if (r.error) return { available: false, reason: `${cmd} is not installed (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` };
    if (r.status !== 0) return { available: false, reason: `\`${cmd} ${args.join(' ')}\` failed: ${r.stderr.trim()}` };
  }
  return { available: true, reason: '' };
}

/** Whether sshd can be started in the namespace, and why not. */
export function sshdAvailability(): SecondEngineAvailability {
  for (const bin of ['/usr/sbin/sshd', '/usr/bin/ssh-keygen', '/usr/bin/ssh-agent', '/usr/bin/ssh-add']) {
    if (!existsSync(bin)) return { available: false, reason: `${bin} is missing (apt-get install openssh-server openssh-client)` };
  }
  return { available: true, reason: '' };
}

export interface SecondEngine {
  /** The network namespace (`gwb-<6 hex>`), removed by stop(). */
  netns: string;
  /** The folder holding everything (data root, sockets, certificates, logs), removed by stop(). */
  dir: string;
  /** The address of the namespace's end of the veth pair (where tcp:// and ssh:// listen). */
  address: string;
  /** The root namespace's end. */
  hostAddress: string;
  /** `unix://…/docker.sock` (reachable from the root namespace: sockets are files). */
  unixHost: string;
  /** `tcp://<address>:2376` with mutual TLS. */
  tcpHost: string;
  /** `tcp://<address>:2377`, where the namespace drops every packet: a host that never answers. */
  silentHost: string;
  /** The client's ca.pem, cert.pem and key.pem (give as --tls-dir). */
  clientTlsDir: string;
  /** A server CA other than this engine's: a client folder that must be refused. */
  wrongCaTlsDir: string;
  /** `ssh://root@<address>:22`, or null when sshd was not asked for or could not start (see sshReason). */
  sshHost: string | null;
  /** The ssh-agent socket holding the test key (set SSH_AUTH_SOCK to it for ssh://). */
  sshAuthSock: string | null;
  sshReason: string;
  /** Milliseconds from the first command to an engine answering on its socket (and sshd, when asked). */
  startMs: number;
  /** Kill everything, remove the namespace, the veth pair and the folder; resolves to how long it took. */
  stop(): Promise<number>;
}

export interface StartOptions {
  ssh?: boolean;
  /**
   * Size of the tmpfs that holds the data root, in MiB (default 6144; 0 puts it on disk). On this
   * machine's disk (ext4 with `discard`) removing a data root holding the real-Portage base took 25-33 s;
   * unmounting a tmpfs takes milliseconds. Memory is used only for what is written.
   */
  tmpfsMiB?: number;
  /** How long dockerd may take to answer (default 60 s). */
  timeoutMs?: number;
}

const TCP_PORT = 2376;
const SILENT_PORT = 2377;

/** Run a command (argv, no shell); throw with its stderr when it fails. */
function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...options });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.trim()}`);
  return r.stdout;
}

function inNetns(netns: string, argv: string[]): string[] {
  return [`--net=/run/netns/${netns}`, '--', ...argv];
}

/** A free /30 in 10.213.0.0/16 (root end .1, namespace end .2), not on any local interface. */
function pickSubnet(): { host: string; ns: string } {
  const used = run('ip', ['-4', '-o', 'addr', 'show']);
  for (let attempt = 0; attempt < 50; attempt++) {
    const block = randomBytes(2).readUInt16BE(0) % 16384;
    const third = block >> 6;
    const fourth = (block & 63) * 4;
    const prefix = `10.213.${third}.`;
    const host = `${prefix}${fourth + 1}`;
    const ns = `${prefix}${fourth + 2}`;
    if (!used.includes(` ${host}/`) && !used.includes(` ${ns}/`)) return { host, ns };
  }
  throw new Error('no free /30 in 10.213.0.0/16');
}

/** The CA, the server certificate (subjectAltName = the address) and the client certificate. */
function makeCertificates(dir: string, address: string): { server: Record<'ca' | 'cert' | 'key', string>; client: string; wrongCa: string } {
  const tls = path.join(dir, 'tls');
  mkdirSync(tls, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const p = (name: string) => path.join(tls, name);
  const makeCa = (name: string) => run('openssl', ['req', '-x509', ...ec, '-keyout', p(`${name}-key.pem`), '-out', p(`${name}.pem`), '-days', '2', '-subj', `/CN=gentoo-wb test ${name}`]);
  makeCa('ca');
  makeCa('other-ca');
  const sign = (name: string, subject: string, extensions: string) => {
    writeFileSync(p(`${name}.ext`), extensions);
    run('openssl', ['req', ...ec, '-keyout', p(`${name}-key.pem`), '-out', p(`${name}.csr`), '-subj', subject]);
    run('openssl', ['x509', '-req', '-in', p(`${name}.csr`), '-CA', p('ca.pem'), '-CAkey', p('ca-key.pem'), '-CAcreateserial',
      '-out', p(`${name}-cert.pem`), '-days', '2', '-extfile', p(`${name}.ext`)]);
  };
  sign('server', '/CN=gentoo-wb second engine', `subjectAltName = IP:${address}\nextendedKeyUsage = serverAuth\n`);
  sign('client', '/CN=gentoo-wb test client', 'extendedKeyUsage = clientAuth\n');
  // Client folders as the docker CLI reads them from DOCKER_CERT_PATH.
  const clientDir = (name: string, ca: string) => {
    const d = path.join(dir, name);
    mkdirSync(d);
    writeFileSync(path.join(d, 'ca.pem'), readFileSync(p(ca)));
    writeFileSync(path.join(d, 'cert.pem'), readFileSync(p('client-cert.pem')));
    writeFileSync(path.join(d, 'key.pem'), readFileSync(p('client-key.pem')), { mode: 0o600 });
    return d;
  };
  return {
    server: { ca: p('ca.pem'), cert: p('server-cert.pem'), key: p('server-key.pem') },
    client: clientDir('client-tls', 'ca.pem'),
    wrongCa: clientDir('wrong-ca-tls', 'other-ca.pem'),
  };
}

function pingSocket(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request({ socketPath, path: '/_ping', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Spawn a long-running process with its output in a log file. */
function spawnLogged(cmd: string, args: string[], log: string, env?: NodeJS.ProcessEnv): ChildProcess {
  const fd = openSync(log, 'a');
  try {
    return spawn(cmd, args, { stdio: ['ignore', fd, fd], env: env ?? process.env });
  } finally {
    closeSync(fd);
  }
}

/** Start the second engine (and sshd when asked). Throws with dockerd's log when it does not come up. */
export async function startSecondEngine(options: StartOptions = {}): Promise<SecondEngine> {
  const started = performance.now();
  const id = randomBytes(3).toString('hex');
  const netns = `gwb-${id}`;
  const vethHost = `gwb${id}h`;
  const vethNs = `gwb${id}n`;
  // Short: unix socket paths (containerd's under the exec root) are limited to 108 bytes.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-se-'));
  const children: ChildProcess[] = [];
  // Written down as it is made, so that a later run removes it if this process dies before stop().
  const record: EngineRecord = { owner: process.pid, netns: null, vethHost: null, dir };
  const track = (child: ChildProcess): void => {
    children.push(child);
  };

  const stop = async (): Promise<number> => {
    const t0 = performance.now();
    // sshd and the agent first, then dockerd (which stops its own containerd).
    for (const child of [...children].reverse()) {
      if (exited(child)) continue;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 20_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5000);
      }
    }
    removeLeftovers(record);
    return Math.round(performance.now() - t0);
  };

  try {
    const { host: hostAddress, ns: address } = pickSubnet();
    await sweepOrphanedEngines();
    writeRecord(record);
    run('ip', ['netns', 'add', netns]);
    record.netns = netns;
    writeRecord(record);
    run('ip', ['link', 'add', vethHost, 'type', 'veth', 'peer', 'name', vethNs]);
    record.vethHost = vethHost;
    writeRecord(record);
    run('ip', ['link', 'set', vethNs, 'netns', netns]);
    run('ip', ['addr', 'add', `${hostAddress}/30`, 'dev', vethHost]);
    run('ip', ['link', 'set', vethHost, 'up']);
    run('nsenter', inNetns(netns, ['ip', 'addr', 'add', `${address}/30`, 'dev', vethNs]));
    run('nsenter', inNetns(netns, ['ip', 'link', 'set', vethNs, 'up']));
    run('nsenter', inNetns(netns, ['ip', 'link', 'set', 'lo', 'up']));
    run('nsenter', inNetns(netns, ['iptables', '-I', 'INPUT', '-p', 'tcp', '--dport', String(SILENT_PORT), '-j', 'DROP']));

    const dataRoot = path.join(dir, 'data');
    mkdirSync(dataRoot);
    const tmpfsMiB = options.tmpfsMiB ?? 6144;
    if (tmpfsMiB > 0) run('mount', ['-t', 'tmpfs', '-o', `size=${tmpfsMiB}m,mode=0710`, 'gwb-second-engine', dataRoot]);
    const certs = makeCertificates(dir, address);
    const socketPath = path.join(dir, 'docker.sock');
    // Its own (empty) daemon.json: the first engine's /etc/docker/daemon.json is not this one's.
    const configFile = path.join(dir, 'daemon.json');
    writeFileSync(configFile, '{}\n');
    const dockerd = spawnLogged('nsenter', inNetns(netns, [
      'dockerd',
      '--config-file', configFile,
      '--data-root', dataRoot,
      '--exec-root', path.join(dir, 'exec'),
      '--pidfile', path.join(dir, 'dockerd.pid'),
      // Its containers' cgroups apart from the first engine's (/sys/fs/cgroup/*/docker).
      '--cgroup-parent', netns,
      '-H', `unix://${socketPath}`,
      '-H', `tcp://${address}:${TCP_PORT}`,
      '--tlsverify', '--tlscacert', certs.server.ca, '--tlscert', certs.server.cert, '--tlskey', certs.server.key,
    ]), path.join(dir, 'dockerd.log'));
    track(dockerd);
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    while (!(await pingSocket(socketPath))) {
      if (exited(dockerd)) throw new Error(`the second dockerd exited (${dockerd.exitCode ?? dockerd.signalCode}):\n${tail(path.join(dir, 'dockerd.log'))}`);
      if (Date.now() > deadline) throw new Error(`the second dockerd did not answer within ${options.timeoutMs ?? 60_000} ms:\n${tail(path.join(dir, 'dockerd.log'))}`);
      await sleep(100);
    }

    let sshHost: string | null = null;
    let sshAuthSock: string | null = null;
    let sshReason = 'sshd was not asked for';
    if (options.ssh) {
      const ssh = sshdAvailability();
      if (!ssh.available) sshReason = ssh.reason;
      else {
        const got = await startSshd(dir, netns, address, `unix://${socketPath}`, track);
        ({ sshHost, sshAuthSock, sshReason } = got);
      }
    }
    return {
      netns, dir, address, hostAddress, unixHost: `unix://${socketPath}`, tcpHost: `tcp://${address}:${TCP_PORT}`,
      silentHost: `tcp://${address}:${SILENT_PORT}`,
      clientTlsDir: certs.client, wrongCaTlsDir: certs.wrongCa, sshHost, sshAuthSock, sshReason,
      startMs: Math.round(performance.now() - started), stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** sshd in the namespace (key-only root login, the second engine as every session's DOCKER_HOST) and an agent holding the key. */
async function startSshd(dir: string, netns: string, address: string, dockerHost: string, track: (child: ChildProcess) => void):
  Promise<{ sshHost: string | null; sshAuthSock: string | null; sshReason: string }> {
  const sshDir = path.join(dir, 'ssh');
  mkdirSync(sshDir, { mode: 0o700 });
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'gentoo-wb test client', '-f', path.join(sshDir, 'id')]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'gentoo-wb test host', '-f', path.join(sshDir, 'host_key')]);
  writeFileSync(path.join(sshDir, 'authorized_keys'), readFileSync(path.join(sshDir, 'id.pub')), { mode: 0o600 });
  // sshd's privilege-separation folder; Debian's init script makes it, nothing runs that here.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  chmodSync(sshDir, 0o700);
  const config = path.join(sshDir, 'sshd_config');
  writeFileSync(config, [
    `ListenAddress ${address}`,
    'Port 22',
    `HostKey ${path.join(sshDir, 'host_key')}`,
    `AuthorizedKeysFile ${path.join(sshDir, 'authorized_keys')}`,
    `PidFile ${path.join(sshDir, 'sshd.pid')}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // The temporary folder's owner and modes are not what StrictModes wants for a home.
    'StrictModes no',
    // `docker system dial-stdio` on this side talks to the second engine, not the first.
    `SetEnv DOCKER_HOST=${dockerHost}`,
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n'));
  const sshd = spawnLogged('nsenter', inNetns(netns, ['/usr/sbin/sshd', '-D', '-e', '-f', config]), path.join(sshDir, 'sshd.log'));
  track(sshd);
  const agentSock = path.join(sshDir, 'agent.sock');
  const agent = spawnLogged('ssh-agent', ['-D', '-a', agentSock], path.join(sshDir, 'agent.log'));
  track(agent);
  const deadline = Date.now() + 10_000;
  while (!existsSync(agentSock)) {
    if (exited(agent) || Date.now() > deadline) return { sshHost: null, sshAuthSock: null, sshReason: `ssh-agent did not start: ${tail(path.join(sshDir, 'agent.log'))}` };
    await sleep(50);
  }
  run('ssh-add', ['-q', path.join(sshDir, 'id')], { env: { ...process.env, SSH_AUTH_SOCK: agentSock } });
  // sshd is ready when it answers with its banner.
  while (!(await sshBanner(address))) {
    if (exited(sshd)) return { sshHost: null, sshAuthSock: null, sshReason: `sshd exited: ${tail(path.join(sshDir, 'sshd.log'))}` };
    if (Date.now() > deadline) return { sshHost: null, sshAuthSock: null, sshReason: `sshd did not answer: ${tail(path.join(sshDir, 'sshd.log'))}` };
    await sleep(100);
  }
  return { sshHost: `ssh://root@${address}:22`, sshAuthSock: agentSock, sshReason: '' };
}

function sshBanner(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: 22, timeout: 1000 });
    socket.once('data', (d: Buffer) => { socket.destroy(); resolve(d.toString().startsWith('SSH-')); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

/** What a second engine puts on the machine, kept in RECORDS/<dir name>.json until stop() removed it. */
interface EngineRecord {
  /** The test process that started it. */
  owner: number;
  netns: string | null;
  vethHost: string | null;
  dir: string;
}

const RECORDS = '/run/gentoo-wb-test-engines';

/** The record of an engine started from `dir` (tests make an orphan by changing its owner). */
export function recordFile(dir: string): string {
  return path.join(RECORDS, `${path.basename(dir)}.json`);
}

function writeRecord(record: EngineRecord): void {
  mkdirSync(RECORDS, { recursive: true, mode: 0o700 });
  writeFileSync(recordFile(record.dir), JSON.stringify(record));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Unmount, unlink and delete what a record names (its processes already gone), then the record. */
function removeLeftovers(record: EngineRecord): void {
  const { dir } = record;
  // Mounts under the folder (the data root's tmpfs; a killed daemon's overlay mounts) go before the files.
  const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(`${dir}/`) || m === dir);
  for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m]);
  if (record.vethHost !== null) spawnSync('ip', ['link', 'del', record.vethHost]);
  if (record.netns !== null) {
    spawnSync('ip', ['netns', 'del', record.netns]);
    removeCgroups(record.netns);
  }
  // --one-file-system: a mount that could not be undone is left, never followed into another file system.
  const removed = spawnSync('rm', ['-rf', '--one-file-system', dir], { encoding: 'utf8' });
  if (existsSync(dir)) process.stderr.write(`second engine: could not remove ${dir}: ${removed.stderr.trim()}\n`);
  else rmSync(recordFile(dir), { force: true });
}

/**
 * Remove second engines whose test process died before stop() (a killed worker, Ctrl-C): their
 * processes (only those whose command line names the engine's folder), namespace, veth, tmpfs and folder.
 * Engines of live test processes, other runs' included, are left alone.
 */
export async function sweepOrphanedEngines(): Promise<string[]> {
  let files: string[];
  try {
    files = readdirSync(RECORDS).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const swept: string[] = [];
  for (const file of files) {
    let record: EngineRecord;
    try {
      record = JSON.parse(readFileSync(path.join(RECORDS, file), 'utf8')) as EngineRecord;
    } catch {
      continue;
    }
    if (isAlive(record.owner) || !record.dir.startsWith(path.join(os.tmpdir(), 'gwb-se-'))) continue;
    // dockerd, its containerd and shims, sshd and the agent all name the folder on their command line.
    const holders = () => processesNaming(record.dir);
    for (const pid of holders()) signal(pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (holders().length > 0 && Date.now() < deadline) await sleep(200);
    for (const pid of holders()) signal(pid, 'SIGKILL');
    removeLeftovers(record);
    swept.push(record.dir);
  }
  return swept;
}

function processesNaming(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone meanwhile
  }
}

/** Remove the (empty) cgroup folders dockerd made under --cgroup-parent. */
function removeCgroups(parent: string): void {
  const root = '/sys/fs/cgroup';
  let controllers: string[];
  try {
    controllers = readdirSync(root);
  } catch {
    return;
  }
  for (const c of [...controllers.map((x) => path.join(root, x, parent)), path.join(root, parent)]) {
    try {
      rmdirSync(c);
    } catch {
      // absent, or still holding a process: left for the kernel to report
    }
  }
}

/**
 * `describe` with a second engine started before its tests and stopped after; skipped with the reason
 * when this machine cannot run one (fails instead with GENTOO_WB_REQUIRE_DOCKER=1).
 */
export function describeSecondEngine(name: string, options: StartOptions, body: (engine: () => SecondEngine) => void): void {
  const availability = secondEngineAvailability();
  if (!availability.available) {
    if (process.env.GENTOO_WB_REQUIRE_DOCKER === '1') {
      describe(name, () => {
        beforeAll(() => { throw new Error(`GENTOO_WB_REQUIRE_DOCKER=1 but no second engine: ${availability.reason}`); });
        body(() => { throw new Error('no second engine'); });
      });
    } else {
      describe.skip(`${name} [skipped: no second engine: ${availability.reason}]`, () => body(() => { throw new Error('skipped'); }));
    }
    return;
  }
  describe(name, () => {
    let engine: SecondEngine | undefined;
    beforeAll(async () => {
      engine = await startSecondEngine(options);
    }, 120_000);
    afterAll(async () => {
      if (engine === undefined) return;
      const ms = await engine.stop();
      if (process.env.GWB_SECOND_ENGINE_TIMES === '1') process.stderr.write(`second engine ${engine.netns}: started in ${engine.startMs} ms, stopped in ${ms} ms\n`);
    }, 90_000);
    body(() => {
      if (engine === undefined) throw new Error('the second engine did not start');
      return engine;
    });
  });
}

/**
 * Copy an image from one engine to another, streamed (`docker save | docker load`): for tests that
 * need the real-Portage image on the second engine.
 */
export async function copyImage(from: Dockerode, to: Dockerode, image: string): Promise<LoadResult> {
  return loadImages(to, await openImageArchive(from, [image]));
}
