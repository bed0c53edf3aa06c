// Binary packages (#13), through the built CLI as a script would run it, on the real-Portage test base:
//  - a first build of a recipe from source fills the binary package cache of its CHOST/CFLAGS key;
//  - `gentoo-wb binhost serve` serves that cache on a Docker network the bench creates;
//  - the same packages built by a second recipe with no local cache and the served binhost installs
//    binaries fetched over HTTP: its time against the source build is the ratio (target ≤ 0.25);
//  - a second source build (a cache key of its own, so it compiles again) has the first build's record
//    as history: its forecast total against its actual total is the forecast error (target within 30 %).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectEngine } from '../../dist/engine/docker/connect.js';
import { newRecipe } from '../../dist/core/recipe/new-recipe.js';
import { BENCH_NAMESPACE, benchCliEnv, realPortageImages, removeBenchObjects } from './test-images.mjs';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const PACKAGES = (process.env.BENCH_BINHOST_PACKAGES ?? 'dev-lang/php app-misc/hello dev-libs/expat').split(/\s+/).filter(Boolean);
const COMPILE_SECONDS = process.env.BENCH_BUILD_COMPILE_SECONDS ?? '12';

function run(argv, env) {
  const r = spawnSync(process.execPath, [cli, ...argv], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    // A --json stream says what failed in its error events; print those, not the stream's tail.
    const errors = r.stdout.split('\n').filter((l) => l.includes('"type":"error"') || l.includes('"failed"')).slice(-3).join(' ');
    throw new Error(`gentoo-wb ${argv.join(' ')} exited ${r.status}: ${(errors || r.stderr || r.stdout).slice(-600)}`);
  }
  return r.stdout;
}

/** A `build --json` run: wall seconds, its closing forecast summary, and the machine's 1-minute load average at its end. */
function build(file, env) {
  const started = performance.now();
  const out = run(['build', file, '--json'], env);
  const seconds = (performance.now() - started) / 1000;
  const load = os.loadavg()[0];
  const docs = out.trim().split('\n').flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
  const summary = docs.find((d) => d.type === 'forecast-summary') ?? null;
  return { seconds, summary, load };
}

export default async function bench() {
  const { docker } = await connectEngine();
  const { base } = await realPortageImages(docker);
  const { dir, env } = benchCliEnv('gwb-bench-binhost-', COMPILE_SECONDS);
  const network = `gentoo-wb-${BENCH_NAMESPACE}-binhost-net`;
  const cflags = `-O2 -pipe -DGWB_BINHOST_BENCH_${process.pid}`;
  const write = (name, edit) => {
    const r = newRecipe({ name, base, packages: PACKAGES, tags: [], sizing: { jobs: 2, makeopts: '-j2' } });
    r.makeConf.COMMON_FLAGS = cflags;
    edit(r);
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
    return file;
  };
  try {
    await docker.createNetwork({ Name: network, Labels: { 'org.gentoo-wb.namespace': BENCH_NAMESPACE } });
    // From source, filling the cache of this CHOST/CFLAGS key.
    const publisher = write('bench-publisher', (r) => {
      r.caches = { distfiles: true, binpkgs: true, ccache: false };
    });
    const source = build(publisher, env);
    run(['binhost', 'serve', '--recipe', publisher, '--name', 'bench', '--port', '0', '--network', network], env);
    // The same packages from the served binhost only: no local cache.
    const consumer = write('bench-consumer', (r) => {
      r.caches = { distfiles: true, binpkgs: false, ccache: false };
      r.binaries = { hosts: [{ kind: 'served', name: 'bench' }], onMissing: 'compile' };
    });
    const fromBinhost = build(consumer, env);
    // From source again, built the way the first was (a cache of its own CFLAGS, so it compiles and
    // writes binary packages as the first did), now with the first build's record as history.
    const again = write('bench-again', (r) => {
      r.caches = { distfiles: true, binpkgs: true, ccache: false };
      r.makeConf.COMMON_FLAGS = `${cflags} -DGWB_AGAIN`;
    });
    const second = build(again, env);
    const f = second.summary?.forecast;
    const a = second.summary?.actual;
    const error = f && a && a.totalSeconds > 0 ? Math.abs(f.totalSeconds - a.totalSeconds) / a.totalSeconds : NaN;
    const b = fromBinhost.summary;
    const set = `${PACKAGES.join(' ')}, compile phases of ${COMPILE_SECONDS} s, --jobs 2`;
    return [
      { metric: 'first build from the served binhost vs from source', value: fromBinhost.seconds, unit: 's', baseline: source.seconds, ratio: fromBinhost.seconds / source.seconds, target: '≤ 0.25', note: `${set}; binhost: ${b?.actual?.binaries ?? '?'} binaries, ${b?.actual?.compiles ?? '?'} compiles (forecast said ${b?.forecast?.binaries ?? '?'} / ${b?.forecast?.compiles ?? '?'})` },
      { metric: 'forecast vs actual total, source build with history', value: f?.totalSeconds ?? NaN, unit: 's', baseline: a?.totalSeconds ?? NaN, ratio: f && a ? f.totalSeconds / a.totalSeconds : NaN, target: 'within 30 %', note: `error ${(error * 100).toFixed(0)} %; first package start to last package end; load average ${source.load.toFixed(1)} after the history's build, ${second.load.toFixed(1)} after this one (${os.cpus().length} CPUs)` },
    ];
  } finally {
    spawnSync(process.execPath, [cli, 'binhost', 'stop', 'bench'], { env });
    await removeBenchObjects(docker);
    await docker.getNetwork(network).remove().catch(() => undefined);
  }
}
