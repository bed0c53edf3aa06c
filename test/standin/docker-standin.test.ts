// Docker integration: the stand-in stage3 in real containers: pretend with the snapshot
// volume, a --jobs 3 build with a failing package, a ROOT= install, --buildpkg then --usepkg,
// and a commit whose result runs the real /usr/bin/hello.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { FAST_TIME_SCALE, STANDIN_LABEL, createSnapshotContainer, readFromContainer, runInStandin, standinImages } from '../helpers/standin.js';
import { stripAnsi } from './host-standin.js';

describeDocker('stand-in stage3 in Docker', () => {
  const docker = testDocker();
  let snapshot: { id: string; remove: () => Promise<void> };
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeAll(async () => { snapshot = await createSnapshotContainer(docker); });
  afterAll(async () => {
    await snapshot?.remove();
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  it('pretends with its own tree, or with the snapshot volume (which has hello-2.12.2) and uploaded /etc/portage files', async () => {
    const own = await runInStandin(docker, ['emerge', '--pretend', '--verbose', 'app-misc/hello']);
    expect(own.exitCode).toBe(0);
    expect(own.stdout).toContain('[ebuild  N     ] app-misc/hello-2.12.1::gentoo  USE="nls" 0 KiB');
    const snap = await runInStandin(docker, ['emerge', '--pretend', '--verbose', '--autounmask=y', 'app-misc/hello', 'net-misc/hurl'], {
      volumesFrom: [snapshot.id],
      files: { '/etc/portage/package.use/curl': 'net-misc/curl http2\n' },
    });
    expect(snap.exitCode, snap.stdout + snap.stderr).toBe(0);
    // The snapshot's newer hello has no distfile in the stage3's DISTDIR yet, so it is a download.
    expect(snap.stdout).toMatch(/\[ebuild {2}N {5}\] app-misc\/hello-2\.12\.2::gentoo {2}USE="nls" [1-9]\d* KiB\n/);
    expect(snap.stdout).toMatch(/\[ebuild {3}R {4}\] net-misc\/curl-8\.11\.1::gentoo {2}USE="[^"]* http2\* /);
  });

  it('runs a --jobs 3 build where one package fails: exit 1, failure lines, build.log kept, the rest merged, then commits it', async () => {
    const r = await runInStandin(docker, ['emerge', '--jobs', '3', '--load-average', '4', '--verbose', '--keep-going', 'app-misc/brokendep', 'app-misc/hello', 'dev-libs/expat'], {
      env: { STANDIN_TIME_SCALE: FAST_TIME_SCALE }, keep: true,
    });
    cleanup.push(() => r.container.remove({ force: true }));
    const out = stripAnsi(r.stdout);
    expect(r.exitCode).toBe(1);
    expect(out).toContain('>>> Failed to emerge dev-util/brokentool-0.9, Log file:\n');
    expect(out).toMatch(/>>> Completed \(\d of \d\) app-misc\/hello-2\.12\.1::gentoo\n/);
    expect(out).toContain(' * emerge --keep-going: app-misc/brokendep-1.0 dropped because it requires\n');
    const log = await readFromContainer(r.container, '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log');
    expect(stripAnsi(log.get('build.log')?.toString() ?? '')).toContain(' * ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase):');
    const vdb = await readFromContainer(r.container, '/var/db/pkg/app-misc');
    expect([...vdb.keys()]).toContain('app-misc/hello-2.12.1/CONTENTS');
    const committed = await r.container.commit({ repo: 'gentoo-wb-test/committed', tag: 'jobs3', changes: ['CMD ["/usr/bin/hello"]', `LABEL ${STANDIN_LABEL}=committed`] } as unknown as Record<string, unknown>);
    const image = docker.getImage(committed.Id as string);
    cleanup.push(() => image.remove({ force: true }));
    const info = await image.inspect();
    expect(info.Config.Cmd).toEqual(['/usr/bin/hello']);
    expect(info.Config.Labels?.[STANDIN_LABEL]).toBe('committed');
    expect(info.Size).toBeGreaterThan((await docker.getImage(standinImages().stage3).inspect()).Size);
    const hello = await runInStandin(docker, [], { image: committed.Id as string });
    expect(hello.stdout).toBe('Hello, world!\n');
  });

  it('merges into ROOT=/destination: files and vdb under ROOT, NEEDED.ELF.2 names libfoo.so.1', async () => {
    const r = await runInStandin(docker, ['emerge', '--jobs', '2', '--quiet-build', 'app-misc/foo-tool'], { env: { ROOT: '/destination', STANDIN_TIME_SCALE: FAST_TIME_SCALE }, keep: true });
    cleanup.push(() => r.container.remove({ force: true }));
    expect(r.exitCode, r.stdout).toBe(0);
    const vdb = await readFromContainer(r.container, '/destination/var/db/pkg');
    expect(vdb.get('pkg/app-misc/foo-tool-1.0/NEEDED.ELF.2')?.toString()).toBe('X86_64;/usr/bin/foo-tool;;;libfoo.so.1,libc.so.6\n');
    expect([...vdb.keys()]).toContain('pkg/dev-libs/libfoo-1.0/CONTENTS');
    const bin = await readFromContainer(r.container, '/destination/usr/bin/foo-tool');
    expect(bin.get('foo-tool')?.subarray(1, 4).toString()).toBe('ELF');
    const hostVdb = await readFromContainer(r.container, '/var/db/pkg');
    expect([...hostVdb.keys()].some((k) => k.includes('foo-tool') || k.includes('libfoo'))).toBe(false);
  });

  it('installs from binary packages built earlier (--buildpkg, then --usepkg in a new container) faster', async () => {
    const volume = await docker.createVolume({ Name: `gentoo-wb-test-binpkgs-${process.pid}-${Date.now()}`, Labels: { [STANDIN_LABEL]: 'binpkgs' } });
    cleanup.push(() => docker.getVolume(volume.name).remove());
    const binds = [`${volume.name}:/var/cache/binpkgs`];
    const env = { STANDIN_TIME_SCALE: '0.3' };
    const t0 = Date.now();
    const build = await runInStandin(docker, ['emerge', '--buildpkg', '--quiet-build', 'app-misc/hello', 'dev-libs/expat'], { binds, env });
    const buildMs = Date.now() - t0;
    expect(build.exitCode, build.stdout).toBe(0);
    const t1 = Date.now();
    const bin = await runInStandin(docker, ['emerge', '--usepkg', '--quiet-build', '--verbose', 'app-misc/hello', 'dev-libs/expat'], { binds, env });
    const binMs = Date.now() - t1;
    expect(bin.exitCode, bin.stdout).toBe(0);
    expect(stripAnsi(bin.stdout)).toContain('[binary  N     ] app-misc/hello-2.12.1-1::gentoo  USE="nls" 0 KiB');
    expect(stripAnsi(bin.stdout)).toMatch(/>>> Emerging binary \(\d of 2\) app-misc\/hello-2\.12\.1::gentoo/);
    expect(binMs).toBeLessThan(buildMs);
  });
});
