// Stage4 and minimal builds on the real engine and the stand-in stage3: stage4 rebuilds @world for
// a -march and labels the image with it and the CPU flags; minimal trims USE, locales and a system
// package, flattens to one layer with the config kept, and reports the sizes before and after.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LABEL } from '../../../../src/core/labels.js';
import { inspectImage } from '../../../../src/engine/docker/index.js';
import { describeDocker, testDocker } from '../../../helpers/docker.js';
import { runInImage } from '../../../helpers/containers.js';
import { realPortageImages } from '../../../helpers/real-portage.js';
import { buildToEnd, cleanUp, imageFiles, logOf, modeRecipe, ofType, run, testTag } from './mode-build-helpers.js';

/** A build on the stand-in takes seconds alone, longer beside the rest of the suite on two cores. */
const BUILD_TIMEOUT = 240_000;
const tags: string[] = [];
const tag = (name: string) => testTag(tags, name);

describeDocker('stage4 and minimal builds (real engine, stand-in stage3)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  afterAll(async () => {
    await cleanUp(tags);
  });

  it('stage4: @world rebuilt with --emptytree for -march=native -Os, labelled with the -march and the CPU flags, and runnable', async () => {
    const r = modeRecipe('stage4', ['app-misc/hello'], { kind: 'stage4', march: 'native', optimize: '-Os' }, [tag('stage4')]);
    r.smokeTest = { argv: ['/usr/bin/hello'] };
    const { session, outcome, events } = await buildToEnd(r);
    expect(outcome.kind, logOf(events)).toBe('succeeded');
    expect(ofType(events, 'step-finished').map((s) => [s.step, s.ok])).toEqual([['prepare', true], ['cpu-facts', true], ['emerge', true], ['commit', true], ['smoke-test', true]]);
    const started = ofType(events, 'started').map((e) => e.cpv);
    // --emptytree: the installed system is rebuilt, not only the new package.
    expect(started).toEqual(expect.arrayContaining(['app-misc/hello-2.12.1', 'sys-libs/glibc-2.40-r5', 'sys-devel/gcc-13.3.1_p20241220']));
    expect(started.length).toBeGreaterThan(10);

    const details = await inspectImage(testDocker(), r.image.tags[0]!);
    expect(details.labels[LABEL.march]).toBe('native');
    const hostFlags = (readFileSync('/proc/cpuinfo', 'utf8').match(/^(?:flags|Features)\s*:\s*(.*)$/m)?.[1] ?? '').trim().split(/\s+/);
    // The stand-in has no gcc, so the flags are the engine host's (this host's, on a local engine).
    expect(details.labels[LABEL.cpuFlags]!.split(' ')).toEqual(hostFlags);
    const makeConf = await runInImage(testDocker(), ['cat', '/etc/portage/make.conf'], { image: r.image.tags[0]! });
    expect(makeConf.stdout).toContain(`COMMON_FLAGS="-pipe -frecord-gcc-switches-${run} -march=native -Os"`);

    const record = JSON.parse(readFileSync(session.files.record, 'utf8')) as { extras: { cpu: { march: string; source: string; warning: string } }; smokeTest: { ok: boolean } };
    expect(record.extras.cpu).toMatchObject({ march: 'native', source: 'cpuinfo' });
    expect(record.extras.cpu.warning).toMatch(/it needs a CPU with the same instruction sets/);
    expect(record.smokeTest.ok).toBe(true);
    expect(logOf(events)).toMatch(/stage4: the image is built for the CPU of the machine that built it/);
  }, BUILD_TIMEOUT);

  it('minimal: USE="-*", one locale, coreutils out of @system and depcleaned, docs gone, one layer with the config, sizes before and after', async () => {
    const r = modeRecipe('minimal', ['app-misc/hello'], { kind: 'minimal', keepUse: ['ssl', 'curl_ssl_openssl'], locales: ['en_US.UTF-8 UTF-8'], removeSystem: ['sys-apps/coreutils'] }, [tag('minimal')]);
    r.image.cmd = ['/usr/bin/hello'];
    r.image.env = { GREETING: 'hi' };
    const { session, outcome, events } = await buildToEnd(r);
    expect(outcome.kind, logOf(events)).toBe('succeeded');
    expect(ofType(events, 'step-finished').map((s) => [s.step, s.ok])).toEqual([['prepare', true], ['emerge', true], ['depclean', true], ['locale-gen', true], ['cleanup', true], ['flatten', true], ['smoke-test', true]]);

    const base = await inspectImage(testDocker(), realPortageImages().base);
    const details = await inspectImage(testDocker(), r.image.tags[0]!);
    expect(details.layers).toHaveLength(1);
    expect(details.config.Cmd).toEqual(['/usr/bin/hello']);
    // The base's config is kept under the recipe's.
    expect(details.config.Env).toEqual(expect.arrayContaining(['GREETING=hi', 'LANG=C.UTF-8', expect.stringMatching(/^PATH=/)]));
    expect(details.config.WorkingDir).toBe('/root');
    expect(details.labels[LABEL.role]).toBe('result');
    expect(details.size).toBeLessThan(base.size);

    const files = await imageFiles(r.image.tags[0]!);
    expect(files.has('/usr/bin/hello')).toBe(true);
    expect(files.has('/usr/share/coreutils/coreutils-data.bin')).toBe(false);
    expect([...files.keys()].filter((f) => f.startsWith('/var/db/pkg/sys-apps/coreutils-'))).toEqual([]);
    expect([...files.keys()].filter((f) => f.startsWith('/usr/share/doc/') || f.startsWith('/var/db/repos/gentoo/'))).toEqual([]);
    expect(files.get('/usr/lib/locale/locale-archive')?.size).toBeLessThan(2 * 1024 * 1024);
    const use = await runInImage(testDocker(), ['cat', '/etc/portage/make.conf', '/etc/locale.gen', '/etc/portage/profile/packages'], { image: r.image.tags[0]! });
    expect(use.stdout).toContain('USE="-* ssl curl_ssl_openssl"');
    expect(use.stdout).toContain('-*sys-apps/coreutils');

    const record = JSON.parse(readFileSync(session.files.record, 'utf8')) as { extras: { sizes: { before: number; after: number; layers: number } } };
    expect(record.extras.sizes).toEqual({ before: base.size, after: details.size, layers: 1 });
    expect(logOf(events)).toMatch(/^size: [\d.]+ MB before \(the base image\) → [\d.]+ MB after, 1 layer \(\d+ % smaller\)$/m);
  }, BUILD_TIMEOUT);
});
