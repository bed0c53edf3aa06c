// Publishing a build's packages to the shared binhost's cache, for real on one engine: two cache volumes
// filled by real `emerge --buildpkg`, the files of the named package only carried from one to the other
// through the archive API, and the receiving Packages index rewritten by Portage's emaint, keeping what
// it had; the helper containers are gone afterwards.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishPackages } from '../../../src/engine/farm/publish-packages.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';
import { cpvs, makeFixture, type BinhostFixture } from '../binhost/binhost-fixture.js';

const emerge = (atoms: string) => ['sh', '-c', `emerge --buildpkg --oneshot --color=n ${atoms} >/tmp/log 2>&1 || { tail -20 /tmp/log; exit 1; }`];

describeDocker('publishPackages (real engine, real Portage caches)', () => {
  let from: BinhostFixture;
  let to: BinhostFixture;

  beforeAll(async () => {
    [from, to] = await Promise.all([makeFixture('pub-from'), makeFixture('pub-to')]);
    const [a, b] = await Promise.all([from.inBase(emerge('app-misc/newtool app-misc/oldtool')), to.inBase(emerge('app-misc/hello'))]);
    expect(a.exitCode, a.output).toBe(0);
    expect(b.exitCode, b.output).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await from?.remove();
    await to?.remove();
  });

  it('carries the named package\'s files only, and the receiving index lists it beside what it had', async () => {
    const image = realPortageImages().base;
    const before = cpvs((await to.inBase(['cat', '/var/cache/binpkgs/Packages'])).output);
    expect(before).toEqual([expect.stringMatching(/^app-misc\/hello-/)]);
    const done = await publishPackages({ docker: testDocker(), volume: from.volume, image }, { docker: testDocker(), volume: to.volume, image }, ['app-misc/newtool-2.0']);
    expect(done.files).toBe(1);
    expect(done.bytes).toBeGreaterThan(1000);
    const index = await to.inBase(['cat', '/var/cache/binpkgs/Packages']);
    expect(cpvs(index.output)).toEqual([...before, 'app-misc/newtool-2.0'].sort());
    const listed = await to.inBase(['sh', '-c', 'cd /var/cache/binpkgs && find . -type f | sort']);
    expect(listed.output).toMatch(/\.\/app-misc\/newtool\/newtool-2\.0-1\.gpkg\.tar/);
    expect(listed.output).not.toContain('oldtool');
    // Portage installs it from there (a usepkgonly merge reads only the index and the file).
    const installed = await to.inBase(['sh', '-c', 'emerge --usepkgonly --oneshot --color=n app-misc/newtool >/tmp/log 2>&1; echo "exit $?"; test -d /var/db/pkg/app-misc/newtool-2.0 && echo installed; tail -5 /tmp/log']);
    expect(installed.output).toMatch(/^exit 0$/m);
    expect(installed.output).toMatch(/^installed$/m);
    // No helper container holds either volume any more.
    for (const volume of [from.volume, to.volume]) {
      expect(await testDocker().listContainers({ all: true, filters: { volume: [volume], label: ['org.gentoo-wb.role=probe'] } })).toEqual([]);
    }
  }, 120_000);
});
