// The forecast on real Portage 3.0.82: a build fills a binary package cache of its own, then the forecast
// of the same recipe says `local` for every package built, and `source (USE differs)` for the one whose
// USE the recipe changed; the build record keeps forecast against actual, and a later forecast uses the
// actuals. The figures of forecast against actual are printed (the issue asks for them).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildRecord } from '../../../src/core/build/build-record.js';
import type { BuildEvent } from '../../../src/core/events.js';
import { fromText } from '../../../src/core/forecast/forecast-text.js';
import type { BuildPlan } from '../../../src/core/plan/plan-types.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { recipeSchema, type Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { startBuild } from '../../../src/engine/build/runner.js';
import { createContainer, removeContainer, removeVolume, startContainer } from '../../../src/engine/docker/index.js';
import { objectName, currentNamespace } from '../../../src/engine/docker/object-names.js';
import { forecastBuild } from '../../../src/engine/forecast/build-forecast.js';
import { runForecast } from '../../../src/engine/forecast/run-forecast.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { compileSeconds, realPortageImages } from '../../helpers/real-portage.js';
import { removeTestImages } from '../../helpers/test-images.js';

const stateEnv = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-forecast-state-')) };
const run = `f${process.pid}`;
const tags: string[] = [];
const volumes = new Set<string>();
const COMPILE = compileSeconds(3);

function recipe(name: string): Recipe {
  const tag = `gentoo-wb-test/forecast-${name}:${run}`;
  tags.push(tag);
  const r = newRecipe({ name, base: realPortageImages().base, packages: ['dev-lang/php', 'app-misc/hello'], tags: [tag], sizing: { jobs: 2, makeopts: '-j1' } });
  // A binary package cache of this suite's own (a -D gcc accepts keys it).
  r.makeConf.COMMON_FLAGS = `-O2 -pipe -DGWB_FORECAST_${run}`;
  return recipeSchema.parse(r);
}

async function buildWithForecast(r: Recipe): Promise<{ record: BuildRecord; events: BuildEvent[] }> {
  const events: BuildEvent[] = [];
  const session = startBuild({ docker: testDocker(), recipe: r, env: stateEnv, containerEnv: COMPILE, onEvents: (e) => events.push(...e) });
  const forecast = forecastBuild(testDocker(), r, session.files, { containerEnv: COMPILE, env: stateEnv });
  const outcome = await session.outcome;
  await forecast.ready;
  expect(outcome.kind, JSON.stringify(events.filter((e) => e.type === 'error'))).toBe('succeeded');
  expect(forecast.problem).toBeNull();
  const plan = JSON.parse(readFileSync(session.files.plan, 'utf8')) as BuildPlan;
  for (const m of plan.container.mounts) if (m.kind === 'volume' && m.role === 'binpkgs') volumes.add(m.name);
  return { record: JSON.parse(readFileSync(session.files.record, 'utf8')) as BuildRecord, events };
}

function figure(label: string, record: BuildRecord): number {
  const f = record.forecast!;
  const ratio = f.forecast!.totalSeconds / f.actual.totalSeconds;
  console.log(`${label}: forecast ${f.forecast!.totalSeconds} s, actual ${f.actual.totalSeconds} s (forecast/actual ${ratio.toFixed(2)}); per package: ${f.packages.map((p) => `${p.cpv} ${p.forecast?.seconds ?? '?'}/${p.actual?.seconds.toFixed(1) ?? '?'}`).join(', ')}`);
  return ratio;
}

