// P7: the size of a scratch image (only what the packages install, plus the C library) against the
// commit-mode image of the same package set, built in the same run from the same real-Portage test base;
// the stage4 and minimal images of that set beside them. Every image is built by gentoo-wb's own
// runner (dist/) with short compile phases, then removed. Runs outside vitest, so it builds (or finds)
// the test images with the fixture's builder, loaded through Vite (TypeScript).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_NAMESPACE, realPortageImages, removeBenchObjects } from './test-images.mjs';
import { connectEngine } from '../../dist/engine/docker/connect.js';
import { inspectImage, removeImage } from '../../dist/engine/docker/index.js';
import { startBuild } from '../../dist/engine/build/runner.js';
import { newRecipe } from '../../dist/core/recipe/new-recipe.js';
import { recipeSchema } from '../../dist/core/recipe/recipe-schema.js';

/** The package set: libraries with a program; BENCH_MODES_PACKAGES picks another (dev-lang/php works too). */
const PACKAGES = (process.env.BENCH_MODES_PACKAGES ?? 'dev-libs/libxml2 dev-libs/expat app-misc/hello').split(/\s+/).filter(Boolean);
const COMPILE_SECONDS = process.env.BENCH_MODES_COMPILE_SECONDS ?? '0';

/** Build one mode of the set with gentoo-wb's runner; its image size, layers, seconds and record extras. */
async function buildMode(docker, stage3, mode, tag, env) {
  const base = newRecipe({ name: `bench-${mode.kind}`, base: stage3, packages: PACKAGES, tags: [tag], sizing: { jobs: 3, makeopts: '-j2' } });
  // A binary package cache of this run only: every mode compiles, none reuses another's packages.
  base.makeConf.COMMON_FLAGS = `-O2 -pipe -DGWB_BENCH_${process.pid}`;
  const recipe = recipeSchema.parse({ ...base, mode });
  const started = performance.now();
  let lastError = '';
  const session = startBuild({
    docker, recipe, env, containerEnv: { GWB_TEST_COMPILE_SECONDS: COMPILE_SECONDS },
    onEvents: (events) => { for (const e of events) if (e.type === 'error') lastError = e.message; },
  });
  const outcome = await session.outcome;
  const seconds = (performance.now() - started) / 1000;
  if (outcome.kind !== 'succeeded') throw new Error(`the ${mode.kind} build of ${PACKAGES.join(' ')} ended ${outcome.kind}: ${lastError}`);
  const image = await inspectImage(docker, tag);
  const record = JSON.parse(readFileSync(session.files.record, 'utf8'));
  return { size: image.size, layers: image.layers.length, seconds, extras: record.extras ?? {} };
}

const mb = (bytes) => bytes / 1e6;

export default async function bench() {
  if (spawnSync('docker', ['version'], { stdio: 'ignore' }).status !== 0) {
    return [{ metric: 'P7 scratch vs commit image size', value: NaN, unit: 'ratio', note: 'skipped: no docker CLI or engine' }];
  }
  const { docker } = await connectEngine();
  const { base } = await realPortageImages(docker);
  const stateHome = mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-modes-'));
  const env = { ...process.env, GENTOO_WB_NAMESPACE: BENCH_NAMESPACE, XDG_STATE_HOME: stateHome };
  const tags = {
    commit: `gentoo-wb-bench/modes-commit:${process.pid}`,
    scratch: `gentoo-wb-bench/modes-scratch:${process.pid}`,
    stage4: `gentoo-wb-bench/modes-stage4:${process.pid}`,
    minimal: `gentoo-wb-bench/modes-minimal:${process.pid}`,
  };
  try {
    // The baseline first, then the others, all in this run from the same base.
    const commit = await buildMode(docker, base, { kind: 'commit' }, tags.commit, env);
    const scratch = await buildMode(docker, base, { kind: 'scratch' }, tags.scratch, env);
    const stage4 = await buildMode(docker, base, { kind: 'stage4', march: 'native', optimize: '-O2' }, tags.stage4, env);
    const minimal = await buildMode(docker, base, { kind: 'minimal' }, tags.minimal, env);
    const set = `${PACKAGES.join(' ')} on the real-Portage test base`;
    const rootCheck = scratch.extras.rootCheck;
    const packages = Array.isArray(scratch.extras.packages) ? scratch.extras.packages.length : 0;
    return [
      {
        metric: 'P7 scratch image vs commit-mode image (same set)', value: mb(scratch.size), unit: 'MB', baseline: mb(commit.size), ratio: scratch.size / commit.size, target: '<= 0.10',
        note: `${set}; scratch: ${scratch.layers} layer, ${packages} packages recorded, ROOT check of ${rootCheck?.checked ?? '?'} ELF files`,
      },
      { metric: 'commit-mode image (baseline)', value: mb(commit.size), unit: 'MB', note: `${commit.layers} layers, built in ${commit.seconds.toFixed(1)} s` },
      { metric: 'scratch build time vs commit build time', value: scratch.seconds, unit: 's', baseline: commit.seconds, ratio: scratch.seconds / commit.seconds, note: 'the scratch build adds the libc copy, capture, strip, ldconfig, ROOT check and import' },
      { metric: 'stage4 image (-march=native, @world rebuilt)', value: mb(stage4.size), unit: 'MB', baseline: mb(commit.size), ratio: stage4.size / commit.size, note: `${stage4.layers} layers, ${stage4.seconds.toFixed(1)} s; march label ${stage4.extras.cpu?.march ?? '?'} (${stage4.extras.cpu?.source ?? '?'})` },
      { metric: 'minimal image (USE=-*, depclean, one layer)', value: mb(minimal.size), unit: 'MB', baseline: mb(commit.size), ratio: minimal.size / commit.size, note: `${minimal.layers} layer, ${minimal.seconds.toFixed(1)} s; base ${mb(minimal.extras.sizes?.before ?? NaN).toFixed(1)} MB → ${mb(minimal.extras.sizes?.after ?? NaN).toFixed(1)} MB` },
    ];
  } finally {
    for (const tag of Object.values(tags)) await removeImage(docker, tag, { force: true }).catch(() => undefined);
    // Only what this run's namespace made (a user's caches stay).
    await removeBenchObjects(docker);
    rmSync(stateHome, { recursive: true, force: true });
  }
}
