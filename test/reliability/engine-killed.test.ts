// A second engine killed in the middle of a build, for real: the real-Portage base copied onto a second
// dockerd (`gentoo-wb copy --from local --to second`, streamed), a build started there with --engine
// whose package compiles for a minute, that dockerd SIGKILLed mid-emerge, then started again on the same
// data root. What the build command, `builds`, `clean --dry-run --engine` and `attach` say at each point
// must be true: Docker (without live-restore) stops the containers of a killed daemon when it starts
// again, so the build cannot go on, and the first engine never sees any of it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { BuildState } from '../../src/core/build/build-record.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { connectDocker } from '../helpers/docker-client.js';
import { inspectImage } from '../../src/engine/docker/images.js';
import { importBusybox, uniqueRef } from '../engine/docker/helpers/busybox.js';
import { testDocker } from '../helpers/docker.js';
import { compileSeconds, realPortageImages } from '../helpers/real-portage.js';
import { describeSecondEngine } from '../helpers/second-engine.js';
import { caseDirs, firstLine, namespaceObjects, record, run, shortPaths, temporaryFiles, useReliabilityTable, write } from './harness.js';

useReliabilityTable('engine killed and restarted (a second dockerd of the test\'s own)');

interface Listed { id: string; engine: string; status: string; container: string; message: string | null }

const NO_STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

