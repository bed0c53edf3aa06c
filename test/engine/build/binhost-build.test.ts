// Binhosts end to end on real Portage 3.0.82: a build publishes its binary packages (the recipe's cache,
// --buildpkg), `binhost serve` serves them on a network the test creates, and a second build of the same
// recipe from a fresh base (no local cache) names the served binhost: pretend says every package comes as
// a binary, the build joins the network and installs them with a real `emerge --getbinpkg --getbinpkgonly`.
// The rendered binrepos.conf is the plan's own (unsigned: verify-signature = false, else Portage refuses
// the packages for want of gpg). Failures name the binhost: a package it does not have with onMissing
// `fail`, a URL nobody listens on, a served name that is not served (refused before any container).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildEvent } from '../../../src/core/events.js';
import { LABEL } from '../../../src/core/labels.js';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import { binpkgCacheKey, binpkgVolume } from '../../../src/core/plan/shared-pieces.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { recipeHash } from '../../../src/core/recipe/recipe-hash.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { serveBinhost } from '../../../src/engine/binhost/serve-binhost.js';
import { prepareBuild } from '../../../src/engine/build/prepare-build.js';
import { startBuild } from '../../../src/engine/build/runner.js';
import { dialJson } from '../../../src/engine/docker/dial.js';
import { listContainers, removeContainerSurely, removeVolume } from '../../../src/engine/docker/index.js';
import { currentNamespace, objectName } from '../../../src/engine/docker/object-names.js';
import { runPretend } from '../../../src/engine/pretend/run-pretend.js';
import { runInImage } from '../../helpers/containers.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { FAST_BUILD_ENV, realPortageImages } from '../../helpers/real-portage.js';
import { removeTestImages } from '../../helpers/test-images.js';

const TEST_LABEL = 'org.gentoo-wb-test.binhost';
const run = `bh${process.pid}-${randomBytes(3).toString('hex')}`;
const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-binhost-build-')) };
// CFLAGS of this test alone: its binary package cache (and so the served key) is nobody else's.
const CFLAGS = `-O2 -pipe -DGWB_BINHOST_BUILD_${run.replace(/-/g, '_')}`;
const CHOST = 'x86_64-pc-linux-gnu';
// Portage fetches binary packages with its default FETCHCOMMAND (wget, in the test image as in a stage3).
const FETCH_ENV = FAST_BUILD_ENV;
const tags: string[] = [];
const PACKAGES = ['app-misc/oldtool', 'app-misc/newtool'];

function recipe(name: string, binaries: Recipe['binaries'], binpkgs: boolean): Recipe {
  const tag = `gentoo-wb-test/binhost-${name}:${run}`;
  tags.push(tag);
  const r = newRecipe({ name, base: realPortageImages().base, packages: PACKAGES, tags: [tag], sizing: { jobs: 2, makeopts: '-j2' } });
  return { ...r, makeConf: { ...r.makeConf, COMMON_FLAGS: CFLAGS }, binaries, caches: { distfiles: false, binpkgs, ccache: false } };
}

async function build(r: Recipe, containerEnv: Record<string, string>) {
  const events: BuildEvent[] = [];
  const session = startBuild({ docker: testDocker(), recipe: r, env, containerEnv, onEvents: (e) => events.push(...e) });
  const outcome = await session.outcome;
  return { outcome, events, session };
}

