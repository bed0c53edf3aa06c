// output.log has one writer: sessions following one build side by side (attach beside the session that
// started it, two attaches) leave every line in it once, and the file is whole even when its writer
// went away before the end. Real engine, real Portage.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildEvent } from '../../../src/core/events.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { attachBuild, startBuild, type BuildSession } from '../../../src/engine/build/runner.js';
import { connectDocker } from '../../helpers/docker-client.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { compileSeconds, realPortageImages } from '../../helpers/real-portage.js';
import { removeTestImages } from '../../helpers/test-images.js';

const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-output-log-')) };
const run = `t${process.pid}`;
const tags: string[] = [];

function recipe(name: string): Recipe {
  const tag = `gentoo-wb-test/output-log-${name}:${run}`;
  tags.push(tag);
  // libfoo, then foo-tool: two packages one after the other, each compiling for a few seconds.
  const r = newRecipe({ name, base: realPortageImages().base, packages: ['app-misc/foo-tool'], tags: [tag], sizing: { jobs: 1, makeopts: '-j1' } });
  return { ...r, caches: { ...r.caches, binpkgs: false } };
}

/** Start a build; `onStart` runs once, when the first package starts. */
function start(r: Recipe, onStart: (s: BuildSession) => void, events: BuildEvent[] = []): BuildSession {
  let started = false;
  const box: { session?: BuildSession } = {};
  const session = startBuild({
    docker: testDocker(),
    recipe: r,
    env,
    containerEnv: compileSeconds(3),
    onEvents: (e) => {
      events.push(...e);
      if (!started && box.session && e.some((x) => x.type === 'started')) {
        started = true;
        onStart(box.session);
      }
    },
  });
  box.session = session;
  return session;
}

const logLines = (events: BuildEvent[]) => events.flatMap((e) => (e.type === 'log' ? [e.text] : []));

/** The lines of output.log that appear more than once (each carries the engine's nanosecond time). */
function repeated(file: string): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    if (seen.has(line)) twice.push(line);
    seen.add(line);
  }
  return twice;
}

describeDocker('output.log with several sessions following one build (real engine, real Portage)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  afterAll(async () => {
    await removeTestImages(tags);
    rmSync(env.XDG_STATE_HOME, { recursive: true, force: true });
  });

  it('an attach beside the session that started the build writes nothing twice, and shows each line once', async () => {
    const own: BuildEvent[] = [];
    const attached: BuildEvent[] = [];
    let attaching: Promise<BuildSession> | null = null;
    const session = start(recipe('beside'), (s) => {
      attaching = attachBuild(s.id, { docker: connectDocker().docker, env, onEvents: (e) => attached.push(...e) });
    }, own);
    const outcome = await session.outcome;
    expect(attaching).not.toBeNull();
    const other = await attaching!;
    expect([outcome.kind, (await other.outcome).kind]).toEqual(['succeeded', 'succeeded']);
    expect(repeated(session.files.output)).toEqual([]);
    const text = readFileSync(session.files.output, 'utf8');
    expect(text).toMatch(/>>> Emerging \(1 of 2\) dev-libs\/libfoo-1\.0/);
    expect(text).toMatch(/>>> Emerging \(2 of 2\) app-misc\/foo-tool-1\.0/);
    // The attached session saw the whole build (replayed from its first line), each line once: the
    // same lines as the session that started it.
    expect(logLines(attached).filter((l) => /^>>> Emerging \(2 of 2\)/.test(l))).toHaveLength(1);
    // (less the note that the other session finishes the build).
    const container = (events: BuildEvent[]) => logLines(events).filter((l) => !l.startsWith('another gentoo-wb session is finishing'));
    expect(container(attached)).toEqual(container(own));
  }, 150_000);

  it('when the writer detaches, the session that follows on leaves the whole output in output.log', async () => {
    let follower: Promise<BuildSession> | null = null;
    const session = start(recipe('writer-leaves'), (s) => {
      follower = attachBuild(s.id, { docker: connectDocker().docker, env, onEvents: () => undefined });
      // The session that started the build (the writer) leaves at the first package.
      s.detach();
    });
    expect((await session.outcome).kind).toBe('detached');
    const other = await follower!;
    expect((await other.outcome).kind).toBe('succeeded');
    const text = readFileSync(session.files.output, 'utf8');
    expect(text).toMatch(/>>> Emerging \(2 of 2\) app-misc\/foo-tool-1\.0/);
    expect(text).toMatch(/@@gentoo-wb done/);
    expect(repeated(session.files.output)).toEqual([]);
  }, 150_000);
});
