// The second-engine harness itself, for the suites that will build there: the real-Portage base copied
// in (docker save | docker load, streamed), a container run on the second engine's own bridge inside
// its namespace, the first engine (and its docker0) untouched, a docker context that points at it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { connectDocker } from '../../helpers/docker-client.js';
import { connectEngineEntry } from '../../../src/engine/engines/connect-named.js';
import { runInImage } from '../../helpers/containers.js';
import { testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';
import { copyImage, describeSecondEngine, recordFile, startSecondEngine, sweepOrphanedEngines } from '../../helpers/second-engine.js';

describeSecondEngine('the second engine', {}, (second) => {
  it('takes the real-Portage base by a streamed save | load and runs it on its own bridge, leaving the first engine alone', async () => {
    const { base } = realPortageImages();
    const docker = connectDocker(second().unixHost).docker;
    const started = performance.now();
    const loaded = await copyImage(testDocker(), docker, base);
    process.stderr.write(`copied ${base} to the second engine in ${Math.round(performance.now() - started)} ms\n`);
    expect(loaded.tags).toEqual([base]);
    // Docker writes the container's bridge address into its /etc/hosts.
    const run = await runInImage(docker, ['cat', '/etc/os-release', '/etc/hosts'], { image: base });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Debian/);
    // docker0 of the namespace, not of the root: its 172.17.0.0/16 does not clash with the first engine's.
    expect(run.stdout).toMatch(/^172\.17\.\d+\.\d+\s/m);
    expect(existsSync('/sys/class/net/docker0')).toBe(true);
    await expect(testDocker().ping()).resolves.toBeTruthy();
    const firstIds = (await testDocker().listContainers({ all: true })).map((c) => c.Id);
    expect(firstIds).not.toContain(run.id);
  }, 300_000);

  it('is reachable through a docker context made by the docker CLI (TLS files in the context store)', async () => {
    const s = second();
    const config = mkdtempSync(path.join(os.tmpdir(), 'gwb-ctx-'));
    try {
      const tls = (f: string) => path.join(s.clientTlsDir, f);
      const made = spawnSync('docker', ['context', 'create', 'gwb-second',
        '--docker', `host=${s.tcpHost},ca=${tls('ca.pem')},cert=${tls('cert.pem')},key=${tls('key.pem')}`], { env: { ...process.env, DOCKER_CONFIG: config }, encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      const conn = await connectEngineEntry({ name: 'ctx', url: 'context:gwb-second' }, { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: 'unix:///nonexistent.sock' });
      expect(conn.endpoint).toMatchObject({ host: s.tcpHost, context: 'gwb-second', tls: { verifyServer: true } });
      expect(conn.info.rootDir).toBe(path.join(s.dir, 'data'));
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  });

  it('a later start sweeps an engine whose test process died (processes, namespace, veth, tmpfs, folder)', async () => {
    const orphan = await startSecondEngine({ ssh: true });
    const file = recordFile(orphan.dir);
    const dead = spawnSync('true').pid;
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), owner: dead }));
    const naming = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(orphan.dir);
      } catch {
        return false;
      }
    });
    expect(naming().length).toBeGreaterThanOrEqual(2);
    // The engine this file runs with belongs to a live process: left alone.
    expect(await sweepOrphanedEngines()).toEqual([orphan.dir]);
    expect(naming()).toEqual([]);
    expect(existsSync(orphan.dir)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`/run/netns/${orphan.netns}`)).toBe(false);
    expect(readFileSync('/proc/self/mounts', 'utf8')).not.toContain(orphan.dir);
    await expect(connectDocker(second().unixHost).docker.ping()).resolves.toBeTruthy();
    await orphan.stop();
  }, 120_000);
});
