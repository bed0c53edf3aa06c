// Stopping a build at awkward moments, on the real engine and real Portage: a cancel while the build
// container is being created, a start the engine refuses, a cancel during the smoke test, two sessions
// following one build to its end, and a build whose container was removed behind its back.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildState } from '../../../src/core/build/build-record.js';
import type { BuildEvent } from '../../../src/core/events.js';
import { LABEL } from '../../../src/core/labels.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { listBuilds } from '../../../src/engine/build/build-list.js';
import { findBuilder } from '../../../src/engine/build/builder-container.js';
import { attachBuild, startBuild, type BuildSession } from '../../../src/engine/build/runner.js';
import { connectDocker } from '../../helpers/docker-client.js';
import { imageExists, listContainers, listImages, removeContainer } from '../../../src/engine/docker/index.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { compileSeconds, FAST_BUILD_ENV, realPortageImages } from '../../helpers/real-portage.js';
import { removeTestImages } from '../../helpers/test-images.js';

const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-interrupts-')) };
const run = `t${process.pid}`;
const tags: string[] = [];

function recipe(packages: string[], name: string): Recipe {
  const tag = `gentoo-wb-test/interrupts-${name}:${run}`;
  tags.push(tag);
  return newRecipe({ name, base: realPortageImages().base, packages, tags: [tag], sizing: { jobs: 2, makeopts: '-j2' } });
}

type DialOptions = { path: string; method: string; options?: { _body?: { Labels?: Record<string, string>; HostConfig?: Record<string, unknown> } } };
type DialCallback = (err: unknown, data: unknown) => void;

/**
 * A client of the test engine whose requests pass through `hook`: it may change a request before it is
 * sent and act when its answer comes back (before the caller sees it).
 */
function hookedDocker(hook: { before?: (o: DialOptions) => void; after?: (o: DialOptions, err: unknown, data: unknown) => void }): Dockerode {
  const docker = connectDocker().docker;
  const modem = docker.modem as unknown as { dial: (o: DialOptions, cb: DialCallback) => void };
  const dial = modem.dial.bind(modem);
  modem.dial = (o, cb) => {
    hook.before?.(o);
    dial(o, (err, data) => {
      hook.after?.(o, err, data);
      cb(err, data);
    });
  };
  return docker;
}

const isBuilderCreate = (o: DialOptions) => o.method === 'POST' && o.path.startsWith('/containers/create') && o.options?._body?.Labels?.[LABEL.role] === 'builder';

function build(docker: Dockerode, r: Recipe, containerEnv = FAST_BUILD_ENV, onEvents?: (e: BuildEvent[], s: BuildSession) => void) {
  const events: BuildEvent[] = [];
  // The first events come while startBuild runs, before `session` is set.
  const started: { session?: BuildSession } = {};
  const session = startBuild({
    docker,
    recipe: r,
    env,
    containerEnv,
    onEvents: (e) => {
      events.push(...e);
      if (started.session) onEvents?.(e, started.session);
    },
  });
  started.session = session;
  return { session, events };
}

const readState = (s: BuildSession) => JSON.parse(readFileSync(s.files.state, 'utf8')) as BuildState;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every container of the engine labelled with this build (builder, smoke test), running or not. */
const containersOf = (id: string) => listContainers(testDocker(), [`${LABEL.buildId}=${id}`]);

