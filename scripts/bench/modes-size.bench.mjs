// P7: the size of a scratch image (only what the packages install, plus the C library) against the
// commit-mode image of the same package set, built in the same run from the same stand-in stage3;
// the stage4 and minimal images of that set beside them. Every image is built by gentoo-wb's own
// runner (dist/) with the stand-in's short compile times, then removed. Runs outside vitest, so it
// builds (or finds) the stand-in images with the fixture's builder, loaded through Vite (TypeScript).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { standinImages } from './standin-images.mjs';
import { connectEngine } from '../../dist/engine/docker/connect.js';
import { inspectImage, removeImage, removeVolume } from '../../dist/engine/docker/index.js';
import { startBuild } from '../../dist/engine/build/runner.js';
import { newRecipe } from '../../dist/core/recipe/new-recipe.js';
import { recipeSchema } from '../../dist/core/recipe/recipe-schema.js';

/** The package set: libraries with a program; BENCH_MODES_PACKAGES picks another (dev-lang/php works too). */
const PACKAGES = (process.env.BENCH_MODES_PACKAGES ?? 'dev-db/sqlite dev-libs/libxml2 app-misc/hello').split(/\s+/).filter(Boolean);
const TIME_SCALE = process.env.BENCH_MODES_TIME_SCALE ?? '0.02';

/** Build one mode of the set with gentoo-wb's runner; its image size, layers, seconds and record extras. */
async function buildMode(docker, stage3, mode, tag, env, volumes) {
  const base = newRecipe({ name: `bench-${mode.kind}`, base: stage3, packages: PACKAGES, tags: [tag], sizing: { jobs: 3, makeopts: '-j2' } });
  // A binary package cache of this run only: every mode compiles, none reuses another's packages.
  base.makeConf.COMMON_FLAGS = `-O2 -pipe -frecord-gcc-switches-bench${process.pid}`;
  const recipe = recipeSchema.parse({ ...base, mode });
  const started = performance.now();
  let lastError = '';
  const session = startBuild({
    docker, recipe, env, containerEnv: { STANDIN_TIME_SCALE: TIME_SCALE },
    onEvents: (events) => { for (const e of events) if (e.type === 'error') lastError = e.message; },
  });
  try {
    const outcome = await session.outcome;
    const seconds = (performance.now() - started) / 1000;
    if (outcome.kind !== 'succeeded') throw new Error(`the ${mode.kind} build of ${PACKAGES.join(' ')} ended ${outcome.kind}: ${lastError}`);
    const image = await inspectImage(docker, tag);
    const record = JSON.parse(readFileSync(session.files.record, 'utf8'));
    return { size: image.size, layers: image.layers.length, seconds, extras: record.extras ?? {} };
  } finally {
    // The binary package volume this build's CFLAGS made, for removal at the end.
    try {
      const plan = JSON.parse(readFileSync(session.files.plan, 'utf8'));
      for (const m of plan?.container.mounts ?? []) if (m.kind === 'volume' && m.role === 'binpkgs') volumes.add(m.name);
    } catch {
      // No plan: the build never got as far as creating volumes.
    }
  }
}

const mb = (bytes) => bytes / 1e6;

export default async function bench() {
  if (spawnSync('docker', ['version'], { stdio: 'ignore' }).status !== 0) {
    return [{ metric: 'P7 scratch vs commit image size', value: NaN, unit: 'ratio', note: 'skipped: no docker CLI or engine' }];
  }
  const { docker } = await connectEngine();
  const images = await standinImages(docker);
  const stateHome = mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-modes-'));
  const env = { ...process.env, XDG_STATE_HOME: stateHome };
  const tags = {
    commit: `gentoo-wb-bench/modes-commit:${process.pid}`,
    scratch: `gentoo-wb-bench/modes-scratch:${process.pid}`,
    stage4: `gentoo-wb-bench/modes-stage4:${process.pid}`,
    minimal: `gentoo-wb-bench/modes-minimal:${process.pid}`,
  };
  const volumes = new Set();
  try {
    // The baseline first, then the others, all in this run from the same base.
    const commit = await buildMode(docker, images.stage3, { kind: 'commit' }, tags.commit, env, volumes);
    const scratch = await buildMode(docker, images.stage3, { kind: 'scratch' }, tags.scratch, env, volumes);
    const stage4 = await buildMode(docker, images.stage3, { kind: 'stage4', march: 'native', optimize: '-O2' }, tags.stage4, env, volumes);
    const minimal = await buildMode(docker, images.stage3, { kind: 'minimal' }, tags.minimal, env, volumes);
    const set = `${PACKAGES.join(' ')} on the stand-in stage3`;
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
    // Only the binary package volumes of this run's own CFLAGS (a user's caches stay).
    for (const name of volumes) await removeVolume(docker, name).catch(() => undefined);
    rmSync(stateHome, { recursive: true, force: true });
  }
}
