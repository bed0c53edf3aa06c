// distcc for real: a build on the first engine whose compile jobs go to one distccd helper on a second
// engine (a second dockerd in its own network namespace, reached over tcp:// with TLS). The base is copied
// there by the build itself, the helper image made there with real emerge; distccd's own log (read by this
// test from the helper container while the build runs) shows COMPILE_OK for newtool.c and oldtool.c; the
// image holds no trace of distcc and has the same files as a build of the same recipe without distcc.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Dockerode from 'dockerode';
import { gentooWbLabelFilters, LABEL } from '../../../src/core/labels.js';
import { recipeSchema, type Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { connectNamedEngine } from '../../../src/engine/engines/connect-named.js';
import { addEngine, removeEngine } from '../../../src/engine/engines/engine-store.js';
import { containerLogs, findLeftovers, listContainers, listImages, removeImage, removeLeftovers } from '../../../src/engine/docker/index.js';
import { currentNamespace } from '../../../src/engine/docker/object-names.js';
import { openSettings } from '../../../src/engine/settings/settings-store.js';
import { testDocker } from '../../helpers/docker.js';
import { compileSeconds, realPortageImages } from '../../helpers/real-portage.js';
import { describeSecondEngine } from '../../helpers/second-engine.js';
import { runInImage } from '../../helpers/containers.js';
import { buildToEnd, cleanUp, imageFiles, logOf, ofType, stateEnv, testTag } from '../build/modes/mode-build-helpers.js';
import { attachBuild, startBuild, type BuildSession } from '../../../src/engine/build/runner.js';
import type { BuildEvent, DistccEvent } from '../../../src/core/events.js';

describeSecondEngine('distcc: compile jobs on a distccd helper of a second engine', {}, (second) => {
  const name = `distcc-second-${process.pid}`;
  const tags: string[] = [];
  let secondDocker: Dockerode;

  beforeAll(async () => {
    const added = addEngine(openSettings(), { name, url: second().tcpHost, tlsDir: second().clientTlsDir });
    expect(added.ok, JSON.stringify(added)).toBe(true);
    secondDocker = (await connectNamedEngine(name)).docker;
  }, 60_000);
  afterAll(async () => {
    removeEngine(openSettings(), name);
    await cleanUp(tags);
    if (secondDocker) for (const image of await listImages(secondDocker, { labels: gentooWbLabelFilters({ role: 'distcc-image', namespace: currentNamespace() }) })) await removeImage(secondDocker, image.id, { force: true });
  }, 60_000);

  /** The same packages, compiled (no binary package cache: a cached binary would compile nothing). */
  function recipe(tag: string, distcc: boolean): Recipe {
    const r = recipeSchema.parse({
      version: 1, name: distcc ? 'with-distcc' : 'without-distcc', base: { image: realPortageImages().base },
      packages: ['app-misc/newtool', 'app-misc/oldtool'], makeConf: { MAKEOPTS: '-j1' }, image: { tags: [tag] },
      caches: { distfiles: false, binpkgs: false, ccache: false },
      ...(distcc ? { distcc: { engines: [name] } } : {}),
    });
    return r;
  }

  /** distccd's log of every helper of the namespace on the second engine, read until `stop` resolves. */
  function followHelperLogs(stop: Promise<unknown>): Promise<Map<string, string>> {
    const logs = new Map<string, string>();
    let done = false;
    void stop.finally(() => { done = true; });
    return (async () => {
      while (!done) {
        const helpers = await listContainers(secondDocker, gentooWbLabelFilters({ role: 'distcc-helper', namespace: currentNamespace() })).catch(() => []);
        for (const h of helpers.filter((c) => c.labels[LABEL.buildId] !== undefined)) {
          const chunks: Buffer[] = [];
          try {
            for await (const frame of containerLogs(secondDocker, h.id)) chunks.push(frame.data);
            logs.set(h.id, Buffer.concat(chunks).toString('utf8'));
          } catch {
            // Removed meanwhile: the last read stays.
          }
        }
        // A second apart, and no longer once the build ended (its helper is gone by then).
        await Promise.race([new Promise((r) => setTimeout(r, 1000)), stop.catch(() => undefined)]);
      }
      return logs;
    })();
  }

  /** The image of the first test's distcc build, compared with a build without distcc at the end. */
  let withTag = '';

  it('compiles newtool.c and oldtool.c on the helper (distccd logs COMPILE_OK), leaves no helper and no distcc in the image', async () => {
    withTag = testTag(tags, 'distcc-with');
    const started = performance.now();
    const building = buildToEnd(recipe(withTag, true));
    const logs = await followHelperLogs(building);
    const built = await building;
    const seconds = (performance.now() - started) / 1000;
    expect(built.outcome.kind, logOf(built.events)).toBe('succeeded');

    // distccd's own log: the compile jobs of both packages ran on the second engine.
    const log = [...logs.values()].join('\n');
    expect(logs.size, 'one helper').toBe(1);
    expect(log).toMatch(/\(dcc_job_summary\) client: \S+ COMPILE_OK .* newtool\.c\s*$/m);
    expect(log).toMatch(/\(dcc_job_summary\) client: \S+ COMPILE_OK .* oldtool\.c\s*$/m);

    // The events said where the helper was and what it did, and that it was stopped.
    const statuses = ofType(built.events, 'distcc') as DistccEvent[];
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    const last = statuses.at(-1)!;
    expect(last.helpers).toEqual([expect.objectContaining({ engine: name, address: second().address, jobs: expect.any(Number), state: 'stopped' })]);
    expect(last.helpers[0]!.compiles).toBeGreaterThanOrEqual(2);
    expect(last.hosts).toMatch(new RegExp(`^${second().address.replace(/\./g, '\\.')}:\\d+/\\d+$`));
    process.stderr.write(`distcc build: ${seconds.toFixed(0)} s (base copied to the second engine, helper image made there), ${last.hosts}, MAKEOPTS=${last.makeopts}\n`);

    // Nothing left running on either engine; the helper image stays on the second for the next build.
    const ns = currentNamespace();
    expect(await listContainers(secondDocker, gentooWbLabelFilters({ role: 'distcc-helper', namespace: ns }))).toEqual([]);
    expect(await listContainers(testDocker(), gentooWbLabelFilters({ role: 'distcc-helper', namespace: ns }))).toEqual([]);
    expect((await listImages(secondDocker, { labels: gentooWbLabelFilters({ role: 'distcc-image', namespace: ns }) })).length).toBe(1);

    // No distcc in the image: no package, no client, no FEATURES=distcc, no DISTCC_* in its config.
    const inImage = await runInImage(testDocker(), ['sh', '-c', 'cat /etc/portage/make.conf; ls -d /var/db/pkg/sys-devel/distcc* /usr/bin/distcc /usr/lib/distcc /var/lib/gentoo-wb 2>&1; env'], { image: withTag });
    expect(inImage.stdout).not.toMatch(/FEATURES="[^"]*distcc|DISTCC_/);
    expect(inImage.stdout).toMatch(/ls: cannot access '\/var\/db\/pkg\/sys-devel\/distcc\*'/);
    expect(inImage.stdout).toMatch(/ls: cannot access '\/usr\/bin\/distcc'/);
    expect(inImage.stdout).toMatch(/ls: cannot access '\/usr\/lib\/distcc'/);
  }, 600_000);

  // The next four are independent builds that run side by side (the first test made the helper image they
  // reuse); each checks the helpers of its own build, and the engine-lost test at the end (beside a build
  // that starts no helper) checks that no helper of anyone is left on either engine.
  it.concurrent('a second build reuses the helper image on that engine', async () => {
    const tag = testTag(tags, 'distcc-again');
    const built = await buildToEnd(recipe(tag, true));
    expect(built.outcome.kind, logOf(built.events)).toBe('succeeded');
    expect(logOf(built.events)).not.toMatch(/made the helper image/);
    expect(logOf(built.events)).not.toMatch(/copying the base/);
    const last = (ofType(built.events, 'distcc') as DistccEvent[]).at(-1)!;
    expect(last.helpers[0]!.compiles).toBeGreaterThanOrEqual(2);
  }, 600_000);

  /** Helper containers of the namespace on both engines (of one build when `buildId` is given). */
  async function helpersLeft(buildId?: string): Promise<string[]> {
    const filters = gentooWbLabelFilters({ role: 'distcc-helper', namespace: currentNamespace(), buildId });
    return [...(await listContainers(secondDocker, filters)), ...(await listContainers(testDocker(), filters))].map((c) => c.names[0] ?? c.id);
  }

  it.concurrent('a cancel (Ctrl-C) once the helpers run: cancelled, nothing tagged, no helper left', async () => {
    const tag = testTag(tags, 'distcc-cancel');
    const events: BuildEvent[] = [];
    let session: BuildSession | null = null;
    let asked = false;
    session = startBuild({
      docker: testDocker(), recipe: recipe(tag, true), env: stateEnv, containerEnv: compileSeconds(30),
      onEvents: (e) => {
        events.push(...e);
        // Once emerge compiles (the helpers are up and in use): cancel as Ctrl-C does.
        if (!asked && e.some((x) => x.type === 'started')) {
          asked = true;
          void session?.cancel();
        }
      },
    });
    const outcome = await session.outcome;
    expect(outcome.kind, logOf(events)).toBe('cancelled');
    expect(await helpersLeft(session.id)).toEqual([]);
    expect((ofType(events, 'distcc') as DistccEvent[]).at(-1)!.helpers.map((h) => h.state)).toEqual(['stopped']);
  }, 600_000);

  it.concurrent('a detached build keeps its helpers (it still compiles with them); attach follows it to its end and removes them', async () => {
    const tag = testTag(tags, 'distcc-detach');
    const events: BuildEvent[] = [];
    let session: BuildSession | null = null;
    session = startBuild({
      docker: testDocker(), recipe: recipe(tag, true), env: stateEnv, containerEnv: compileSeconds(3),
      onEvents: (e) => {
        events.push(...e);
        if (e.some((x) => x.type === 'started')) session?.detach();
      },
    });
    expect((await session.outcome).kind, logOf(events)).toBe('detached');
    expect((await helpersLeft(session.id)).length).toBe(1);
    const followed: BuildEvent[] = [];
    const attached = await attachBuild(session.id, { docker: testDocker(), env: stateEnv, onEvents: (e) => followed.push(...e) });
    expect((await attached.outcome).kind, logOf(followed)).toBe('succeeded');
    expect(await helpersLeft(session.id)).toEqual([]);
  }, 600_000);

  it.concurrent('a package that fails: the build fails and its helpers are removed', async () => {
    const r = recipe(testTag(tags, 'distcc-fail'), true);
    r.packages = ['dev-util/brokentool'];
    const built = await buildToEnd(r);
    expect(built.outcome.kind, logOf(built.events)).toBe('failed');
    expect(await helpersLeft(built.session.id)).toEqual([]);
  }, 600_000);

  // The last two run side by side: the engine-lost build is the only one on the second engine (it kills
  // its dockerd), and the build without distcc starts no helper and never uses the second engine. (The
  // comparison build once ran beside the first test's distcc build, which also copies the base and makes
  // the helper image, and on a loaded 2-core machine Portage failed newtool's post-install with no message.
  // Here it runs beside one build that reuses the helper image, as the four above run beside each other.)
  describe('at the end, side by side', () => {
    it.concurrent('the image of the first test\'s distcc build equals a build of the same recipe without distcc', async () => {
      const withoutTag = testTag(tags, 'distcc-without');
      const plain = await buildToEnd(recipe(withoutTag, false));
      expect(plain.outcome.kind, logOf(plain.events)).toBe('succeeded');
      expect(withTag, 'the first test made the distcc build\'s image').not.toBe('');
      const [a, b] = await Promise.all([imageFiles(withTag), imageFiles(withoutTag)]);
      const extra = [...a.keys()].filter((p) => !b.has(p));
      const missing = [...b.keys()].filter((p) => !a.has(p));
      expect({ extra, missing }).toEqual({ extra: [], missing: [] });
      expect(a.size).toBeGreaterThan(1000);
    }, 600_000);

    it.concurrent('the helpers\' engine killed mid-build: the build goes on and succeeds, the helper shows as lost, the build says what it could not remove, and clean finds it once that engine is back', async () => {
      const tag = testTag(tags, 'distcc-engine-lost');
      const events: BuildEvent[] = [];
      let killed = false;
      const session = startBuild({
        // The engine goes 2 s into the first package's compile pause: the build has two 6 s pauses still to
        // run after it, and the helper is polled and removed only after emerge (where it shows as lost).
        docker: testDocker(), recipe: recipe(tag, true), env: stateEnv, containerEnv: compileSeconds(6),
        onEvents: (e) => {
          events.push(...e);
          if (!killed && e.some((x) => x.type === 'started')) {
            killed = true;
            setTimeout(() => void second().killDockerd(), 2000);
          }
        },
      });
      const outcome = await session.outcome;
      expect(outcome.kind, logOf(events)).toBe('succeeded');
      const states = (ofType(events, 'distcc') as DistccEvent[]).map((e) => e.helpers[0]!.state);
      expect(states).toContain('lost');
      expect(ofType(events, 'error').map((e) => e.message).join('\n')).toMatch(new RegExp(`could not remove the distccd helper [0-9a-f]{12} on engine "${name}" .*gentoo-wb clean --engine ${name} removes it`));
      await second().restartDockerd();
      secondDocker = (await connectNamedEngine(name)).docker;
      const report = await findLeftovers(secondDocker, { env: stateEnv });
      const helpers = report.remove.filter((o) => o.kind === 'container' && o.role === 'distcc-helper' && o.buildId === session.id);
      expect(helpers.length, JSON.stringify(report)).toBe(1);
      const removed = await removeLeftovers(secondDocker, helpers);
      expect(removed.failed).toEqual([]);
      expect(await helpersLeft()).toEqual([]);
    }, 600_000);
  });
});