describeDocker('forecast (real engine, real Portage)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  afterAll(async () => {
    await removeTestImages(tags);
    for (const v of volumes) await removeVolume(testDocker(), v).catch(() => undefined);
    rmSync(stateEnv.XDG_STATE_HOME, { recursive: true, force: true });
  });

  it('local binaries after a build, source (USE differs) for the package whose USE changed; the record keeps forecast against actual', async () => {
    // 1. From source, filling the cache; the forecast said so beforehand.
    const first = await buildWithForecast(recipe('first'));
    const f1 = first.record.forecast!;
    expect(f1.forecast).toMatchObject({ binaries: 0, compiles: 4, jobs: 2 });
    expect(f1.actual).toMatchObject({ binaries: 0, compiles: 4 });
    expect(f1.packages.map((p) => [p.cpv, p.forecast?.from, p.actual?.binary]).sort()).toEqual([
      ['app-misc/hello-2.12.1', 'source', false],
      ['dev-lang/php-8.3.15', 'source', false],
      ['dev-libs/libxml2-2.13.5', 'source', false],
      ['dev-libs/oniguruma-6.9.9', 'source', false],
    ]);
    // No binary of anything yet: each compile says why.
    expect(f1.packages.every((p) => p.forecast?.reason === 'no binary')).toBe(true);
    figure('first build (history: the base emerge.log only)', first.record);

    // 2. The same recipe with one USE change: the cache serves three, hello compiles, and says why.
    const changed = recipe('changed');
    changed.packageUse = [{ atom: 'app-misc/hello', flags: ['-nls'] }];
    const made = await runForecast(testDocker(), { recipe: changed, containerEnv: COMPILE, env: stateEnv });
    expect(made.run.exitCode, made.run.text).toBe(0);
    expect(made.indexes.local?.packages.length).toBe(4);
    const by = Object.fromEntries(made.forecast.packages.map((p) => [p.cpv, p]));
    expect(Object.keys(by).sort()).toEqual(['app-misc/hello-2.12.1', 'dev-lang/php-8.3.15', 'dev-libs/libxml2-2.13.5', 'dev-libs/oniguruma-6.9.9']);
    for (const cpv of ['dev-lang/php-8.3.15', 'dev-libs/libxml2-2.13.5', 'dev-libs/oniguruma-6.9.9']) expect(by[cpv]).toMatchObject({ from: 'local', reason: null });
    expect(fromText(by['app-misc/hello-2.12.1']!)).toBe('source (USE differs)');
    // The estimate of the compile rests on the first build's actual duration (its record).
    const helloActual = f1.packages.find((p) => p.cpv === 'app-misc/hello-2.12.1')!.actual!.seconds;
    expect(by['app-misc/hello-2.12.1']).toMatchObject({ basis: 'history', samples: 1 });
    expect(by['app-misc/hello-2.12.1']!.seconds).toBeCloseTo(helloActual, 0);
    expect(made.forecast.totals).toMatchObject({ binaries: 3, compiles: 1 });

    // 3. From source again, as the first build ran (--buildpkg into a cache, here a new empty one of its
    // own CFLAGS; without the cache each package ends sooner, not writing its binary): the forecast rests
    // on the first build's actuals.
    const again = recipe('again');
    again.makeConf.COMMON_FLAGS = `-O2 -pipe -DGWB_FORECAST_AGAIN_${run}`;
    const second = await buildWithForecast(again);
    const ratio = figure('second build from source (history: the first build)', second.record);
    expect(second.record.forecast!.packages.every((p) => p.forecast !== null && p.actual !== null)).toBe(true);
    // The issue's target (within 30 %) is for the bench on a quiet machine; here other suites load the
    // same two cores and change the pace between the builds. What must hold: the forecast rests on the
    // first build's record, not on the defaults (120 s a package without history; the first build's
    // forecast/actual was 0.25-0.38). With --jobs, what is learnt is the time a package held its slot:
    // at least its compile pause, at most its start-to-Completed in the first build (merge-wait can
    // hold a built package past its slot).
    const firstActual = new Map(f1.packages.map((p) => [p.cpv, p.actual!.seconds]));
    for (const p of second.record.forecast!.packages) {
      expect(p.forecast, p.cpv).toMatchObject({ from: 'source' });
      expect(p.forecast!.seconds, p.cpv).toBeGreaterThanOrEqual(Number(COMPILE.GWB_TEST_COMPILE_SECONDS));
      expect(p.forecast!.seconds, p.cpv).toBeLessThanOrEqual(firstActual.get(p.cpv)! + 0.5);
    }
    // Against the build it learnt from, the forecast comes close whatever the load did since (seen: 0.93).
    const learnt = second.record.forecast!.forecast!.totalSeconds / first.record.forecast!.actual.totalSeconds;
    expect(learnt).toBeGreaterThan(0.6);
    expect(learnt).toBeLessThan(1.4);
    // Against its own build, the pace may have changed by half either way (seen: 0.94 alone, 2.3 when
    // the first build shared the cores with a heavier file); defaults would give more than 10.
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(3);
  }, 600_000);

  it('binaries from a binhost (`python3 -m http.server` over the cache the first test filled) say binhost; a USE change says source (USE differs)', async () => {
    const cache = [...volumes][0];
    expect(cache, 'the first test fills the cache this one serves').toBeDefined();
    // A throwaway binhost on the engine's default bridge (which the pretend joins for a URL binhost), by IP.
    const server = await createContainer(testDocker(), {
      image: realPortageImages().base,
      name: objectName(`forecast-binhost-${run}`, currentNamespace()),
      cmd: ['python3', '-m', 'http.server', '8000', '--directory', '/srv'],
      mounts: [{ kind: 'volume', name: cache!, target: '/srv', readOnly: true }],
      labels: { 'org.gentoo-wb-test.forecast': 'binhost' },
    });
    try {
      await startContainer(testDocker(), server);
      const info = (await testDocker().getContainer(server).inspect()) as unknown as { NetworkSettings: { IPAddress: string } };
      const ip = info.NetworkSettings.IPAddress;
      expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      const remote = recipe('remote');
      // No local cache: every binary has to come over HTTP.
      remote.caches = { ...remote.caches, binpkgs: false };
      remote.binaries = { hosts: [{ kind: 'url', url: `http://${ip}:8000` }], onMissing: 'compile' };
      remote.packageUse = [{ atom: 'dev-libs/libxml2', flags: ['debug'] }];
      let made = await runForecast(testDocker(), { recipe: remote, containerEnv: COMPILE, env: stateEnv });
      // http.server may still be starting: one more try.
      if (made.indexes.remote.length === 0) made = await runForecast(testDocker(), { recipe: remote, containerEnv: COMPILE, env: stateEnv });
      expect(made.run.exitCode, made.run.text).toBe(0);
      expect(made.indexes.remote.map((r) => r.host)).toEqual([ip]);
      expect(made.forecast.packages.map((p) => [p.cpv, p.from, p.reason?.label ?? null]).sort()).toEqual([
        ['app-misc/hello-2.12.1', 'binhost', null],
        ['dev-lang/php-8.3.15', 'binhost', null],
        ['dev-libs/libxml2-2.13.5', 'source', 'USE differs'],
        ['dev-libs/oniguruma-6.9.9', 'binhost', null],
      ]);
      expect(made.forecast.totals).toMatchObject({ binaries: 3, compiles: 1, fromBinhost: 3 });
    } finally {
      await removeContainer(testDocker(), server, { force: true });
    }
  }, 300_000);
});
