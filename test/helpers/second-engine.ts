// A second, real Docker Engine for the tests: Debian's `dockerd` started inside a network namespace
// this harness creates (`ip netns add gwb-<id>`, a veth pair with its own /30), with its own data
// root, exec root, pid file, config file and unix socket under a temporary folder, listening also on
// tcp://<veth address>:2376 with mutual TLS (a CA, a server certificate naming the address and a
// client certificate, all made here with openssl), and optionally an `sshd` in the same namespace so
// ssh://root@<address> works through `docker system dial-stdio`. The data root is a tmpfs (stop takes
// about a second); everything made is recorded so a later start removes an engine whose test died.
//
// Why a namespace: the second dockerd keeps its default bridge (docker0, iptables rules) there. A
// second dockerd in the root namespace with `--bridge=none` deletes the first engine's docker0.
// Why nsenter and not `ip netns exec`: the latter remounts /sys, and dockerd then fails with
// "Devices cgroup isn't mounted".
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type Dockerode from 'dockerode';
import { loadImages, openImageArchive, type LoadResult } from '../../src/engine/docker/save-load.js';
import { endProcessesNaming, removeLeftovers, sweepOrphanedEngines, writeRecord, type EngineRecord } from './second-engine-leftovers.js';
import { exited, pingSocket, waitForExit } from './daemon-process.js';
import { inNetns, run, sleep, spawnLogged, tail } from './second-engine-proc.js';
import { startSshd } from './second-engine-sshd.js';
import { makeCertificates } from './second-engine-tls.js';

export { recordFile, sweepOrphanedEngines } from './second-engine-leftovers.js';

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
  /** `kill -9` the dockerd, as a crash would: its containerd and the containers' shims live on. */
  killDockerd(): Promise<void>;
  /** Start dockerd again on the same data root, exec root and sockets; resolves to the ms until it answers. */
  restartDockerd(): Promise<number>;
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
    // A killed dockerd leaves its containerd and shims behind (restartDockerd's dockerd adopts them, not always).
    await endProcessesNaming(dir);
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
    const dockerdArgv = inNetns(netns, [
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
    ]);
    let dockerd: ChildProcess | null = null;
    const startDockerd = async (): Promise<number> => {
      const t0 = performance.now();
      const child = spawnLogged('nsenter', dockerdArgv, path.join(dir, 'dockerd.log'));
      dockerd = child;
      track(child);
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      while (!(await pingSocket(socketPath))) {
        if (exited(child)) throw new Error(`the second dockerd exited (${child.exitCode ?? child.signalCode}):\n${tail(path.join(dir, 'dockerd.log'))}`);
        if (Date.now() > deadline) throw new Error(`the second dockerd did not answer within ${options.timeoutMs ?? 60_000} ms:\n${tail(path.join(dir, 'dockerd.log'))}`);
        await sleep(100);
      }
      return Math.round(performance.now() - t0);
    };
    // nsenter execs dockerd: the child's pid is dockerd's.
    const killDockerd = async (): Promise<void> => {
      const child: ChildProcess | null = dockerd;
      if (child === null || exited(child)) return;
      child.kill('SIGKILL');
      await waitForExit(child, 10_000);
    };
    // After a kill the old containerd may still hold its socket: dockerd then gives up on it ("timeout
    // waiting for containerd to start", seen on a busy 2-core machine) and exits; once more is enough.
    const restartDockerd = async (): Promise<number> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await startDockerd();
        } catch (err) {
          if (attempt >= 3 || !/failed to start containerd/.test((err as Error).message)) throw err;
        }
      }
    };
    await startDockerd();

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
      startMs: Math.round(performance.now() - started), stop, killDockerd, restartDockerd,
    };
  } catch (err) {
    await stop();
    throw err;
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
