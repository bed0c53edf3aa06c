// A binary that fails its checksum, on real Portage 3.0.82: a cache of this test's own is filled by real
// `emerge --buildpkg`, served by `binhost serve` on a network of the test's, and one package file in it is
// then corrupted (same size, other bytes), so its digests no longer match the served Packages index.
// Portage refuses it (BinpkgVerifier) and does not fall back by itself; with onMissing `compile` the
// build runs emerge again compiling that package and says why, with `fail` it fails naming the package
// and the binhost, and nothing of the package is installed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildEvent } from '../../../src/core/events.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { serveBinhost } from '../../../src/engine/binhost/serve-binhost.js';
import { startBuild } from '../../../src/engine/build/runner.js';
import { forecastBuild } from '../../../src/engine/forecast/build-forecast.js';
import { removeContainerSurely } from '../../../src/engine/docker/index.js';
import { currentNamespace } from '../../../src/engine/docker/object-names.js';
import { runInImage } from '../../helpers/containers.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { FAST_BUILD_ENV, realPortageImages } from '../../helpers/real-portage.js';
import { removeTestImages } from '../../helpers/test-images.js';
import { cpvs, makeFixture, type BinhostFixture } from './binhost-fixture.js';

const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-binary-fallback-')) };
const PACKAGES = ['app-misc/oldtool', 'app-misc/newtool'];
const BAD = '/var/cache/binpkgs/app-misc/oldtool/oldtool-1.0-1.gpkg.tar';
const tags: string[] = [];

