// The build runner against the real engine and real Portage (the test repository): parallel builds that end in a
// labelled, tagged image; failures that tag nothing; a killed container; detach and reattach; two
// builds at once; a rebuild from binary packages.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildRecord, BuildState } from '../../../src/core/build/build-record.js';
import type { BuildEvent } from '../../../src/core/events.js';
import { LABEL } from '../../../src/core/labels.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { findBuilder } from '../../../src/engine/build/builder-container.js';
import { attachBuild, startBuild, type BuildOutcome } from '../../../src/engine/build/runner.js';
import { containerLogs, imageExists, inspectContainer, inspectImage, killContainer } from '../../../src/engine/docker/index.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { runInImage } from '../../helpers/containers.js';
import { compileSeconds, FAST_BUILD_ENV, realPortageImages } from '../../helpers/real-portage.js';
import { removeTestImages } from '../../helpers/test-images.js';

const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-runner-state-')) };
const run = `t${process.pid}`;
const tags: string[] = [];

function recipe(packages: string[], name: string, extra: Partial<Recipe> = {}): Recipe {
  const tag = `gentoo-wb-test/runner-${name}:${run}`;
  tags.push(tag);
  const r = newRecipe({ name, base: realPortageImages().base, packages, tags: [tag], sizing: { jobs: 3, makeopts: '-j2' } });
  return { ...r, ...extra };
}

/** Start a build; packages compile at once (FAST_BUILD_ENV) unless `containerEnv` says otherwise. */
function build(r: Recipe, options: { onEvents?: (e: BuildEvent[]) => void; containerEnv?: Record<string, string> } = {}) {
  const events: BuildEvent[] = [];
  const session = startBuild({
    docker: testDocker(),
    recipe: r,
    env,
    containerEnv: options.containerEnv ?? FAST_BUILD_ENV,
    onEvents: (e) => {
      events.push(...e);
      options.onEvents?.(e);
    },
  });
  return { session, events };
}

/** A build alone takes under a minute; the tests here run side by side, beside the rest of the suite on two cores. */
const BUILD_MS = 450_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The build container's output so far, with the engine's timestamps. */
async function logText(containerId: string): Promise<string> {
  let text = '';
  for await (const frame of containerLogs(testDocker(), containerId, { timestamps: true })) text += frame.data.toString('utf8');
  return text;
}

function ofType<T extends BuildEvent['type']>(events: BuildEvent[], type: T): Extract<BuildEvent, { type: T }>[] {
  return events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);
}

const readJson = <T,>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

