// Scratch builds on the real engine and real Portage: the image holds the packages' files and the
// C library (Debian's libc files, as sys-libs/glibc's CONTENTS lists them in the builder) and nothing
// of the builder, runs, records its packages; a library removed on purpose is caught by the ROOT
// check with the file named, and nothing is tagged.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildRecord } from '../../../../src/core/build/build-record.js';
import { packageDbFromRecord } from '../../../../src/core/inspect/package-db.js';
import { LABEL } from '../../../../src/core/labels.js';
import { imageExists, inspectImage } from '../../../../src/engine/docker/index.js';
import { describeDocker, testDocker } from '../../../helpers/docker.js';
import { runInImage } from '../../../helpers/containers.js';
import { realPortageImages } from '../../../helpers/real-portage.js';
import { buildToEnd, cleanUp, imageFiles, logOf, modeRecipe, ofType, testTag } from './mode-build-helpers.js';

/**
 * A scratch build on real Portage takes tens of seconds alone, longer beside the rest of the suite on two cores,
 * and the three of this file run at once.
 */
const BUILD_TIMEOUT = 600_000;
const tags: string[] = [];
const tag = (name: string) => testTag(tags, name);

describeDocker('scratch builds (real engine, real Portage)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  afterAll(async () => {
    await cleanUp(tags);
  });

  // Three builds of their own (tags, records): they run side by side, each one's waits (the engine's
  // container and image work) overlapping the others' emerge. They share the suite's binary package cache,
  // so a package two of them need may come from the other's binary: what each checks holds for both.
  it.concurrent('an image of app-misc/hello and foo-tool: their files plus the C library, nothing of the builder; it runs and records its packages', async () => {
    const r = modeRecipe('scratch-hello', ['app-misc/hello', 'app-misc/foo-tool'], { kind: 'scratch' }, [tag('scratch-hello')]);
    r.image.entrypoint = ['/usr/bin/hello'];
    r.image.user = 'www';
    r.image.expose = ['8080', '53/udp'];
    r.image.env = { GREETING: 'hi' };
    r.image.labels = { 'org.example.kind': 'demo' };
    const { session, outcome, events } = await buildToEnd(r);
    expect(outcome.kind, logOf(events)).toBe('succeeded');
    expect(ofType(events, 'step-finished').map((s) => [s.step, s.ok])).toEqual([
      ['prepare', true], ['emerge', true], ['eselect-links', true], ['libc', true], ['users', true], ['capture', true], ['strip', true], ['strip-static', true], ['strip-locales', true], ['ldconfig', true],
      ['capture-packages', true], ['root-check', true], ['import-tree', true], ['smoke-test', true],
    ]);

    // The image read four ways side by side: its files, the engine's inspect, and its two programs run.
    const [files, details, hello, foo] = await Promise.all([
      imageFiles(r.image.tags[0]!), inspectImage(testDocker(), r.image.tags[0]!),
      runInImage(testDocker(), ['/usr/bin/hello'], { image: r.image.tags[0]! }), runInImage(testDocker(), ['/usr/bin/foo-tool'], { image: r.image.tags[0]! }),
    ]);
    expect(files.get('/usr/bin/hello')?.type).toBe('file');
    expect(files.get('/usr/bin/foo-tool')?.type).toBe('file');
    expect(files.get('/usr/lib64/libfoo.so.1')?.type).toBe('file');
    expect(files.get('/lib/x86_64-linux-gnu/libc.so.6')?.type).toBe('file');
    expect(files.get('/lib64/ld-linux-x86-64.so.2')?.type).toBe('symlink');
    expect(files.has('/etc/ld.so.cache')).toBe(true);
    for (const absent of ['/bin/busybox', '/var/db/repos', '/etc/portage', '/var/db/pkg', '/usr/share/doc', '/usr/share/man', '/usr/include', '/var/lib/gentoo-wb', '/destination']) {
      expect([...files.keys()].filter((f) => f === absent || f.startsWith(`${absent}/`)), absent).toEqual([]);
    }

    expect(details.layers).toHaveLength(1);
    expect(details.config.Entrypoint).toEqual(['/usr/bin/hello']);
    expect(details.config.User).toBe('www');
    expect(Object.keys(details.config.ExposedPorts ?? {}).sort()).toEqual(['53/udp', '8080/tcp']);
    expect(details.config.Env).toContain('GREETING=hi');
    expect(details.labels).toMatchObject({ 'org.example.kind': 'demo', [LABEL.role]: 'result', [LABEL.buildId]: session.id, [LABEL.mode]: 'scratch' });
    expect(Object.keys(details.labels).filter((k) => k.startsWith('org.gentoo-wb-test'))).toEqual([]);

    expect(hello.stdout).toContain('Hello, world!');
    expect(foo.exitCode, foo.stderr).toBe(0);

    const record = JSON.parse(readFileSync(session.files.record, 'utf8')) as BuildRecord & { extras: Record<string, unknown> };
    expect(record.smokeTest).toMatchObject({ ok: true });
    const db = packageDbFromRecord(record);
    expect(db.ok).toBe(true);
    if (!db.ok) return;
    expect(db.db.packages.map((p) => p.cpv)).toEqual(['app-misc/foo-tool-1.0', 'app-misc/hello-2.12.1', 'dev-libs/libfoo-1.0', 'sys-libs/glibc-2.40-r5']);
    const hp = db.db.packages.find((p) => p.cpv === 'app-misc/hello-2.12.1')!;
    expect(hp.license).toBe('GPL-3+');
    expect(hp.files.find((f) => f.path === '/usr/bin/hello')?.size).toBe(files.get('/usr/bin/hello')?.size);
    // Stripped files keep the size they had before stripping.
    expect(hp.files.some((f) => f.path.startsWith('/usr/share/man/') && (f.size ?? 0) > 0)).toBe(true);
    expect(record.extras.rootCheck).toMatchObject({ missing: [] });
    const log = logOf(events);
    expect(log).toMatch(/gentoo-wb: copied \d+ files into \/destination/);
    expect(log).toMatch(/gentoo-wb: created user www \(uid 1000, gid 1000\)/);
    expect(log).toMatch(/ROOT check: \d+ files, \d+ ELF, \d+ dynamically linked; every library found/);
  }, BUILD_TIMEOUT);

  it.concurrent('dev-lang/php (the seeds\' case): its build dependency in / and the ROOT merge share a build folder in turn, and the eselect link is made explicitly', async () => {
    const r = modeRecipe('scratch-php', ['dev-lang/php'], { kind: 'scratch' }, [tag('scratch-php')]);
    // Without xml (libxml2 twice) to keep it short; unicode keeps oniguruma, built in / (DEPEND) and in ROOT (RDEPEND).
    r.packageUse = [{ atom: 'dev-lang/php', flags: ['-xml'] }];
    const { outcome, events } = await buildToEnd(r);
    expect(outcome.kind, logOf(events)).toBe('succeeded');
    const log = logOf(events);
    // The no-op eselect's own note goes to php's build.log (emerge --jobs keeps build output there).
    expect(log).toMatch(/gentoo-wb: made \/usr\/bin\/php -> php8\.3 in ROOT=\/destination/);
    const [files, php] = await Promise.all([imageFiles(r.image.tags[0]!), runInImage(testDocker(), ['/usr/bin/php', '-m'], { image: r.image.tags[0]! })]);
    expect(files.get('/usr/bin/php')?.type).toBe('symlink');
    expect([...files.keys()].some((f) => /^\/usr\/bin\/php8\.\d+$/.test(f))).toBe(true);
    expect([...files.keys()].filter((f) => f.startsWith('/usr/include/'))).toEqual([]);
    // The link works and php finds oniguruma in the image (the stable slot 8.3 is the newest php8.x there).
    expect(php.stdout, php.stderr).toBe('PHP 8.3.15 (cli) (built: Dec 20 2024 00:00:00) (NTS)\nmbstring (oniguruma 6.9.9)\n');
  }, BUILD_TIMEOUT);

  it.concurrent('a library unmerged on purpose is caught by the ROOT check, naming foo-tool and libfoo.so.1; nothing is tagged', async () => {
    const r = modeRecipe('scratch-broken', ['app-misc/foo-tool'], { kind: 'scratch', unmerge: ['dev-libs/libfoo'] }, [tag('scratch-broken')]);
    r.image.entrypoint = ['/usr/bin/foo-tool'];
    const { outcome, events, session } = await buildToEnd(r);
    expect(outcome.kind).toBe('failed');
    const message = outcome.kind === 'failed' ? outcome.message : '';
    expect(message).toMatch(/^ROOT check: 1 missing library \(libfoo\.so\.1\): \/usr\/bin\/foo-tool needs libfoo\.so\.1\./);
    expect(ofType(events, 'step-finished').find((s) => s.step === 'root-check')).toMatchObject({ ok: false });
    // The folders searched come from the image's own ld.so.conf (glibc's, including Debian's ld.so.conf.d).
    expect(logOf(events)).toMatch(/ROOT check: \/usr\/bin\/foo-tool needs libfoo\.so\.1, which is not in the image \(searched [^)]*\/lib\/x86_64-linux-gnu, [^)]*\/usr\/lib64[,)]/);
    expect(ofType(events, 'image')).toHaveLength(0);
    expect(await imageExists(testDocker(), r.image.tags[0]!)).toBe(false);
    const record = JSON.parse(readFileSync(session.files.record, 'utf8')) as { extras?: { rootCheck?: { missing: unknown[] } } };
    expect(record.extras?.rootCheck?.missing).toHaveLength(1);
  }, BUILD_TIMEOUT);
});