describeDocker('binhosts with real Portage: publish, serve, install as binaries', () => {
  const namespace = currentNamespace();
  const network = objectName(`bhnet-${run}`);
  const served = `srv-${run}`;
  const volume = binpkgVolume(CHOST, CFLAGS, namespace);
  const made: string[] = [];

  beforeAll(async () => {
    await dialJson(testDocker(), { method: 'POST', path: '/networks/create', body: { Name: network, CheckDuplicate: true, Labels: { [TEST_LABEL]: run } }, ok: [200, 201] });
  });

  afterAll(async () => {
    for (const c of made) await removeContainerSurely(testDocker(), c);
    await removeTestImages(tags);
    await dialJson(testDocker(), { method: 'DELETE', path: `/networks/${network}`, ok: [200, 204] }).catch(() => undefined);
    await removeVolume(testDocker(), volume).catch(() => undefined);
    rmSync(env.XDG_STATE_HOME, { recursive: true, force: true });
  });

  it('a second build from a fresh base installs every package as a binary fetched from the served binhost, as pretend said', async () => {
    // 1. The first build publishes into its binary package cache (--buildpkg), named after CHOST and CFLAGS.
    const first = await build(recipe('publish', { hosts: [], onMissing: 'compile' }, true), FAST_BUILD_ENV);
    expect(first.outcome.kind, JSON.stringify(first.events.filter((e) => e.type === 'error'))).toBe('succeeded');

    // 2. That cache served on the test's network.
    const result = await serveBinhost(testDocker(), { name: served, key: binpkgCacheKey(CHOST, CFLAGS), volume, image: realPortageImages().base, port: 0, network, namespace });
    made.push(result.binhost.containerName);
    expect(result.probe.packages).toBe(2);

    // 3. The same recipe with no local cache, binaries only from the served binhost.
    const second = recipe('fetch', { hosts: [{ kind: 'served', name: served }], onMissing: 'fail' }, false);
    const pretend = await runPretend(testDocker(), { recipe: second });
    expect(pretend.exitCode, pretend.text).toBe(0);
    expect(pretend.command.network).toBe(network);
    expect(pretend.command.argv).toEqual(expect.arrayContaining(['--getbinpkg', '--getbinpkgonly']));
    expect(pretend.text).toMatch(/^\[binary +N +g? *\] app-misc\/oldtool-1\.0-1::gentoo/m);
    expect(pretend.text).toMatch(/^\[binary +N +g? *\] app-misc\/newtool-2\.0-1::gentoo/m);
    expect(pretend.text).toContain('Total: 2 packages (2 new, 2 binaries)');
    const conf = pretend.command.files.find((f) => f.path.endsWith(`gentoo-wb-served-${served.toLowerCase()}.conf`));
    expect(conf?.content).toContain(`sync-uri = ${result.binhost.urlInNetwork}\nverify-signature = false\n`);

    const fetched = await build(second, FETCH_ENV);
    expect(fetched.outcome.kind, JSON.stringify(fetched.events.filter((e) => e.type === 'error'))).toBe('succeeded');
    const image = tags[tags.length - 1]!;
    // Merged from binary packages: the package database keeps the binary package's checksum (BINPKGMD5).
    const tool = await runInImage(testDocker(), ['sh', '-c', 'command -v oldtool; for p in oldtool-1.0 newtool-2.0; do test -s /var/db/pkg/app-misc/$p/BINPKGMD5 && echo "$p from a binary"; done'], { image });
    expect(tool.stdout.split('\n'), tool.stderr).toEqual(['/usr/bin/oldtool', 'oldtool-1.0 from a binary', 'newtool-2.0 from a binary', '']);
    // The build said so too, and compiled nothing.
    const started = fetched.events.flatMap((e) => (e.type === 'started' ? [[e.cpv, e.binary]] : []));
    expect(started.sort()).toEqual([['app-misc/newtool-2.0', true], ['app-misc/oldtool-1.0', true]]);
  }, 300_000);

  it('onMissing fail: a package the binhost lacks fails pretend, naming the binhost', async () => {
    const r = { ...recipe('missing', { hosts: [{ kind: 'served', name: served }], onMissing: 'fail' }, false), packages: ['app-misc/hello'] };
    const pretend = await runPretend(testDocker(), { recipe: r });
    expect(pretend.verdict.kind).toBe('refused');
    expect(pretend.verdict.kind === 'refused' && pretend.verdict.reason).toMatch(new RegExp(`^no binhost has a usable binary package of app-misc/hello \\(served binhost "${served}" \\(http://`));
  }, 120_000);

  it('onMissing fail: the build of a package the binhost lacks fails before anything merges, naming the binhost', async () => {
    const r = { ...recipe('missing-build', { hosts: [{ kind: 'served', name: served }], onMissing: 'fail' }, false), packages: ['app-misc/hello'] };
    const { outcome, events } = await build(r, FETCH_ENV);
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.message).toMatch(new RegExp(`; no binhost has a usable binary package of app-misc/hello \\(served binhost "${served}" \\(http://`));
    expect(events.some((e) => e.type === 'started')).toBe(false);
  }, 120_000);

  it('a binhost nobody listens on: with onMissing compile pretend warns naming it and compiles; with fail it refuses', async () => {
    const url = 'http://127.0.0.1:9/';
    const compile = await runPretend(testDocker(), { recipe: recipe('refused', { hosts: [{ kind: 'url', url }], onMissing: 'compile' }, false) });
    expect(compile.command.network).toBe('default');
    expect(compile.verdict.kind).toBe('mergeable');
    const warning = compile.verdict.kind === 'mergeable' ? compile.verdict.warnings.map((w) => w.title) : [];
    expect(warning).toContain(`binhost ${url} does not answer: nothing listens at that address (connection refused)`);
    const fail = await runPretend(testDocker(), { recipe: recipe('refused-fail', { hosts: [{ kind: 'url', url }], onMissing: 'fail' }, false) });
    expect(fail.verdict.kind).toBe('refused');
    expect(fail.verdict.kind === 'refused' && fail.verdict.reason).toMatch(`binhost ${url} does not answer`);
  }, 120_000);

  it("Portage 3.0.82 reads the official binhost's rendered files as Gentoo's stage3 has them (emerge --info, offline)", async () => {
    const r = recipe('official', { hosts: [{ kind: 'gentoo', variant: 'x86-64-v3' }, { kind: 'url', url: 'http://binhost.lan:8080/amd64/' }], onMissing: 'compile' }, false);
    // The test base's profile names no version: plan as for a stage3's make.profile link.
    const planned = planBuild({ recipe: r, sandbox: { unshare: false }, base: { chost: CHOST, libcFiles: [], libcPackage: null, profile: '../../var/db/repos/gentoo/profiles/default/linux/amd64/23.0/systemd' } });
    if (!planned.ok) throw new Error(planned.problem);
    expect(planned.plan.steps.map((s) => s.argv[0])).toEqual(['getuto', 'emerge']);
    const files = Object.fromEntries(planned.plan.files.filter((f) => f.path.startsWith('/etc/portage/binrepos.conf/')).map((f) => [f.path, f.content]));
    expect(Object.keys(files).sort()).toEqual(['/etc/portage/binrepos.conf/gentoo-wb-binhost.lan-8080.conf', '/etc/portage/binrepos.conf/gentoobinhost.conf']);
    const info = await runInImage(testDocker(), ['emerge', '--info'], { files, env: { NOCOLOR: 'true' } });
    expect(info.exitCode, info.stderr).toBe(0);
    // Portage lists its binary repositories by ascending priority, with what it read.
    const repos = info.stdout.slice(info.stdout.indexOf('Binary Repositories:'));
    expect(repos).toMatch(/^binhost\.lan-8080\n {4}location: \/var\/cache\/binhost\/binhost\.lan-8080\n {4}priority: 10\n {4}sync-uri: http:\/\/binhost\.lan:8080\/amd64\n {4}verify-signature: False\n/m);
    expect(repos).toMatch(/^gentoobinhost\n {4}location: \/var\/cache\/binhost\/gentoobinhost\n {4}priority: 20\n {4}sync-uri: https:\/\/distfiles\.gentoo\.org\/releases\/amd64\/binpackages\/23\.0\/x86-64-v3\n {4}verify-signature: True\n/m);
  }, 60_000);

  it('a served name that is not served is refused before any container is made', async () => {
    const r = recipe('unserved', { hosts: [{ kind: 'served', name: `nobody-${run}` }], onMissing: 'compile' }, false);
    // Containers of this recipe only: other tests of the run start and remove builders meanwhile.
    const ofRecipe = [`${LABEL.recipeHash}=${recipeHash(r)}`];
    await expect(prepareBuild(testDocker(), r, { unshare: false }, { planOnly: true })).rejects.toThrow(`no binhost called "nobody-${run}" is served here`);
    expect(await listContainers(testDocker(), ofRecipe)).toEqual([]);
  }, 60_000);
});