describeSecondEngine('an engine killed mid-build and restarted', {}, (second) => {
  const c = caseDirs();
  const { base } = realPortageImages();
  const env = { ...c.env, GENTOO_WB_BUILD_ENV: Object.entries(compileSeconds(90)).map(([k, v]) => `${k}=${v}`).join(' ') };
  const secondDocker = () => connectDocker(second().unixHost).docker;
  let buildId = '';

  it('copy refuses unknown engines and a missing image before any work; Ctrl-C mid-copy leaves no image on the target; then the base is copied with its tag', async () => {
    const added = await run(['engines', 'add', 'second', second().unixHost], env);
    expect(added.code, added.stderr).toBe(0);

    const unknown = await run(['copy', base, '--from', 'local', '--to', 'nowhere'], env);
    record({ name: 'copy to an unknown engine', message: firstLine(unknown.stderr), exit: String(unknown.code), left: 'nothing' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--to: no engine named "nowhere"/);
    const missing = await run(['copy', 'gentoo-wb-test/not-there:1', '--from', 'local', '--to', 'second'], env);
    record({ name: 'copy of an image the source lacks', message: firstLine(missing.stderr), exit: String(missing.code), left: 'nothing' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/image "gentoo-wb-test\/not-there:1" is not on the local engine/);

    const baseId = (await inspectImage(testDocker(), base)).id;
    const interrupted = await run(['copy', base, '--from', 'local', '--to', 'second'], env, { interrupt: { when: /copying /, signal: 'SIGINT', delayMs: 1500 } });
    const after = await inspectImage(secondDocker(), baseId).catch(() => null);
    record({ name: 'Ctrl-C during copy', message: firstLine(interrupted.stderr.split('\n').find((l) => l.includes('copy interrupted')) ?? interrupted.stderr), exit: String(interrupted.code), left: after ? `image ${baseId.slice(7, 19)}` : 'nothing' });
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stderr).toMatch(/copy interrupted: nothing was loaded on engine "second": no image [0-9a-f]{12} and no tag was made there/);
    expect(after).toBeNull();
    expect(interrupted.stderr).not.toMatch(NO_STACK);

    const copied = await run(['copy', base, '--from', 'local', '--to', 'second'], env, { timeoutMs: 100_000 });
    process.stderr.write(copied.stderr);
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stderr).toMatch(new RegExp(`copied [0-9a-f]{12} from local to second: [\\d.]+ [KMG]i?B in [\\d.]+ s \\([\\d.]+ [KMG]i?B/s\\); tags: ${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect((await inspectImage(secondDocker(), base)).id).toBe(baseId);
    const again = await run(['copy', base, '--from', 'local', '--to', 'second'], env);
    expect(again.stderr).toMatch(/has image [0-9a-f]{12} .* already; nothing copied/);
  }, 150_000);

  it('copy by image ID takes every name the image has (--json)', async () => {
    const [one, two] = [uniqueRef('copy-one'), uniqueRef('copy-two')];
    const id = await importBusybox(testDocker(), one);
    try {
      await testDocker().getImage(id).tag({ repo: two.split(':')[0]!, tag: two.split(':')[1]! });
      const copied = await run(['copy', id.replace(/^sha256:/, '').slice(0, 12), '--from', 'local', '--to', 'second', '--json'], env);
      record({ name: 'copy by ID, two names', message: firstLine(copied.stderr), exit: String(copied.code), left: 'the image on the second engine only' });
      expect(copied.code, copied.stderr).toBe(0);
      const result = JSON.parse(copied.stdout) as { image: string; tags: string[]; copied: boolean; bytes: number };
      expect(result).toMatchObject({ image: id, copied: true });
      expect(result.tags.sort()).toEqual([one, two].sort());
      expect(result.bytes).toBeGreaterThan(100_000);
      expect((await inspectImage(secondDocker(), id)).tags.sort()).toEqual([one, two].sort());
    } finally {
      await testDocker().getImage(one).remove().catch(() => undefined);
      await testDocker().getImage(two).remove().catch(() => undefined);
    }
  }, 60_000);

  it('build --engine: detached, attach ID follows it on that engine unasked; the image stays there (inspect --engine) and is copied back', async () => {
    const tag = `gentoo-wb-test/on-second:${process.pid}`;
    const r = newRecipe({ name: 'on-second', base, packages: ['app-misc/hello'], tags: [tag], sizing: { jobs: 1, makeopts: '-j1' } });
    r.caches = { distfiles: false, binpkgs: false, ccache: false };
    const file = write(c, 'on-second.json', serializeRecipe(r));
    const slow = { ...env, GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=6' };
    // pretend runs there too (the base is only there and on the first engine; the merge list says hello).
    const pretend = await run(['pretend', file, '--engine', 'second'], env, { timeoutMs: 60_000 });
    expect(pretend.code, pretend.stderr).toBe(0);
    expect(pretend.stdout).toContain('app-misc/hello');
    const started = await run(['build', file, '--plain', '--engine', 'second'], slow, { timeoutMs: 100_000, interrupt: { when: /start +.*app-misc\/hello/, signal: 'SIGTERM', delayMs: 500 } });
    const id = /build (\d{8}-\d{6}-[0-9a-f]{6}): logs in/.exec(started.stderr)?.[1] ?? '';
    expect(started.code, started.stderr).toBe(143);
    expect(started.stderr).toMatch(new RegExp(`detached: the build goes on; follow it with gentoo-wb attach ${id}`));
    const listed = (JSON.parse((await run(['builds', '--json'], env)).stdout) as Listed[]).find((b) => b.id === id);
    expect(listed).toMatchObject({ engine: 'second', status: 'running', container: 'running' });
    const attach = await run(['attach', id, '--plain'], env, { timeoutMs: 100_000 });
    record({ name: 'build --engine, detached, attach ID', message: firstLine(attach.stdout.split('\n').find((l) => / result /.test(l)) ?? attach.stderr), exit: String(attach.code), left: 'its image on the second engine' });
    expect(attach.code, attach.stdout + attach.stderr).toBe(0);
    expect(attach.stdout).toMatch(/result {3}success$/m);
    expect((await inspectImage(secondDocker(), tag)).tags).toContain(tag);
    expect(await inspectImage(testDocker(), tag).catch(() => null)).toBeNull();
    const inspected = await run(['inspect', tag, '--engine', 'second', '--json', '-q'], env, { timeoutMs: 100_000 });
    expect(inspected.code, inspected.stderr).toBe(0);
    expect((JSON.parse(inspected.stdout) as { packages: { cpv?: string; name?: string }[] }).packages.map((p) => JSON.stringify(p)).join()).toContain('app-misc/hello');
    const back = await run(['copy', tag, '--from', 'second', '--to', 'local'], env, { timeoutMs: 100_000 });
    try {
      expect(back.code, back.stderr).toBe(0);
      expect((await inspectImage(testDocker(), tag)).tags).toContain(tag);
    } finally {
      await testDocker().getImage(tag).remove().catch(() => undefined);
    }
  }, 150_000);

  it('dockerd SIGKILLed mid-emerge: the build says the engine is lost and what can be resumed, the first engine is untouched, builds says unknown quickly', async () => {
    // Containers on the first engine that no test of this run made (a person's): other tests, in the
    // other worker, add and remove their own meanwhile.
    const notTests = (list: Array<{ Id: string; Labels?: Record<string, string> }>) => list.filter((x) => !Object.keys(x.Labels ?? {}).some((k) => k.startsWith('org.gentoo-wb'))).map((x) => x.Id);
    const firstBefore = notTests(await testDocker().listContainers({ all: true })).sort();
    const recipe = newRecipe({ name: 'killed-engine', base, packages: ['app-misc/hello'], tags: [`gentoo-wb-test/killed-engine:${process.pid}`], sizing: { jobs: 1, makeopts: '-j1' } });
    const file = write(c, 'killed-engine.json', serializeRecipe(recipe));
    // A build on the first engine at the same time (no cache volumes: all it leaves is its image), which must finish.
    const localTag = `gentoo-wb-test/beside-killed-engine:${process.pid}`;
    const localRecipe = newRecipe({ name: 'beside', base, packages: ['app-misc/hello'], tags: [localTag], sizing: { jobs: 1, makeopts: '-j1' } });
    localRecipe.caches = { distfiles: false, binpkgs: false, ccache: false };
    const localBuild = run(['build', write(c, 'beside.json', serializeRecipe(localRecipe)), '--plain'], { ...env, GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=15' }, { timeoutMs: 110_000 });
    const started = performance.now();
    const build = await run(['build', file, '--plain', '--engine', 'second'], env, {
      timeoutMs: 120_000,
      // A few seconds into the package's compile phase.
      act: { when: /start +.*app-misc\/hello/, act: () => setTimeout(() => void second().killDockerd(), 3000) },
    });
    buildId = /build (\d{8}-\d{6}-[0-9a-f]{6}): logs in/.exec(build.stderr)?.[1] ?? '';
    const lostLine = build.stderr.split('\n').find((l) => l.startsWith('gentoo-wb: lost engine')) ?? build.stderr;
    record({ name: 'engine killed mid-emerge: build', message: shortPaths(firstLine(lostLine)), exit: String(build.code), left: 'the build container on the killed engine (its state: lost)' });
    expect(buildId, build.stderr).not.toBe('');
    expect(build.code, build.stdout + build.stderr).toBe(1);
    expect(build.stderr).toMatch(new RegExp(`gentoo-wb: lost engine "second" in the middle of build ${buildId} \\(.+\\); nothing was committed or tagged\\.`));
    expect(build.stderr).toMatch(/Docker stops its containers when it starts again \(unless it runs with live-restore\)/);
    expect(build.stderr).toMatch(/kept as binary packages in the engine's cache volume/);
    expect(build.stderr).not.toMatch(NO_STACK);
    expect(performance.now() - started).toBeLessThan(110_000);

    // The first engine: its build went on to the end; nothing else of this case's namespace, and its
    // containers as they were (others' tests may add theirs).
    const local = await localBuild;
    record({ name: 'engine killed: a local build beside it', message: firstLine(local.stdout.split('\n').find((l) => / result /.test(l)) ?? local.stderr), exit: String(local.code), left: 'its image (removed by the test)' });
    expect(local.code, local.stdout + local.stderr).toBe(0);
    expect(local.stdout).toMatch(/result {3}success$/m);
    expect(await namespaceObjects(c.namespace)).toEqual([`image ${localTag}`]);
    // clean on the first engine: nothing to remove, only the result image kept (as yours).
    const localClean = await run(['clean', '--dry-run'], env);
    await testDocker().getImage(localTag).remove();
    expect(localClean.stdout).toMatch(/^nothing to remove\nkept:\n/);
    expect(localClean.stdout.split('\n').filter((l) => /^(container|image|volume) /.test(l))).toEqual([expect.stringMatching(new RegExp(`^image +${localTag} +a result image is yours to keep`))]);
    expect(await namespaceObjects(c.namespace)).toEqual([]);
    const firstAfter = notTests(await testDocker().listContainers({ all: true }));
    for (const id of firstBefore) expect(firstAfter).toContain(id);
    await expect(testDocker().ping()).resolves.toBeTruthy();

    const state = JSON.parse(readFileSync(path.join(c.state, 'gentoo-wb', 'builds', buildId, 'state.json'), 'utf8')) as BuildState;
    expect(state).toMatchObject({ status: 'lost', engine: 'second' });

    // And an engine that never answers (its port drops every packet), with a build of its own: both said,
    // neither holds the listing beyond the 5 s each engine is given.
    const silent = await run(['engines', 'add', 'silent', second().silentHost, '--tls-dir', second().clientTlsDir], env);
    expect(silent.code, silent.stderr).toBe(0);
    const silentId = '20260101-000000-5a1e47';
    mkdirSync(path.join(c.state, 'gentoo-wb', 'builds', silentId), { recursive: true });
    writeFileSync(path.join(c.state, 'gentoo-wb', 'builds', silentId, 'state.json'), JSON.stringify({ ...state, id: silentId, engine: 'silent', status: 'running', createdAt: Date.parse('2026-01-01T00:00:00Z') }));
    const t0 = performance.now();
    const listed = await run(['builds', '--json'], env);
    const ms = performance.now() - t0;
    expect(listed.stderr).toMatch(/^gentoo-wb: engine "silent" does not answer \(.+\); its 1 build is listed as their state files say$/m);
    expect((JSON.parse(listed.stdout) as Listed[]).find((b) => b.id === silentId)).toMatchObject({ engine: 'silent', status: 'unknown' });
    const entry = (JSON.parse(listed.stdout) as Listed[]).find((b) => b.id === buildId);
    record({ name: 'engine down: builds', message: firstLine(listed.stderr), exit: String(listed.code), left: `${entry?.status}/${entry?.container}; with a silent engine too: ${Math.round(ms)} ms` });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).toMatch(/^gentoo-wb: engine "second" does not answer \(.+\); its 2 builds are listed as their state files say$/m);
    expect(entry).toMatchObject({ engine: 'second', status: 'unknown', container: 'unknown' });
    expect(entry?.message).toMatch(/engine "second" does not answer: the build's state is unknown \(last recorded: lost\)/);
    expect(ms).toBeLessThan(9000);
    const table = await run(['builds'], env);
    expect(table.stdout).toMatch(/^BUILD ID +ENGINE +RECIPE/m);
    expect(table.stdout).toMatch(new RegExp(`^${buildId} +second +killed-engine +commit +unknown +unknown`, 'm'));
    rmSync(path.join(c.state, 'gentoo-wb', 'builds', silentId), { recursive: true });
    expect((await run(['engines', 'remove', 'silent'], env)).code).toBe(0);
  }, 150_000);

  it('after the restart on the same data root: builds and clean --dry-run --engine show the stopped container, attach (no --engine) reports it ended, nothing is left', async () => {
    expect(buildId).not.toBe('');
    const restartMs = await second().restartDockerd();
    const listed = await run(['builds', '--json'], env);
    const entry = (JSON.parse(listed.stdout) as Listed[]).find((b) => b.id === buildId);
    record({ name: 'engine restarted: builds', message: shortPaths(firstLine(entry?.message ?? listed.stderr)), exit: String(listed.code), left: `${entry?.status}/${entry?.container} (restart ${restartMs} ms)` });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).not.toMatch(/does not answer/);
    // dockerd without live-restore stopped the container of the killed daemon as it came back.
    expect(entry).toMatchObject({ engine: 'second', status: 'lost', container: 'stopped' });
    const builder = (await secondDocker().listContainers({ all: true })).find((x) => x.Names.some((n) => n.includes(buildId)));
    expect(builder?.State).toBe('exited');

    const dry = await run(['clean', '--dry-run', '--engine', 'second'], env);
    const keptLine = dry.stdout.split('\n').find((l) => l.includes(buildId)) ?? dry.stdout;
    record({ name: 'engine restarted: clean --dry-run --engine', message: firstLine(keptLine.replace(/\s+/g, ' ')), exit: String(dry.code), left: 'dry run' });
    expect(dry.code, dry.stderr).toBe(0);
    // Kept, and why, in words true for a container the restart stopped.
    expect(dry.stdout).toMatch(/^kept:/m);
    expect(keptLine).toMatch(new RegExp(`build ${buildId} lost its engine or its output while it ran; gentoo-wb attach ${buildId} follows it if it still runs, else records how it ended and removes it`));

    const attach = await run(['attach', buildId, '--plain'], env, { timeoutMs: 90_000 });
    const said = attach.stderr.split('\n').filter((l) => l.startsWith('gentoo-wb:')).join(' ');
    record({ name: 'engine restarted: attach', message: shortPaths(firstLine(said || attach.stderr)), exit: String(attach.code), left: 'see below' });
    expect(attach.code, attach.stdout + attach.stderr).toBe(1);
    expect(attach.stderr).not.toMatch(NO_STACK);
    expect(said).toMatch(/the build container stopped with exit code 137 before its steps ended/);
    const finalState = JSON.parse(readFileSync(path.join(c.state, 'gentoo-wb', 'builds', buildId, 'state.json'), 'utf8')) as BuildState;
    expect(finalState.status).toBe('failed');

    const left = await run(['clean', '--dry-run', '--engine', 'second'], env);
    expect(left.stdout, left.stdout).not.toContain(buildId);
    expect(temporaryFiles(c.state)).toEqual([]);
    expect(await namespaceObjects(c.namespace)).toEqual([]);
  }, 150_000);
});
