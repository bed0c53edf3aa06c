// Stage4 and minimal builds on the real engine and real Portage: stage4 rebuilds @world with
// --emptytree for a -march (every installed package, compiled with the new flags) and labels the
// image with it and the CPU flags the base's gcc names; minimal turns USE to "-*" plus kept flags,
// takes a package out of @system and depcleans it, removes docs and the tree, flattens to one layer
// without the files the engine puts into containers, keeps the config, and reports the sizes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LABEL } from '../../../../src/core/labels.js';
import { inspectImage } from '../../../../src/engine/docker/index.js';
import { describeDocker, testDocker } from '../../../helpers/docker.js';
import { runInImage } from '../../../helpers/containers.js';
import { realPortageImages } from '../../../helpers/real-portage.js';
import { ENGINE_PATHS, layerEnginePaths } from './image-layers.js';
import { buildToEnd, cleanUp, imageFiles, logOf, modeRecipe, ofType, run, testTag } from './mode-build-helpers.js';

/** A build on real Portage takes a minute or two alone, longer beside the rest of the suite on two cores and beside the other build here. */
const BUILD_TIMEOUT = 600_000;
const tags: string[] = [];
const tag = (name: string) => testTag(tags, name);

/** Text of files in an image (cat of each; a missing one ends the list with cat's error). */
async function cat(image: string, ...paths: string[]): Promise<string> {
  const r = await runInImage(testDocker(), ['cat', ...paths], { image });
  return r.stdout + r.stderr;
}

/** category/package of every package installed in an image. */
async function installedCps(image: string): Promise<string[]> {
  const r = await runInImage(testDocker(), ['sh', '-c', 'cd /var/db/pkg && ls -d */*'], { image });
  return r.stdout.split('\n').filter(Boolean).map((cpv) => cpv.replace(/-\d[^/]*$/, '')).sort();
}

