// Export throughput: gentoo-wb's export (the engine function and the built CLI) against `docker save -o`
// of the same image, runs alternated so cache and disk state are shared, each started after a sync.
// Two images, ~212 MB and ~840 MB (an image on a stage3 is about the second), built here from random
// data (import of a generated tarball) and removed at the end. Throughput is the archive's size over
// the whole time, start-up included: the CLI pays Node's start (about 60 ms here) where docker's Go
// binary pays about 20 ms, which weighs most on the small image.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import * as tar from 'tar-stream';
import { connectEngine } from '../../dist/engine/docker/connect.js';
import { exportImage } from '../../dist/engine/docker/export.js';
import { importStream } from '../../dist/engine/docker/import.js';
import { removeImage } from '../../dist/engine/docker/images.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 5);
const MB = 1e6;
const SMALL_FILES = 25;
const LARGE_FILES = Number(process.env.BENCH_EXPORT_LARGE_FILES ?? 100);
const FILE_BYTES = 8 * 1024 * 1024;

/** A root file system: busybox plus `files` files of 8 MiB, half random, half repeated text (25: ~212 MB). */
function rootfsStream(files) {
  const pack = tar.pack();
  (async () => {
    const bin = readFileSync('/usr/bin/busybox');
    pack.entry({ name: 'bin/', type: 'directory', mode: 0o755 });
    pack.entry({ name: 'bin/busybox', mode: 0o755 }, bin);
    pack.entry({ name: 'bin/sh', type: 'symlink', linkname: 'busybox' });
    pack.entry({ name: 'data/', type: 'directory', mode: 0o755 });
    const text = Buffer.from('app-misc/gentoo-wb-0.1.0 USE="-X minimal" CFLAGS="-O2 -pipe"\n'.repeat(FILE_BYTES / 64 + 1)).subarray(0, FILE_BYTES / 2);
    for (let i = 0; i < files; i++) {
      const body = Buffer.concat([randomBytes(FILE_BYTES / 2), text]);
      await new Promise((resolve, reject) => pack.entry({ name: `data/blob-${i}.bin`, mode: 0o644 }, body, (err) => (err ? reject(err) : resolve())));
    }
    pack.finalize();
  })().catch((err) => pack.destroy(err));
  return Readable.from(pack);
}

const HAVE_TIME = spawnSync('/usr/bin/time', ['-f', '%U', 'true'], { stdio: 'ignore' }).status === 0;

/** Run a command; resolves with its CPU seconds (user + system) when /usr/bin/time is there. */
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const argv = HAVE_TIME ? ['/usr/bin/time', ['-f', 'CPU %U %S', cmd, ...args]] : [cmd, args];
    const child = spawn(argv[0], argv[1], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${stderr.trim()}`));
      const m = /CPU ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve(m ? Number(m[1]) + Number(m[2]) : NaN);
    });
  });
}

/** Wall seconds and CPU seconds (the child's for commands, this process's for the engine function). */
async function timed(fn) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const childCpu = await fn();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - t) / 1000, cpu: typeof childCpu === 'number' ? childCpu : (used.user + used.system) / 1e6 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternating runs of docker save, the engine function and the built CLI on one image: median wall and CPU seconds of each, and the archive's size. */
async function measure(docker, tag, dir) {
  const times = { engine: [], cli: [], docker: [] };
  const cpu = { engine: [], cli: [], docker: [] };
  let bytes = 0;
  // Neither side fsyncs: what one run leaves dirty in the page cache is written back while the next
  // one runs. A sync (not timed) before every run gives each the same clean start.
  const settle = () => spawnSync('sync', { stdio: 'ignore' });
  for (let i = 0; i < RUNS; i++) {
    // Alternate the order each round so neither side always runs on a warmer cache.
    const order = i % 2 === 0 ? ['docker', 'engine', 'cli'] : ['cli', 'engine', 'docker'];
    for (const who of order) {
      const out = path.join(dir, `${who}-${i}.tar`);
      settle();
      const took = await timed(() => {
        if (who === 'docker') return run('docker', ['save', '-o', out, tag]);
        if (who === 'cli') return run(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'export', tag, '-o', out, '--quiet']);
        return exportImage(docker, tag, { output: out, toolVersion: 'bench' }).then(() => undefined);
      });
      const size = statSync(out).size;
      if (who === 'docker') bytes = size;
      times[who].push(took.wall);
      cpu[who].push(took.cpu);
      rmSync(out);
    }
  }
  const wall = Object.fromEntries(Object.entries(times).map(([who, xs]) => [who, median(xs)]));
  return { bytes, wall, cpu: Object.fromEntries(Object.entries(cpu).map(([who, xs]) => [who, median(xs)])) };
}

export default async function bench() {
  if (spawnSync('docker', ['version'], { stdio: 'ignore' }).status !== 0) {
    return [{ metric: 'export vs docker save', value: NaN, unit: 'ratio', note: 'skipped: no docker CLI or engine' }];
  }
  const { docker, info } = await connectEngine();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-export-'));
  const suffix = randomBytes(3).toString('hex');
  const tags = { small: `gwb-bench/export-${suffix}:small`, large: `gwb-bench/export-${suffix}:large` };
  try {
    await importStream(docker, rootfsStream(SMALL_FILES), { tag: tags.small });
    await importStream(docker, rootfsStream(LARGE_FILES), { tag: tags.large });
    const small = await measure(docker, tags.small, dir);
    const large = await measure(docker, tags.large, dir);
    const load = os.loadavg()[0].toFixed(1);
    const rows = [{ metric: 'image archive sizes', value: small.bytes / MB, unit: 'MB', note: `and ${(large.bytes / MB).toFixed(0)} MB; ${info.kind} ${info.version}, ${RUNS} alternating runs each` }];
    for (const m of [small, large]) {
      const size = `${(m.bytes / MB).toFixed(0)} MB`;
      const rate = (who) => m.bytes / MB / m.wall[who];
      const base = rate('docker');
      rows.push(
        { metric: `export throughput, engine function, ${size}`, value: rate('engine'), unit: 'MB/s', baseline: base, ratio: rate('engine') / base, target: '>= 0.95', note: `docker save -o: median ${m.wall.docker.toFixed(2)} s` },
        { metric: `export throughput, built CLI, ${size}`, value: rate('cli'), unit: 'MB/s', baseline: base, ratio: rate('cli') / base, target: '>= 0.95', note: `median ${m.wall.cli.toFixed(2)} s, node start-up included` },
      );
    }
    // The client's CPU decides the outcome on a busy host: the docker CLI splices socket to file in the
    // kernel; Node copies each read through one buffer (src/engine/docker/raw-archive-file.ts).
    rows.push({ metric: `client CPU per export, built CLI, ${(small.bytes / MB).toFixed(0)} MB`, value: small.cpu.cli, unit: 's', baseline: small.cpu.docker, note: `docker CLI's CPU as baseline; load average ${load} on ${os.cpus().length} CPUs` });
    return rows;
  } finally {
    for (const tag of Object.values(tags)) await removeImage(docker, tag, { force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
