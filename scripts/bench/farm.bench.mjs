// A farm (#14), through the built CLI as a script would run it, on the real-Portage test base:
//  - baseline: two recipes built one after the other by `gentoo-wb build` on this machine's engine;
//  - farm: the same two recipes (a cache key of their own, so they compile again) as
//    `gentoo-wb build A B --engines local,second`, the second engine a dockerd of the bench's own in a
//    network namespace (the tests' harness, loaded through Vite), reached over tcp:// with TLS; the
//    farm copies the base there and serves one shared binhost.
// On one 2-core machine both engines share the CPUs, so the ratio is the farm's overhead more than its
// gain; the farm's own time (scheduling: facts and forecasts; transfers: the base image copy and
// published packages) is printed beside it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { connectEngine } from '../../dist/engine/docker/connect.js';
import { newRecipe } from '../../dist/core/recipe/new-recipe.js';
import { benchCliEnv, realPortageImages, removeBenchObjects } from './test-images.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const COMPILE_SECONDS = process.env.BENCH_FARM_COMPILE_SECONDS ?? '10';
// Two recipes that share no package: the farm may run them at the same time.
const RECIPES = [['farm-a', ['app-misc/hello', 'dev-libs/expat']], ['farm-b', ['app-misc/newtool', 'app-misc/oldtool']]];

function run(argv, env) {
  const r = spawnSync(process.execPath, [cli, ...argv], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`gentoo-wb ${argv.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(-800)}`);
  return r.stdout;
}

/** The tests' second-engine harness (TypeScript), loaded through Vite as test-images.mjs loads the image builder. */
async function secondEngineHarness() {
  const server = await createServer({
    root: ROOT, configFile: false, logLevel: 'silent', appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true, include: [] },
  });
  const mod = await server.ssrLoadModule('/test/helpers/second-engine.ts');
  return { mod, close: () => server.close() };
}

export default async function bench() {
  const { docker } = await connectEngine();
  const { base } = await realPortageImages(docker);
  const harness = await secondEngineHarness();
  const availability = harness.mod.secondEngineAvailability();
  if (!availability.available) {
    await harness.close();
    return [{ metric: 'farm of two recipes on two engines', value: NaN, unit: 's', note: `skipped: no second engine (${availability.reason})` }];
  }
  const second = await harness.mod.startSecondEngine({});
  const { dir, env } = benchCliEnv('gwb-bench-farm-', COMPILE_SECONDS);
  const write = (name, packages, cflags, run) => {
    const r = newRecipe({ name, base, packages, tags: [], sizing: { jobs: 2, makeopts: '-j2' } });
    r.caches = { distfiles: false, binpkgs: true, ccache: false };
    r.makeConf.COMMON_FLAGS = cflags;
    const file = path.join(dir, `${name}-${run}.json`);
    writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
    return file;
  };
  try {
    run(['engines', 'add', 'second', second.tcpHost, '--tls-dir', second.clientTlsDir], env);
    // Baseline: one after the other on one engine.
    const serialFlags = `-O2 -pipe -DGWB_FARM_BENCH_SERIAL_${process.pid}`;
    const serialStarted = performance.now();
    for (const [name, packages] of RECIPES) run(['build', write(name, packages, serialFlags, 'serial'), '--json'], env);
    const serial = (performance.now() - serialStarted) / 1000;
    // The farm: a cache key of its own, so every package compiles again.
    const farmFlags = `-O2 -pipe -DGWB_FARM_BENCH_FARM_${process.pid}`;
    const files = RECIPES.map(([name, packages]) => write(name, packages, farmFlags, 'farm'));
    const farmStarted = performance.now();
    const out = run(['build', ...files, '--engines', 'local,second', '--json'], env);
    const farm = (performance.now() - farmStarted) / 1000;
    const summary = JSON.parse(out.trim().split('\n').at(-1));
    const where = summary.recipes.map((r) => `${r.recipe}@${r.engine} ${r.seconds.toFixed(0)} s (${r.actual.compiles} compiled)`).join(', ');
    const set = `${RECIPES.map(([n, p]) => `${n}: ${p.join(' ')}`).join('; ')}; compile phases of ${COMPILE_SECONDS} s; both engines on this machine's ${os.cpus().length} CPUs`;
    return [
      { metric: 'farm of two recipes on two engines vs one after another on one', value: farm, unit: 's', baseline: serial, ratio: farm / serial, target: '< 1 with CPUs of its own', note: `${set}; ${where}` },
      { metric: 'farm: scheduling (engine facts, cache keys, forecasts)', value: summary.seconds.scheduling, unit: 's', baseline: farm, ratio: summary.seconds.scheduling / farm, note: 'before the first build starts' },
      { metric: 'farm: image and package transfer', value: summary.seconds.transfer, unit: 's', baseline: farm, ratio: summary.seconds.transfer / farm, note: summary.transfers.map((t) => `${t.kind} ${t.from}→${t.to} ${(t.bytes / 1048576).toFixed(0)} MiB ${t.seconds.toFixed(1)} s`).join('; ') },
    ];
  } finally {
    await second.stop().catch(() => undefined);
    await harness.close();
    await removeBenchObjects(docker);
  }
}
