// Inspection and export on an image of 100,000 files (about 200 MB), imported here from a generated
// tarball and removed at the end:
//  - inspect (engine function: save stream → layer scan → stack → tree → packages), and the built
//    CLI's `inspect --json` (node start-up and JSON included); target < 5 s;
//  - export throughput against `docker save -o` of the same image, runs alternated so both see the
//    same cache and disk state; target >= 0.95; gzip and zstd rates for information.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import * as tar from 'tar-stream';
import { connectEngine } from '../../dist/engine/docker/connect.js';
import { exportImage } from '../../dist/engine/docker/export.js';
import { importStream } from '../../dist/engine/docker/import.js';
import { removeImage } from '../../dist/engine/docker/images.js';
import { openImageArchive } from '../../dist/engine/docker/save-load.js';
import { inspectImageContents } from '../../dist/engine/inspect/inspect-image.js';
import { zstdAvailable } from '../../dist/engine/inspect/zstd.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILES = Number(process.env.BENCH_INSPECT_FILES ?? 100_000);
const RUNS = Number(process.env.BENCH_INSPECT_RUNS ?? 3);
// Export timings swing with the host's load; more alternating rounds steady the median.
const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 5);
const MB = 1e6;

/** 100,000 files in 1,000 folders, 0-4 KiB each (random, so compression has work), plus a package database. */
function rootfsStream() {
  const pack = tar.pack();
  (async () => {
    const write = (header, body) => new Promise((resolve, reject) => pack.entry(header, body, (err) => (err ? reject(err) : resolve())));
    const pool = randomBytes(8 * 1024 * 1024);
    await write({ name: 'data/', type: 'directory', mode: 0o755 });
    const contents = [];
    for (let i = 0; i < FILES; i++) {
      if (i % 100 === 0) await write({ name: `data/d${String(i / 100).padStart(4, '0')}/`, type: 'directory', mode: 0o755 });
      const size = (i * 2654435761) % 4097;
      const offset = (i * 40503) % (pool.length - size);
      const name = `data/d${String(Math.floor(i / 100)).padStart(4, '0')}/f${String(i).padStart(6, '0')}`;
      await write({ name, mode: 0o644, size }, pool.subarray(offset, offset + size));
      if (i % 10 === 0) contents.push(`obj /${name} 0123456789abcdef0123456789abcdef 1700000000`);
    }
    // One package owning a tenth of the files, so the package pass has real work.
    for (const [key, text] of Object.entries({ CONTENTS: `${contents.join('\n')}\n`, SIZE: '1', SLOT: '0', LICENSE: 'MIT', USE: '', repository: 'gentoo' })) {
      await write({ name: `var/db/pkg/app-misc/bench-1.0/${key}`, mode: 0o644 }, Buffer.from(text));
    }
    pack.finalize();
  })().catch((err) => pack.destroy(err));
  return Readable.from(pack);
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${stderr.trim()}`))));
  });
}

async function timed(fn) {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench() {
  if (spawnSync('docker', ['version'], { stdio: 'ignore' }).status !== 0) {
    return [{ metric: 'inspect of 100,000 files', value: NaN, unit: 's', note: 'skipped: no docker CLI or engine' }];
  }
  const { docker, info } = await connectEngine();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-inspect-'));
  const tag = `gwb-bench/inspect-${randomBytes(3).toString('hex')}:latest`;
  try {
    const importSeconds = await timed(() => importStream(docker, rootfsStream(), { tag }));
    const times = { inspect: [], cli: [], drain: [] };
    let files = 0;
    let size = 0;
    for (let i = 0; i < RUNS; i++) {
      // The floor: the engine's save stream read and thrown away.
      times.drain.push(await timed(async () => {
        for await (const _chunk of await openImageArchive(docker, [tag])) { /* discard */ }
      }));
      times.inspect.push(await timed(async () => {
        const { inspection } = await inspectImageContents(docker, tag, {});
        files = inspection.files;
        size = inspection.size;
      }));
      times.cli.push(await timed(() => run(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'inspect', tag, '--json', '--quiet'])));
    }

    const exports = { docker: [], engine: [], cli: [] };
    let archiveBytes = 0;
    for (let i = 0; i < EXPORT_RUNS; i++) {
      const order = i % 2 === 0 ? ['docker', 'engine', 'cli'] : ['cli', 'engine', 'docker'];
      for (const who of order) {
        const out = path.join(dir, `${who}-${i}.tar`);
        const seconds = await timed(() => {
          if (who === 'docker') return run('docker', ['save', '-o', out, tag]);
          if (who === 'cli') return run(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'export', tag, '-o', out, '--quiet']);
          return exportImage(docker, tag, { output: out, toolVersion: 'bench' });
        });
        if (who === 'docker') archiveBytes = statSync(out).size;
        exports[who].push(seconds);
        rmSync(out);
      }
    }
    const rate = (who) => archiveBytes / MB / median(exports[who]);
    const base = rate('docker');
    const compressed = [];
    for (const compression of ['gzip', ...(zstdAvailable() ? ['zstd'] : [])]) {
      const out = path.join(dir, `c.tar.${compression}`);
      const seconds = await timed(() => exportImage(docker, tag, { output: out, compression, toolVersion: 'bench' }));
      compressed.push({ metric: `export --compress ${compression}`, value: archiveBytes / MB / seconds, unit: 'MB/s', note: `${(statSync(out).size / MB).toFixed(0)} MB written in ${seconds.toFixed(2)} s (one run)` });
      rmSync(out);
    }
    return [
      { metric: 'image under test', value: files, unit: 'files', note: `${(size / MB).toFixed(0)} MB in 1 layer, imported in ${importSeconds.toFixed(1)} s; ${info.kind} ${info.version}` },
      { metric: 'the save stream alone, read and discarded (median)', value: median(times.drain), unit: 's', note: `the floor for any inspection through docker save; ${times.drain.map((t) => t.toFixed(2)).join(', ')}` },
      { metric: 'inspect, engine function (median)', value: median(times.inspect), unit: 's', baseline: median(times.drain), ratio: median(times.inspect) / median(times.drain), target: '< 5', note: `${RUNS} runs: ${times.inspect.map((t) => t.toFixed(2)).join(', ')}` },
      { metric: 'inspect --json, built CLI (median)', value: median(times.cli), unit: 's', target: '< 5', note: `includes node start-up; ${times.cli.map((t) => t.toFixed(2)).join(', ')}` },
      { metric: 'docker save -o (median)', value: median(exports.docker), unit: 's', note: `${base.toFixed(0)} MB/s, archive ${(archiveBytes / MB).toFixed(0)} MB` },
      { metric: 'export throughput, engine function', value: rate('engine'), unit: 'MB/s', baseline: base, ratio: rate('engine') / base, target: '>= 0.95', note: `median ${median(exports.engine).toFixed(2)} s, ${EXPORT_RUNS} alternating runs` },
      { metric: 'export throughput, built CLI', value: rate('cli'), unit: 'MB/s', baseline: base, ratio: rate('cli') / base, target: '>= 0.95', note: `median ${median(exports.cli).toFixed(2)} s, includes node start-up` },
      ...compressed,
    ];
  } finally {
    await removeImage(docker, tag, { force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
