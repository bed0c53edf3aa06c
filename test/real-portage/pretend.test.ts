// Real `emerge --pretend` against the test repository: each case the product must meet (a new package, a USE
// change on a dependency, a keyword change, a masked version, a licence, blockers, an update) as Portage
// 3.0.82 prints it.
import { expect, it } from 'vitest';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { runInImage } from '../helpers/containers.js';

async function pretend(args: string[]): Promise<{ exitCode: number; out: string }> {
  const r = await runInImage(testDocker(), ['bash', '-c', 'exec emerge --pretend --verbose --color=n "$@" 2>&1', 'emerge', ...args], { image: realPortageImages().base });
  return { exitCode: r.exitCode, out: r.stdout };
}

describeDocker('real emerge --pretend on the test repository', () => {
  it('a plain new package', async () => {
    const { exitCode, out } = await pretend(['app-misc/hello']);
    expect(exitCode).toBe(0);
    expect(out).toMatch(/^\[ebuild {2}N {5}\] app-misc\/hello-2\.12\.1::gentoo {2}USE="nls" L10N="-de -fr" \d+ KiB$/m);
    expect(out).toContain('Total: 1 package (1 new)');
  });

  it('hurl needs a USE change on curl, several levels of dependencies deep', async () => {
    const { exitCode, out } = await pretend(['net-misc/hurl']);
    expect(exitCode).toBe(1);
    const merges = out.split('\n').filter((l) => l.startsWith('[ebuild')).map((l) => l.split(' ').find((w) => w.includes('/')));
    expect(merges).toEqual(['net-libs/nghttp2-1.62.1:0/1.14::gentoo', 'dev-libs/openssl-3.3.2-r2:0/3::gentoo', 'net-misc/curl-8.11.1::gentoo', 'net-misc/hurl-6.0::gentoo']);
    expect(out).toContain('USE="http2 ssl -debug -static-libs -websockets"');
    expect(out).toContain('The following USE changes are necessary to proceed:');
    expect(out).toContain('# required by net-misc/hurl-6.0::gentoo\n# required by net-misc/hurl (argument)\n>=net-misc/curl-8.11.1 http2');
  });

  it('php:8.4 needs a keyword change (with --autounmask), its libraries and REQUIRED_USE defaults', async () => {
    const { exitCode, out } = await pretend(['--autounmask', 'dev-lang/php:8.4']);
    expect(exitCode).toBe(1);
    expect(out).toContain('The following keyword changes are necessary to proceed:');
    expect(out).toContain('=dev-lang/php-8.4.2 ~amd64');
    expect(out).toMatch(/^\[ebuild {2}N {4}~\] dev-lang\/php-8\.4\.2:8\.4::gentoo {2}USE="cli opcache readline unicode xml -cgi -debug -fpm -libedit"/m);
    expect(out).toContain('dev-libs/oniguruma-6.9.9:0/5::gentoo');
    expect(out).toContain('dev-libs/libxml2-2.13.5:2::gentoo');
  });

  it('REQUIRED_USE: cli needs exactly one of readline and libedit', async () => {
    const r = await runInImage(testDocker(), ['bash', '-c', 'USE="libedit" emerge -pv --color=n dev-lang/php:8.3 2>&1'], { image: realPortageImages().base });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('The following REQUIRED_USE flag constraints are unsatisfied:');
    expect(r.stdout).toContain('cli? ( exactly-one-of ( readline libedit ) )');
  });

  it('php 8.5 is masked by the profile', async () => {
    const { exitCode, out } = await pretend(['=dev-lang/php-8.5.0_alpha1']);
    expect(exitCode).toBe(1);
    expect(out).toContain('!!! All ebuilds that could satisfy "=dev-lang/php-8.5.0_alpha1" have been masked.');
    expect(out).toContain('- dev-lang/php-8.5.0_alpha1::gentoo (masked by: package.mask, ~amd64 keyword)');
    expect(out).toContain('/var/db/repos/gentoo/profiles/test/amd64/package.mask:');
  });

  it('proprietary-tool needs its licence accepted', async () => {
    const { exitCode, out } = await pretend(['app-misc/proprietary-tool']);
    expect(exitCode).toBe(1);
    expect(out).toContain('- app-misc/proprietary-tool-1.0::gentoo (masked by: Proprietary-EULA license(s))');
    expect(out).toContain("A copy of the 'Proprietary-EULA' license is located at '/var/db/repos/gentoo/licenses/Proprietary-EULA'.");
  });

  it('with the licence accepted, proprietary-tool is fetch-restricted', async () => {
    const r = await runInImage(testDocker(), ['bash', '-c', 'ACCEPT_LICENSE="-* @FREE Proprietary-EULA" emerge -pv --color=n app-misc/proprietary-tool 2>&1'], { image: realPortageImages().base });
    expect(r.stdout).toMatch(/^\[ebuild {2}N F {3}\] app-misc\/proprietary-tool-1\.0::gentoo {2}\d+ KiB$/m);
    expect(r.stdout).toContain('Fetch Restriction: 1 package');
  });

  it('libressl hard-blocks openssl', async () => {
    const { exitCode, out } = await pretend(['dev-libs/libressl', 'net-misc/curl']);
    expect(exitCode).toBe(1);
    expect(out).toContain('[blocks B      ] dev-libs/openssl ("dev-libs/openssl" is hard blocking dev-libs/libressl-4.0.0)');
    expect(out).toContain('Conflict: 1 block (1 unsatisfied)');
  });

  it('debianutils soft-blocks which, which stays because it is in @system and world', async () => {
    const { exitCode, out } = await pretend(['sys-apps/debianutils']);
    expect(exitCode).toBe(1);
    expect(out).toContain('[blocks B      ] sys-apps/which ("sys-apps/which" is soft blocking sys-apps/debianutils-5.21)');
    expect(out).toContain('sys-apps/which required by @selected');
  });

  it('-uDN @world updates zlib', async () => {
    const { exitCode, out } = await pretend(['--update', '--deep', '--newuse', '@world']);
    expect(exitCode).toBe(0);
    expect(out).toMatch(/^\[ebuild {5}U {2}\] sys-libs\/zlib-1\.3\.1-r1:0\/1::gentoo \[1\.3\.1:0\/1::gentoo\] USE="-minizip -static-libs" \d+ KiB$/m);
  });
});