describeDocker('build interrupts (real engine, real Portage)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  afterAll(async () => {
    await removeTestImages(tags);
    rmSync(env.XDG_STATE_HOME, { recursive: true, force: true });
  });

  it('a cancel while the build container is being created removes it (never started), and the state says cancelled', async () => {
    let session: BuildSession | null = null;
    let cancelled: Promise<void> | null = null;
    // The cancel comes the moment the engine has made the container, before the runner knows its ID.
    const docker = hookedDocker({ after: (o, err) => {
      if (!err && isBuilderCreate(o) && session && !cancelled) cancelled = session.cancel();
    } });
    const r = recipe(['app-misc/hello'], 'prepare-cancel');
    const started = build(docker, r);
    session = started.session;
    const outcome = await session.outcome;
    await cancelled;
    expect(cancelled).not.toBeNull();
    expect(outcome.kind).toBe('cancelled');
    expect(outcome.kind === 'cancelled' ? outcome.message : '').toMatch(/the build container was removed; nothing is tagged/);
    await sleep(1000);
    expect(await containersOf(session.id)).toEqual([]);
    expect(readState(session)).toMatchObject({ status: 'cancelled' });
    expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(false);
    expect(started.events.at(-1)).toMatchObject({ type: 'result', ok: false });
  }, 150_000);

  it('a start the engine refuses (a network that does not exist) removes the container and says the whole reason, in the log too', async () => {
    const network = `gwb-no-such-network-${process.pid}`;
    const docker = hookedDocker({ before: (o) => {
      if (isBuilderCreate(o) && o.options?._body?.HostConfig) o.options._body.HostConfig.NetworkMode = network;
    } });
    const { session, events } = build(docker, recipe(['app-misc/hello'], 'start-refused'));
    const outcome = await session.outcome;
    expect(outcome.kind).toBe('failed');
    const message = outcome.kind === 'failed' ? outcome.message : '';
    expect(message).toContain(`network ${network} not found`);
    expect(message).toMatch(/could not start the build container: .*; the build container was removed/);
    expect(events.filter((e) => e.type === 'error').map((e) => (e as { message: string }).message)).toEqual([message]);
    expect(await containersOf(session.id)).toEqual([]);
    expect(readState(session)).toMatchObject({ status: 'failed', message });
    // The build's log exists and holds the reason whole (the pager and a save show it).
    expect(existsSync(session.files.output)).toBe(true);
    expect(readFileSync(session.files.output, 'utf8')).toContain(message);
  }, 150_000);

  it('a cancel during the smoke test wins: the image and its tag are removed, the smoke test container too, the state says cancelled', async () => {
    const r = recipe(['app-misc/hello'], 'smoke-cancel');
    r.smokeTest = { argv: ['/bin/sleep', '30'] };
    let cancelled: Promise<void> | null = null;
    const { session, events } = build(testDocker(), r, FAST_BUILD_ENV, (e, s) => {
      if (!cancelled && e.some((x) => x.type === 'step-started' && x.step === 'smoke-test')) {
        // Once the test container runs.
        cancelled = sleep(1500).then(() => s.cancel());
      }
    });
    const began = Date.now();
    const outcome = await session.outcome;
    await cancelled;
    expect(outcome.kind, JSON.stringify(events.filter((e) => e.type === 'error'))).toBe('cancelled');
    expect(Date.now() - began).toBeLessThan(120_000);
    const image = events.find((e) => e.type === 'image') as { id: string } | undefined;
    expect(image).toBeDefined();
    const message = outcome.kind === 'cancelled' ? outcome.message : '';
    expect(message).toContain(`the image ${image!.id.replace(/^sha256:/, '').slice(0, 12)} and its tags ${r.image.tags[0]!} were removed`);
    expect(message).toMatch(/nothing is tagged$/);
    expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(false);
    expect(await imageExists(testDocker(), image!.id)).toBe(false);
    expect(await containersOf(session.id)).toEqual([]);
    expect(readState(session)).toMatchObject({ status: 'cancelled', image: null });
  }, 150_000);

  it('two sessions following one build: one commits and tags, the other reports that same image', async () => {
    const r = recipe(['app-misc/hello'], 'two-attach');
    r.caches = { ...r.caches, binpkgs: false };
    let detached = false;
    const { session } = build(testDocker(), r, compileSeconds(4), (e, s) => {
      if (!detached && e.some((x) => x.type === 'started')) {
        detached = true;
        s.detach();
      }
    });
    expect((await session.outcome).kind).toBe('detached');
    const [a, b] = await Promise.all([
      attachBuild(session.id, { docker: testDocker(), env, onEvents: () => undefined }),
      attachBuild(session.id, { docker: connectDocker().docker, env, onEvents: () => undefined }),
    ]);
    const [oa, ob] = await Promise.all([a.outcome, b.outcome]);
    expect([oa.kind, ob.kind]).toEqual(['succeeded', 'succeeded']);
    const ia = oa.kind === 'succeeded' ? oa.image : null;
    const ib = ob.kind === 'succeeded' ? ob.image : null;
    expect(ia?.id).toBeTruthy();
    expect(ib?.id).toBe(ia?.id);
    // One image of this build, no dangling second commit.
    const images = await listImages(testDocker(), { labels: [`${LABEL.buildId}=${session.id}`] });
    expect(images.filter((i) => i.labels[LABEL.buildId] === session.id).map((i) => i.id)).toEqual([ia!.id]);
    expect(await findBuilder(testDocker(), session.id)).toBeNull();
    expect(existsSync(path.join(session.files.dir, 'finish.lock'))).toBe(false);
  }, 150_000);

  it('builds lists a running build whose container was removed behind its back as lost, saying why', async () => {
    const r = recipe(['app-misc/hello'], 'gone');
    let detached = false;
    const { session } = build(testDocker(), r, compileSeconds(20), (e, s) => {
      if (!detached && e.some((x) => x.type === 'started')) {
        detached = true;
        s.detach();
      }
    });
    expect((await session.outcome).kind).toBe('detached');
    const before = (await listBuilds(testDocker(), env)).find((b) => b.id === session.id);
    expect(before).toMatchObject({ status: 'running', container: 'running' });
    await removeContainer(testDocker(), session.containerId()!, { force: true });
    const after = (await listBuilds(testDocker(), env)).find((b) => b.id === session.id);
    expect(after).toMatchObject({ status: 'lost', container: 'gone' });
    expect(after?.message).toMatch(/build container is gone from this engine .* while the build was running; no image was made; its saved output is in /);
  }, 150_000);
});