describeDocker('build runner (real engine, real Portage)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  afterAll(async () => {
    await removeTestImages(tags);
    rmSync(env.XDG_STATE_HOME, { recursive: true, force: true });
  });

  // Each test runs builds of its own (recipe names, tags, records): they run side by side. The rebuild of
  // the last test finds newtool in the run's binary package cache whatever the others do meanwhile.
  it.concurrent('builds three packages with --jobs 3 into a tagged image with our labels, a record with durations, and a passing smoke test', async () => {
    const r = recipe(['app-misc/hello', 'app-misc/newtool', 'app-misc/oldtool'], 'ok');
    // From source (the run's binary package cache may hold these from other suites), side by side.
    r.caches = { ...r.caches, binpkgs: false };
    r.smokeTest = { argv: ['/usr/bin/hello'] };
    const { session, events } = build(r);
    const outcome = await session.outcome;
    expect(outcome.kind, JSON.stringify(ofType(events, 'error'))).toBe('succeeded');

    const started = ofType(events, 'started').map((e) => e.cpv);
    expect(started).toEqual(expect.arrayContaining(['app-misc/hello-2.12.1', 'app-misc/newtool-2.0', 'app-misc/oldtool-1.0']));
    expect(ofType(events, 'completed')).toHaveLength(3);
    expect(ofType(events, 'jobs').some((j) => j.running >= 2)).toBe(true);
    expect(ofType(events, 'step-finished').map((s) => [s.step, s.ok])).toEqual([['prepare', true], ['emerge', true], ['commit', true], ['smoke-test', true]]);

    const image = ofType(events, 'image')[0]!;
    const details = await inspectImage(testDocker(), r.image.tags[0]!);
    expect(details.id).toBe(image.id);
    expect(details.labels[LABEL.role]).toBe('result');
    expect(details.labels[LABEL.buildId]).toBe(session.id);
    expect(details.labels[LABEL.recipeHash]).toMatch(/^[0-9a-f]{64}$/);
    // The build container's own command must not leak into the image.
    expect(details.config.Cmd ?? []).not.toContain('/var/lib/gentoo-wb/run-steps');

    const record = readJson<BuildRecord>(session.files.record);
    expect(record.state.status).toBe('succeeded');
    expect(record.packages.map((p) => p.cpv).sort()).toEqual(['app-misc/hello-2.12.1', 'app-misc/newtool-2.0', 'app-misc/oldtool-1.0']);
    for (const p of record.packages) expect(p.seconds).toBeGreaterThan(0);
    expect(record.smokeTest).toMatchObject({ ok: true, exitCode: 0 });
    expect(record.smokeTest?.output).toContain('Hello, world!');
    expect(await findBuilder(testDocker(), session.id)).toBeNull();

    const hello = await runInImage(testDocker(), ['/usr/bin/hello'], { image: r.image.tags[0]! });
    expect(hello.stdout).toContain('Hello, world!');
  }, BUILD_MS);

  it.concurrent('a failing package fails the build, keeps going with the others, copies its log out and tags nothing', async () => {
    const r = recipe(['dev-util/brokentool', 'app-misc/hello'], 'fail');
    const { session, events } = build(r);
    const outcome = await session.outcome;
    expect(outcome).toMatchObject({ kind: 'failed', failed: ['dev-util/brokentool-0.9'] });
    expect(ofType(events, 'completed').map((e) => e.cpv)).toContain('app-misc/hello-2.12.1');
    const failed = ofType(events, 'failed')[0]!;
    expect(failed.logPath).toBe('/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log');
    const log = ofType(events, 'failure-log')[0]!;
    expect(log.cpv).toBe('dev-util/brokentool-0.9');
    expect(readFileSync(log.path, 'utf8').length).toBeGreaterThan(0);
    expect(log.tail.join('\n')).toMatch(/error|ERROR|failed/);
    expect(ofType(events, 'image')).toHaveLength(0);
    expect(ofType(events, 'result').at(-1)).toMatchObject({ ok: false, failed: ['dev-util/brokentool-0.9'] });
    expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(false);
    expect(readJson<BuildState>(session.files.state).status).toBe('failed');
    expect(await findBuilder(testDocker(), session.id)).toBeNull();
  }, BUILD_MS);

  it.concurrent('a build container killed from outside is a clear failure and tags nothing', async () => {
    const r = recipe(['dev-lang/php'], 'killed');
    let killed = false;
    const { session, events } = build(r, {
      onEvents: (e) => {
        if (!killed && e.some((x) => x.type === 'started')) {
          killed = true;
          const id = session.containerId();
          if (id) void killContainer(testDocker(), id);
        }
      },
    });
    const outcome = await session.outcome;
    expect(outcome.kind).toBe('failed');
    expect(ofType(events, 'error').map((e) => e.message).join('\n')).toMatch(/stopped with exit code 137 before its steps ended/);
    expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(false);
  }, BUILD_MS);

  it.concurrent('detaches without stopping the build; attach replays it with each package\'s own start time and finishes the job', async () => {
    // libfoo and hello start together; foo-tool needs libfoo, so it starts later: three different starts.
    const r = recipe(['app-misc/foo-tool', 'app-misc/hello'], 'attach');
    r.caches = { ...r.caches, binpkgs: false };
    let detached = false;
    const { session, events: live } = build(r, {
      containerEnv: compileSeconds(2),
      onEvents: (e) => {
        if (!detached && e.some((x) => x.type === 'started')) {
          detached = true;
          session.detach();
        }
      },
    });
    expect((await session.outcome).kind).toBe('detached');
    expect(readJson<BuildState>(session.files.state).status).toBe('running');
    const containerId = session.containerId()!;
    expect(await findBuilder(testDocker(), session.id)).not.toBeNull();

    // Nobody watches while foo-tool starts; attach a while later (or after the end, on a slow machine).
    const fooTool = /^\S+ >>> Emerging \(\d+ of \d+\) app-misc\/foo-tool-1\.0::/m;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(500)) {
      if (fooTool.test(await logText(containerId)) || !(await inspectContainer(testDocker(), containerId)).running) break;
    }
    await sleep(1000);
    const attachedAt = Date.now();
    const replayed: BuildEvent[] = [];
    const again = await attachBuild(session.id, { docker: testDocker(), env, onEvents: (e) => replayed.push(...e) });
    const outcome: BuildOutcome = await again.outcome;
    expect(outcome.kind).toBe('succeeded');
    // The replay starts from the first line of the build, with the engine's timestamps.
    expect(ofType(replayed, 'step-started')[0]).toMatchObject({ step: 'emerge' });
    const starts = new Map(ofType(replayed, 'started').map((e) => [e.cpv, e.t!]));
    expect([...starts.keys()].sort()).toEqual(['app-misc/foo-tool-1.0', 'app-misc/hello-2.12.1', 'dev-libs/libfoo-1.0']);
    // Each package keeps its own start: what the live session saw, never the time of the attach.
    for (const e of ofType(live, 'started')) expect(starts.get(e.cpv)).toBe(e.t);
    for (const t of starts.values()) expect(t).toBeLessThan(attachedAt - 500);
    expect(starts.get('app-misc/foo-tool-1.0')! - starts.get('dev-libs/libfoo-1.0')!).toBeGreaterThanOrEqual(2000);
    expect(ofType(replayed, 'image')).toHaveLength(1);
    expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(true);

    // The record: every package with its own start and how long it took (compile seconds at least).
    const record = readJson<BuildRecord>(session.files.record);
    expect(record.packages.map((p) => [p.cpv, p.startedAt]).sort()).toEqual([...starts].sort());
    for (const p of record.packages) {
      expect(p.seconds).toBeGreaterThanOrEqual(2);
      expect(p.startedAt + p.seconds * 1000).toBeLessThanOrEqual(Date.now());
    }
    // Attaching to the finished build shows its saved output, still with each package's own times.
    const saved: BuildEvent[] = [];
    const shown = await attachBuild(session.id, { docker: testDocker(), env, onEvents: (e) => saved.push(...e) });
    expect((await shown.outcome).kind).toBe('succeeded');
    expect(new Map(ofType(saved, 'started').map((e) => [e.cpv, e.t]))).toEqual(starts);
    expect(saved.every((e) => typeof e.t === 'number')).toBe(true);
  }, BUILD_MS);

  it.concurrent('two builds at once never mix their events, and the unchanged rebuild installs binary packages', async () => {
    const a = recipe(['app-misc/newtool'], 'twin-a');
    const b = recipe(['app-misc/oldtool'], 'twin-b');
    const [ra, rb] = [build(a), build(b)];
    const [oa, ob] = await Promise.all([ra.session.outcome, rb.session.outcome]);
    expect([oa.kind, ob.kind]).toEqual(['succeeded', 'succeeded']);
    expect(ofType(ra.events, 'started').map((e) => e.cpv)).toEqual(['app-misc/newtool-2.0']);
    expect(ofType(rb.events, 'started').map((e) => e.cpv)).toEqual(['app-misc/oldtool-1.0']);

    const again = build(recipe(['app-misc/newtool'], 'twin-a2'));
    expect((await again.session.outcome).kind).toBe('succeeded');
    expect(ofType(again.events, 'started')).toEqual([expect.objectContaining({ cpv: 'app-misc/newtool-2.0', binary: true })]);
  }, BUILD_MS);
});