describeDocker('stage4 and minimal builds (real engine, real Portage)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  afterAll(async () => {
    await cleanUp(tags);
  });

  // Two builds of their own (tags, records, flags): they run side by side, the engine's work of one
  // (commit, flatten, exports) overlapping the other's emerge.
  it.concurrent('stage4: every installed package rebuilt with --emptytree for -march=native -Os, labelled with the -march and the CPU flags gcc names, and runnable', async () => {
    const r = modeRecipe('stage4', ['app-misc/hello'], { kind: 'stage4', march: 'native', optimize: '-Os' }, [tag('stage4')]);
    r.smokeTest = { argv: ['/usr/bin/hello'] };
    const { session, outcome, events } = await buildToEnd(r);
    expect(outcome.kind, logOf(events)).toBe('succeeded');
    expect(ofType(events, 'step-finished').map((s) => [s.step, s.ok])).toEqual([['prepare', true], ['cpu-facts', true], ['emerge', true], ['commit', true], ['smoke-test', true]]);
    const image = r.image.tags[0]!;
    // What the base and the image hold, read side by side (containers of their own, the engine's inspect).
    const [base, installed, flags, details, makeConf] = await Promise.all([
      installedCps(realPortageImages().base), installedCps(image),
      runInImage(testDocker(), ['sh', '-c', 'for f in /var/db/pkg/*/*/CFLAGS; do echo "$f: $(cat "$f")"; done'], { image }),
      inspectImage(testDocker(), image), cat(image, '/etc/portage/make.conf'),
    ]);
    // --emptytree: the whole installed system is rebuilt (from source: the base has no binary packages of these flags), not only the new package.
    const started = ofType(events, 'started').map((e) => e.cpv);
    expect(base).toEqual(expect.arrayContaining(['sys-libs/glibc', 'sys-libs/zlib']));
    expect([...new Set(started.map((cpv) => cpv.replace(/-\d[^/]*$/, '')))].sort()).toEqual([...base, 'app-misc/hello'].sort());
    expect(installed).toEqual([...base, 'app-misc/hello'].sort());
    // Each was compiled with the new flags, as its database entry records.
    const lines = flags.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(base.length + 1);
    for (const line of lines) expect(line).toMatch(new RegExp(`: -pipe -DGWB_MODES_${run} -march=native -Os$`));

    const record = JSON.parse(readFileSync(session.files.record, 'utf8')) as { extras: { cpu: { march: string; resolved: string; source: string; flags: string[]; warning: string } }; smokeTest: { ok: boolean } };
    // The base has gcc: the facts are what -march=native resolves to and enables beyond x86-64.
    expect(record.extras.cpu).toMatchObject({ march: 'native', source: 'gcc', resolved: expect.stringMatching(/^[a-z0-9-]+$/) });
    expect(details.labels[LABEL.march]).toBe(`native (${record.extras.cpu.resolved})`);
    expect(details.labels[LABEL.cpuFlags]).toBe(record.extras.cpu.flags.join(' '));
    expect(record.extras.cpu.flags).toEqual(expect.arrayContaining(['sse4.2']));
    expect(record.extras.cpu.flags).not.toContain('sse2');
    expect(makeConf).toContain(`COMMON_FLAGS="-pipe -DGWB_MODES_${run} -march=native -Os"`);

    expect(record.extras.cpu.warning).toMatch(/it needs a CPU with the same instruction sets/);
    expect(record.smokeTest.ok).toBe(true);
    expect(logOf(events)).toMatch(/stage4: the image is built for the CPU of the machine that built it/);
  }, BUILD_TIMEOUT);

  it.concurrent('minimal: USE="-*" plus a kept flag, eselect out of @system and depcleaned, docs and tree gone, one layer without the engine\'s files, with the config, sizes before and after', async () => {
    const r = modeRecipe('minimal', ['app-misc/hello'], { kind: 'minimal', keepUse: ['nls'], locales: ['en_US.UTF-8 UTF-8'], removeSystem: ['app-admin/eselect'] }, [tag('minimal')]);
    r.image.cmd = ['/usr/bin/hello'];
    r.image.env = { GREETING: 'hi' };
    const { session, outcome, events } = await buildToEnd(r);
    expect(outcome.kind, logOf(events)).toBe('succeeded');
    expect(ofType(events, 'step-finished').map((s) => [s.step, s.ok])).toEqual([['prepare', true], ['emerge', true], ['depclean', true], ['locale-gen', true], ['cleanup', true], ['flatten', true], ['smoke-test', true]]);
    const image = r.image.tags[0]!;

    // Everything read from the base and the image, side by side (containers of their own, exports, archives).
    const [base, details, installed, files, use, config, [layer, ...more], baseLayers] = await Promise.all([
      inspectImage(testDocker(), realPortageImages().base), inspectImage(testDocker(), image), installedCps(image), imageFiles(image),
      cat(image, '/var/db/pkg/sys-libs/glibc-2.40-r5/USE', '/var/db/pkg/app-misc/hello-2.12.1/USE'),
      cat(image, '/etc/portage/make.conf', '/etc/locale.gen', '/etc/portage/profile/packages'),
      layerEnginePaths(image), layerEnginePaths(realPortageImages().base),
    ]);
    expect(details.layers).toHaveLength(1);
    expect(details.config.Cmd).toEqual(['/usr/bin/hello']);
    // The base's config is kept under the recipe's.
    expect(details.config.Env).toEqual(expect.arrayContaining(['GREETING=hi', 'LANG=C.UTF-8', expect.stringMatching(/^PATH=/)]));
    expect(details.config.WorkingDir).toBe('/root');
    expect(details.labels[LABEL.role]).toBe('result');
    expect(details.size).toBeLessThan(base.size);

    // depclean took eselect (out of @system, in no world file, needed by nothing); the rest stays.
    const log = logOf(events);
    expect(log).toMatch(/>>> Unmerging \(1 of 1\) app-admin\/eselect-1\.4\.30/);
    expect(installed).toEqual(['app-misc/hello', 'sys-apps/which', 'sys-libs/glibc', 'sys-libs/zlib']);
    expect(files.has('/usr/bin/hello')).toBe(true);
    expect(files.has('/usr/bin/eselect')).toBe(false);
    expect([...files.keys()].filter((f) => /^\/usr\/share\/(doc|man|info)\//.test(f) || f.startsWith('/var/db/repos/gentoo/') || f.startsWith('/var/log/portage/'))).toEqual([]);
    // USE="-*" reached the packages: glibc lost its default flags, hello kept nls and with it its translations.
    expect(use.split('\n')[0]!.split(' ')).not.toEqual(expect.arrayContaining(['multiarch']));
    expect(use.split('\n')[1]!.split(' ')).toContain('nls');
    expect(files.has('/usr/share/locale/de/LC_MESSAGES/hello.mo')).toBe(true);
    expect(config).toContain('USE="-* nls"');
    expect(config).toContain('\nen_US.UTF-8 UTF-8\n');
    expect(config).toContain('-*app-admin/eselect');
    // The test base has Debian's C library and no locale-gen: the step says so and the base's compiled locale stays.
    expect(log).toContain("gentoo-wb: the base has no locale-gen (Gentoo's sys-apps/locale-gen): the locales of /etc/locale.gen are not generated; the image keeps the compiled locales the base has (/usr/lib/locale: C.utf8)");
    expect(files.has('/usr/lib/locale/C.utf8/LC_CTYPE')).toBe(true);

    // The one layer holds none of the files the engine put into the build container; where the base had
    // its own (mmdebstrap leaves /dev/console, /etc/hostname, /etc/hosts, /etc/resolv.conf), the layer
    // has the base's bytes, not the engine's.
    expect(more).toEqual([]);
    const baseOwn = new Map(baseLayers.flatMap((l) => [...l]));
    expect([...baseOwn.keys()].sort()).toEqual(['dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf']);
    for (const p of ENGINE_PATHS) expect(layer!.get(p), p).toEqual(baseOwn.get(p));
    expect(layer!.has('.dockerenv')).toBe(false);
    expect(layer!.has('etc/mtab')).toBe(false);

    const record = JSON.parse(readFileSync(session.files.record, 'utf8')) as { extras: { sizes: { before: number; after: number; layers: number } } };
    expect(record.extras.sizes).toEqual({ before: base.size, after: details.size, layers: 1 });
    expect(log).toMatch(/^size: [\d.]+ MB before \(the base image\) → [\d.]+ MB after, 1 layer \(\d+ % smaller\)$/m);
  }, BUILD_TIMEOUT);
});
