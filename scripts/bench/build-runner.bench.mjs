// P1: a build through gentoo-wb's runner against the same emerge run by `docker run` on the same
// real-Portage test base, alternating; P2: the rebuild of an unchanged recipe (binary packages from the
// cache volume; the median of several) against its first build. Real Portage compiles the test repository's packages, each
// compile phase lasting BENCH_BUILD_COMPILE_SECONDS, so compiling is the larger part of the work, as it
// is on a real Gentoo build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBuild } from '../../dist/engine/build/runner.js';
import { connectEngine } from '../../dist/engine/docker/connect.js';
import { removeImage } from '../../dist/engine/docker/index.js';
import { newRecipe } from '../../dist/core/recipe/new-recipe.js';
import { BENCH_NAMESPACE, realPortageImages, removeBenchObjects } from './test-images.mjs';

const PACKAGES = (process.env.BENCH_BUILD_PACKAGES ?? 'dev-lang/php').split(/\s+/).filter(Boolean);
const COMPILE_SECONDS = process.env.BENCH_BUILD_COMPILE_SECONDS ?? '12';
const RUNS = Number(process.env.BENCH_BUILD_RUNS ?? 3);
const REBUILD_RUNS = Number(process.env.BENCH_REBUILD_RUNS ?? 3);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function recipeFor(stage3, tag, cflags, caches) {
  const r = newRecipe({ name: 'bench-build', base: stage3, packages: PACKAGES, tags: [tag], sizing: { jobs: 3, makeopts: '-j2' } });
  r.makeConf.COMMON_FLAGS = cflags;
  r.caches = caches;
  return r;
}

/** One gentoo-wb build to its end: seconds, the plan it ran, the binary package volume it used. */
async function gentooWbBuild(docker, recipe, env) {
  const started = performance.now();
  let error = '';
  const session = startBuild({ docker, recipe, env, sandbox: { unshare: false }, containerEnv: { GWB_TEST_COMPILE_SECONDS: COMPILE_SECONDS }, onEvents: (es) => { for (const e of es) if (e.type === 'error') error = e.message; } });
  const outcome = await session.outcome;
  const seconds = (performance.now() - started) / 1000;
  if (outcome.kind !== 'succeeded') throw new Error(`gentoo-wb build ${outcome.kind}: ${error}`);
  const plan = JSON.parse(readFileSync(session.files.plan, 'utf8'));
  const binpkgs = plan.container.mounts.find((m) => m.kind === 'volume' && m.role === 'binpkgs')?.name ?? null;
  return { seconds, plan, binpkgs };
}

/** The plan's emerge step, run by hand: `docker run --rm -e … IMAGE emerge …`. */
function dockerRunBuild(stage3, step) {
  const env = { ...step.env, GWB_TEST_COMPILE_SECONDS: COMPILE_SECONDS };
  const args = ['run', '--rm', ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), stage3, ...step.argv];
  const started = performance.now();
  const r = spawnSync('docker', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`docker run ${step.argv.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-300)}`);
  return (performance.now() - started) / 1000;
}

export default async function bench() {
  const { docker } = await connectEngine();
  const { base: stage3 } = await realPortageImages(docker);
  const env = { ...process.env, GENTOO_WB_NAMESPACE: BENCH_NAMESPACE, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-build-')) };
  const tag = `gentoo-wb-bench/build:${process.pid}`;
  try {
    // P1: no cache volumes on either side, so both compile everything every time.
    const noCache = { distfiles: false, binpkgs: false, ccache: false };
    const ours = [];
    const theirs = [];
    let step = null;
    for (let i = 0; i < RUNS; i++) {
      const r = await gentooWbBuild(docker, recipeFor(stage3, tag, '-O2 -pipe', noCache), env);
      ours.push(r.seconds);
      step ??= r.plan.steps[0];
      theirs.push(dockerRunBuild(stage3, step));
    }
    const p1 = median(ours);
    const p1Base = median(theirs);

    // P2: one fresh binary package cache; the first build fills it, the unchanged rebuild uses it.
    const cached = { distfiles: true, binpkgs: true, ccache: false };
    const cflags = `-O2 -pipe -DGWB_BENCH_${process.pid}`;
    const first = await gentooWbBuild(docker, recipeFor(stage3, tag, cflags, cached), env);
    // A rebuild lasts seconds, so one sample is mostly noise: the median of several.
    const rebuilds = [];
    for (let i = 0; i < REBUILD_RUNS; i++) rebuilds.push((await gentooWbBuild(docker, recipeFor(stage3, tag, cflags, cached), env)).seconds);
    const again = median(rebuilds);

    const set = `${PACKAGES.join(' ')} on real Portage, compile phases of ${COMPILE_SECONDS} s`;
    return [
      { metric: 'P1 build through gentoo-wb (median)', value: p1, unit: 's', baseline: p1Base, ratio: p1 / p1Base, target: '≤ 1.02', note: `${set}; baseline: the plan's emerge argv by docker run --rm; runs alternate, ${RUNS} each; gentoo-wb adds base facts, upload, commit` },
      { metric: 'P2 rebuild of the unchanged recipe (median)', value: again, unit: 's', baseline: first.seconds, ratio: again / first.seconds, target: '≤ 0.15', note: `binary packages from the cache volume keyed by CHOST + CFLAGS; ${REBUILD_RUNS} rebuilds ${Math.min(...rebuilds).toFixed(2)}–${Math.max(...rebuilds).toFixed(2)} s after one first build` },
    ];
  } finally {
    await removeImage(docker, tag, { force: true }).catch(() => undefined);
    await removeBenchObjects(docker);
  }
}
