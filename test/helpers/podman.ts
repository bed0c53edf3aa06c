// Podman's Docker-compatible API for the integration suite: a private `podman system service`
// (own storage under a temp folder, generated containers.conf) started per test file, and
// describeEngines() that runs one suite against Docker and Podman alike.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type Dockerode from 'dockerode';
import { resolveBasicEndpoint } from '../../src/engine/docker/client.js';
import { connectToEndpoint } from '../../src/engine/docker/connect.js';
import type { Endpoint } from '../../src/engine/docker/endpoint-types.js';
import type { EngineInfo, EngineKind } from '../../src/engine/docker/engine-info.js';
import { pingSocket, waitForExit } from './daemon-process.js';
import { dockerStatus } from './docker.js';

const required = process.env.GENTOO_WB_REQUIRE_DOCKER === '1';

export interface PodmanAvailability { available: boolean; reason: string }

let availability: PodmanAvailability | undefined;

/** Whether the podman binary runs here (checked once per test file). */
export function podmanAvailability(): PodmanAvailability {
  if (availability) return availability;
  const probe = spawnSync('podman', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  availability = probe.error
    ? { available: false, reason: `podman is not installed (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` }
    : probe.status !== 0
      ? { available: false, reason: `podman --version failed: ${probe.stderr.trim()}` }
      : { available: true, reason: '' };
  return availability;
}

export interface PodmanService {
  socketPath: string;
  host: string;
  /** Folder holding the socket, storage and containers.conf; removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

/** Unmount (deepest first) every mount point inside `dir` that this process can see. */
function unmountUnder(dir: string): void {
  let mounts: string;
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return;
  }
  const points = mounts.split('\n')
    .map((line) => (line.split(' ')[1] ?? '').replace(/\\(\d{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8))))
    .filter((p) => p.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of points) {
    const result = spawnSync('umount', [point], { encoding: 'utf8' });
    if (result.status !== 0) process.stderr.write(`podman test service: could not unmount ${point}: ${result.stderr.trim()}\n`);
  }
}

/** Start `podman system service --time=0 unix://<tmp>/podman.sock` with private storage; waits for /_ping. */
export async function startPodmanService(): Promise<PodmanService> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-podman-'));
  const conf = path.join(dir, 'containers.conf');
  // Debian's podman 4.3 fails to start containers under the default ulimits in this kind of VM;
  // events go to a file because journald may not run in CI containers.
  writeFileSync(conf, [
    '[containers]', 'default_ulimits = []', '',
    '[engine]', 'events_logger = "file"', `events_logfile_path = "${path.join(dir, 'events.log')}"`, '',
  ].join('\n'));
  // Tests pull from registries they serve on 127.0.0.1 over plain HTTP (Docker allows 127.0.0.0/8
  // by default; Podman needs it said). Nothing else is searched or reachable.
  const registries = path.join(dir, 'registries.conf');
  writeFileSync(registries, ['unqualified-search-registries = []', '', '[[registry]]', 'location = "127.0.0.1"', 'insecure = true', ''].join('\n'));
  for (const sub of ['root', 'run', 'tmp']) mkdirSync(path.join(dir, sub));
  const socketPath = path.join(dir, 'podman.sock');
  const child = spawn('podman', [
    '--root', path.join(dir, 'root'), '--runroot', path.join(dir, 'run'), '--tmpdir', path.join(dir, 'tmp'),
    'system', 'service', '--time=0', `unix://${socketPath}`,
  ], { env: { ...process.env, CONTAINERS_CONF: conf, CONTAINERS_REGISTRIES_CONF: registries }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-4000); });
  const deadline = Date.now() + 20_000;
  while (!(await pingSocket(socketPath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
      unmountUnder(dir);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`podman system service did not answer on ${socketPath}: ${stderr.trim() || `exit ${child.exitCode ?? 'none'}`}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    socketPath,
    host: `unix://${socketPath}`,
    dir,
    async stop() {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
      // Podman's overlay driver bind-mounts <root>/overlay onto itself and leaves it mounted when
      // the service exits; unmount everything under our folder before removing it.
      unmountUnder(dir);
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch (err) {
        process.stderr.write(`podman test service: could not remove ${dir}: ${(err as Error).message}\n`);
      }
    },
  };
}

/** One engine the suite runs against. */
export interface TestEngine {
  kind: EngineKind;
  docker: Dockerode;
  info: EngineInfo;
  endpoint: Endpoint;
}

interface EngineCase { kind: EngineKind; skip: string | null }

function engineCases(): EngineCase[] {
  const podman = podmanAvailability();
  return [
    { kind: 'docker', skip: dockerStatus.reachable ? null : dockerStatus.reason },
    { kind: 'podman', skip: podman.available ? null : podman.reason },
  ];
}

/**
 * Run `body` once per engine (Docker, then Podman's compat API). `engine()` is valid inside tests
 * and hooks. Skips an engine that is missing, with the reason; fails instead when
 * GENTOO_WB_REQUIRE_DOCKER=1.
 */
export function describeEngines(name: string, body: (engine: () => TestEngine) => void): void {
  const cases = engineCases();
  const runnable = cases.filter((c) => c.skip === null);
  for (const c of cases.filter((x) => x.skip !== null)) {
    if (required) {
      describe(`${name} [${c.kind}]`, () => {
        it(`needs ${c.kind} (GENTOO_WB_REQUIRE_DOCKER=1)`, () => {
          throw new Error(`GENTOO_WB_REQUIRE_DOCKER=1 but ${c.skip ?? ''}`);
        });
      });
    } else {
      describe.skip(`${name} [${c.kind}: skipped: ${c.skip ?? ''}; set GENTOO_WB_REQUIRE_DOCKER=1 to fail instead]`, () => body(() => {
        throw new Error('skipped');
      }));
    }
  }
  describe.each(runnable)(`${name} [$kind]`, (c) => {
    let current: TestEngine | undefined;
    let service: PodmanService | undefined;
    beforeAll(async () => {
      let endpoint: Endpoint;
      if (c.kind === 'podman') {
        service = await startPodmanService();
        endpoint = resolveBasicEndpoint(service.host, {});
      } else {
        endpoint = resolveBasicEndpoint();
      }
      const conn = await connectToEndpoint(endpoint);
      current = { kind: conn.info.kind, docker: conn.docker, info: conn.info, endpoint };
    });
    afterAll(async () => {
      await service?.stop();
    });
    body(() => {
      if (!current) throw new Error(`the ${c.kind} engine is not connected (beforeAll failed)`);
      return current;
    });
  });
}