describeDocker('a served binary that fails its checksum (real Portage)', () => {
  let fx: BinhostFixture;
  let served = '';
  let section = '';
  let url = '';
  const containers: string[] = [];

  function recipe(name: string, onMissing: Recipe['binaries']['onMissing']): Recipe {
    const tag = `gentoo-wb-test/fallback-${name}:${process.pid}`;
    tags.push(tag);
    const r = newRecipe({ name, base: realPortageImages().base, packages: PACKAGES, tags: [tag], sizing: { jobs: 2, makeopts: '-j2' } });
    return { ...r, makeConf: { ...r.makeConf, COMMON_FLAGS: fx.cflags }, binaries: { hosts: [{ kind: 'served', name: served }], onMissing }, caches: { distfiles: false, binpkgs: false, ccache: false } };
  }

  async function build(r: Recipe) {
    const events: BuildEvent[] = [];
    const session = startBuild({ docker: testDocker(), recipe: r, env, containerEnv: FAST_BUILD_ENV, onEvents: (e) => events.push(...e) });
    // As `gentoo-wb build` does: the forecast beside the build, kept in its folder and set against the record.
    const forecast = forecastBuild(testDocker(), r, session.files, { containerEnv: FAST_BUILD_ENV, env });
    const outcome = await session.outcome;
    await forecast.ready;
    return { outcome, events, session };
  }

  beforeAll(async () => {
    fx = await makeFixture('fallback');
    const built = await fx.inBase(['sh', '-c', `emerge --buildpkg --oneshot --color=n ${PACKAGES.join(' ')} >/tmp/log 2>&1 || { tail -20 /tmp/log; exit 1; }; cat /var/cache/binpkgs/Packages`]);
    expect(built.exitCode, built.output).toBe(0);
    expect(cpvs(built.output)).toEqual(['app-misc/newtool-2.0', 'app-misc/oldtool-1.0']);
    served = `fb-${process.pid}`;
    const result = await serveBinhost(testDocker(), { name: served, key: fx.key, volume: fx.volume, image: realPortageImages().base, port: 0, network: fx.network, namespace: currentNamespace() });
    containers.push(result.binhost.containerName);
    section = `served-${served}`;
    url = result.binhost.urlInNetwork ?? '';
    // Same size, other bytes: the size check passes, the digests of the index do not.
    const corrupt = await fx.inBase(['sh', '-c', `size=$(stat -c %s ${BAD}); printf 'gentoo-wb corrupted this' | dd of=${BAD} bs=1 seek=1024 conv=notrunc 2>/dev/null; test "$(stat -c %s ${BAD})" = "$size"`]);
    expect(corrupt.exitCode, corrupt.output).toBe(0);
  }, 300_000);

  afterAll(async () => {
    for (const c of containers) await removeContainerSurely(testDocker(), c);
    await removeTestImages(tags);
    await fx?.remove();
    rmSync(env.XDG_STATE_HOME, { recursive: true, force: true });
  });

  it('onMissing compile: the package whose binary fails compiles, the other comes as a binary, and the build says why', async () => {
    const { outcome, events, session } = await build(recipe('compile', 'compile'));
    expect(outcome.kind, JSON.stringify(events.filter((e) => e.type === 'error' || e.type === 'failure-log'))).toBe('succeeded');
    expect(events.filter((e) => e.type === 'binary-fallback').map((e) => ({ ...e, t: undefined }))).toEqual([{ type: 'binary-fallback', cp: 'app-misc/oldtool', hosts: [section], reason: 'checksum', t: undefined }]);
    // Portage's own refusal first, then the package again from source; newtool stays a binary.
    const started = events.flatMap((e) => (e.type === 'started' ? [`${e.cpv} ${e.binary ? 'binary' : 'source'}`] : []));
    expect(started).toContain('app-misc/oldtool-1.0 binary');
    expect(started.slice(started.lastIndexOf('app-misc/oldtool-1.0 binary') + 1)).toContain('app-misc/oldtool-1.0 source');
    // newtool, named on the command line, merges again in the second emerge: from its binary each time.
    const newtool = started.filter((s) => s.startsWith('app-misc/newtool'));
    expect(newtool.length).toBeGreaterThan(0);
    expect(new Set(newtool)).toEqual(new Set(['app-misc/newtool-2.0 binary']));
    const log = events.flatMap((e) => (e.type === 'log' ? [e.text] : []));
    expect(log).toContain(`>>> gentoo-wb: the binary of app-misc/oldtool from ${section} failed its checksum: compiling it from source instead`);
    // The image: oldtool compiled (no binary package checksum in its database entry), newtool from the binary.
    const image = tags[tags.length - 1]!;
    const db = await runInImage(testDocker(), ['sh', '-c', 'command -v oldtool; for p in oldtool-1.0 newtool-2.0; do test -s /var/db/pkg/app-misc/$p/BINPKGMD5 && echo "$p binary" || echo "$p source"; done'], { image });
    expect(db.stdout.split('\n'), db.stderr).toEqual(['/usr/bin/oldtool', 'oldtool-1.0 source', 'newtool-2.0 binary', '']);
    // The record sets it against the forecast: a binary was forecast, a compile happened, and why.
    const record = JSON.parse(readFileSync(session.files.record, 'utf8')) as { packages: { cpv: string; note?: string }[]; forecast?: { packages: { cpv: string; forecast: { from: string } | null; actual: { binary: boolean; note?: string } | null }[] } };
    expect(record.packages.filter((p) => p.note)).toEqual([expect.objectContaining({ cpv: 'app-misc/oldtool-1.0', note: `binary from ${section} failed its checksum: compiled instead` })]);
    const old = record.forecast?.packages.find((p) => p.cpv === 'app-misc/oldtool-1.0');
    expect(old?.forecast?.from).toBe('binhost');
    expect(old?.actual).toMatchObject({ binary: false, note: `binary from ${section} failed its checksum: compiled instead` });
  }, 300_000);

  it('onMissing compile, signatures required: the unsigned binary fails its signature check in real Portage and compiles, beside the checksum failure', async () => {
    // The served packages are unsigned. FEATURES=binpkg-request-signature makes Portage require a signature of
    // every binary package (gpkg.py), whatever binrepos.conf says; the image has gpgv but not gpg, so Portage's
    // verify command is gpgv with the same status output. Unpacking newtool then fails in Portage's own
    // _verify_binpkg ("GnuPG verification failed"), while oldtool still fails its checksum first.
    const r = recipe('signature', 'compile');
    const signed = { ...r, makeConf: { ...r.makeConf, FEATURES: 'binpkg-request-signature', BINPKG_GPG_VERIFY_BASE_COMMAND: '/usr/bin/gpgv --status-fd 2 [PORTAGE_CONFIG] [SIGNATURE]' } };
    const { outcome, events } = await build(signed);
    const log = events.flatMap((e) => (e.type === 'log' ? [e.text] : []));
    expect(outcome.kind, log.slice(-40).join('\n')).toBe('succeeded');
    expect(events.filter((e) => e.type === 'binary-fallback').map((e) => ({ ...e, t: undefined }))).toEqual([
      { type: 'binary-fallback', cp: 'app-misc/oldtool', hosts: [section], reason: 'checksum', t: undefined },
      { type: 'binary-fallback', cp: 'app-misc/newtool', hosts: [section], reason: 'signature', t: undefined },
    ]);
    expect(log).toContain(`>>> gentoo-wb: the binary of app-misc/newtool from ${section} failed its signature check: compiling it from source instead`);
    // Portage's own words for it, on its output (gpkg.py show_gpg_error through EOutput.eerror).
    expect(log.some((l) => l.includes('Binary package is not usable (verification failed):'))).toBe(true);
    const started = events.flatMap((e) => (e.type === 'started' ? [`${e.cpv} ${e.binary ? 'binary' : 'source'}`] : []));
    expect(started.slice(started.lastIndexOf('app-misc/newtool-2.0 binary') + 1)).toContain('app-misc/newtool-2.0 source');
    const image = tags[tags.length - 1]!;
    const db = await runInImage(testDocker(), ['sh', '-c', 'for p in oldtool-1.0 newtool-2.0; do test -s /var/db/pkg/app-misc/$p/BINPKGMD5 && echo "$p binary" || echo "$p source"; done'], { image });
    expect(db.stdout.split('\n'), db.stderr).toEqual(['oldtool-1.0 source', 'newtool-2.0 source', '']);
  }, 300_000);

  it('onMissing fail: the build fails naming the package and the binhost, and installs nothing of it', async () => {
    const { outcome, events } = await build(recipe('fail', 'fail'));
    expect(outcome.kind).toBe('failed');
    const message = outcome.kind === 'failed' ? outcome.message : '';
    expect(message).toContain('app-misc/oldtool');
    expect(message).toContain(`served binhost "${served}" (${url}) served a package that fails its checksum`);
    expect(events.some((e) => e.type === 'binary-fallback')).toBe(false);
    expect(events.some((e) => e.type === 'started' && e.cpv === 'app-misc/oldtool-1.0' && !e.binary)).toBe(false);
  }, 300_000);

  it('onMissing fail, signatures required: the build fails naming the package, the binhost and the signature, and installs nothing of it', async () => {
    const r = recipe('signature-fail', 'fail');
    const signed = { ...r, packages: ['app-misc/newtool'], makeConf: { ...r.makeConf, FEATURES: 'binpkg-request-signature', BINPKG_GPG_VERIFY_BASE_COMMAND: '/usr/bin/gpgv --status-fd 2 [PORTAGE_CONFIG] [SIGNATURE]' } };
    const { outcome, events } = await build(signed);
    expect(outcome.kind).toBe('failed');
    const message = outcome.kind === 'failed' ? outcome.message : '';
    expect(message).toContain(`served binhost "${served}" (${url}) served a package whose signature could not be verified (GnuPG verification failed) — app-misc/newtool`);
    expect(events.some((e) => e.type === 'binary-fallback')).toBe(false);
    expect(events.some((e) => e.type === 'started' && e.cpv === 'app-misc/newtool-2.0' && !e.binary)).toBe(false);
  }, 300_000);
});
