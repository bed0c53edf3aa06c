// What the stand-in's builds leave behind (host-run): a build.log that grows while compiling,
// kept only for failures; real files of the declared sizes under ${ROOT}; the vdb with
// CONTENTS/SIZE/USE/NEEDED.ELF.2; emerge.log records; binary packages that make a second
// install faster; --keep-going resume.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ESELECT, hostStandin, stripAnsi, type HostStandin } from './host-standin.js';

function contents(s: HostStandin, root: string, cpv: string): string[] {
  return readFileSync(s.path(join(root, 'var/db/pkg', cpv, 'CONTENTS')), 'utf8').trim().split('\n');
}

describe('stand-in builds', () => {
  let s: HostStandin | undefined;
  afterEach(() => { s?.cleanup(); s = undefined; });

  it('writes build.log progressively while compiling and removes the build directory on success', async () => {
    s = hostStandin();
    const log = s.path('var/tmp/portage/dev-lang/php-8.3.15/temp/build.log');
    const done = s.emergeAsync(['--oneshot', '--nodeps', '=dev-lang/php-8.3.15'], { STANDIN_TIME_SCALE: '0.05' });
    const sizes: number[] = [];
    let finished = false;
    void done.then(() => { finished = true; });
    while (!finished) {
      if (existsSync(log)) sizes.push(statSync(log).size);
      await new Promise((r) => setTimeout(r, 100));
    }
    const r = await done;
    expect(r.status, r.output).toBe(0);
    const growth = [...new Set(sizes)].sort((a, b) => a - b);
    expect(growth.length).toBeGreaterThanOrEqual(4);
    expect(existsSync(s.path('var/tmp/portage/dev-lang/php-8.3.15'))).toBe(false);
  });

  it('installs real files of the declared size and records them in the vdb', () => {
    s = hostStandin();
    const r = s.emerge(['--verbose', 'app-misc/hello', 'app-misc/foo-tool']);
    expect(r.status, r.output).toBe(0);
    const lines = contents(s, '/', 'app-misc/hello-2.12.1');
    expect(lines).toContain('dir /usr/bin');
    const hello = lines.find((l) => l.startsWith('obj /usr/bin/hello '));
    expect(hello).toMatch(/^obj \/usr\/bin\/hello [0-9a-f]{32} \d+$/);
    expect(lines.some((l) => /^obj \/usr\/share\/locale\/de\/LC_MESSAGES\/hello\.mo [0-9a-f]{32} \d+$/.test(l))).toBe(true);
    const objs = lines.filter((l) => l.startsWith('obj ')).map((l) => l.split(' ')[1] as string);
    const total = objs.reduce((n, p) => n + statSync(s!.path(p)).size, 0);
    expect(Number(readFileSync(s.path('var/db/pkg/app-misc/hello-2.12.1/SIZE'), 'utf8'))).toBe(total);
    expect(total).toBeGreaterThan(300 * 1024);
    expect(readFileSync(s.path('var/db/pkg/app-misc/hello-2.12.1/USE'), 'utf8')).toBe('amd64 elibc_glibc kernel_linux nls\n');
    expect(readFileSync(s.path('var/db/pkg/app-misc/hello-2.12.1/NEEDED.ELF.2'), 'utf8')).toBe('X86_64;/usr/bin/hello;;;libc.so.6\n');
    expect(readFileSync(s.path('var/db/pkg/app-misc/foo-tool-1.0/NEEDED.ELF.2'), 'utf8')).toBe('X86_64;/usr/bin/foo-tool;;;libfoo.so.1,libc.so.6\n');
    expect(contents(s, '/', 'dev-libs/libfoo-1.0')).toContain(`sym /usr/lib64/libfoo.so -> libfoo.so.1 ${contents(s, '/', 'dev-libs/libfoo-1.0').find((l) => l.startsWith('sym '))?.split(' ').at(-1)}`);
    expect(readFileSync(s.path('var/lib/portage/world'), 'utf8')).toContain('app-misc/hello\n');
    expect(stripAnsi(r.output)).toContain('>>> Recording app-misc/hello in "world" favorites file...');
  });

  it('the installed glibc lists the build host\'s real C library files and gcc owns libstdc++', () => {
    s = hostStandin();
    const glibc = contents(s, '/', 'sys-libs/glibc-2.40-r5');
    expect(glibc.some((l) => /^obj \/lib\/x86_64-linux-gnu\/libc\.so\.6 [0-9a-f]{32} \d+$/.test(l))).toBe(true);
    expect(glibc).toContain('sym /lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 ' + glibc.find((l) => l.startsWith('sym /lib64/'))?.split(' ').at(-1));
    expect(glibc.some((l) => l.startsWith('obj /sbin/ldconfig '))).toBe(true);
    expect(readFileSync(s.path('lib/x86_64-linux-gnu/libc.so.6')).equals(readFileSync('/lib/x86_64-linux-gnu/libc.so.6'))).toBe(true);
    expect(readFileSync(s.path('var/db/pkg/sys-libs/glibc-2.40-r5/PROVIDES'), 'utf8')).toMatch(/^x86_64: .*\blibc\.so\.6\b/);
    expect(contents(s, '/', 'sys-devel/gcc-13.3.1_p20241220').some((l) => l.startsWith('obj /lib/x86_64-linux-gnu/libstdc++.so.6.0.'))).toBe(true);
  });

  it('merges into ROOT with its own vdb, and eselect cannot set /usr/bin/php there', () => {
    s = hostStandin();
    const bin = join(s.prefix, '..', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'eselect'), `#!/bin/sh\nexec "${process.execPath}" "${ESELECT}" "$@"\n`);
    chmodSync(join(bin, 'eselect'), 0o755);
    const r = s.emerge(['--jobs', '3', '--quiet-build', '=dev-lang/php-8.3.15', 'app-misc/foo-tool'], { ROOT: '/destination', PATH: `${bin}:${process.env.PATH}`, STANDIN_TIME_SCALE: '0.01' });
    expect(r.status, r.output).toBe(0);
    expect(stripAnsi(r.output)).toMatch(/>>> Emerging \(\d+ of \d+\) dev-lang\/php-8\.3\.15::gentoo for \/destination\//);
    expect(stripAnsi(r.output)).toMatch(/>>> Completed \(\d+ of \d+\) app-misc\/foo-tool-1\.0::gentoo to \/destination\//);
    expect(stripAnsi(r.output)).toContain(' * Messages for package dev-lang/php-8.3.15 merged to /destination/:');
    expect(stripAnsi(r.output)).toContain(' * eselect php update cli failed: /usr/bin/php does not point to this slot');
    expect(existsSync(s.path('destination/usr/bin/php8.3'))).toBe(true);
    expect(existsSync(s.path('destination/usr/bin/php'))).toBe(false);
    expect(readdirSync(s.path('destination/var/db/pkg/dev-libs'))).toContain('libfoo-1.0');
    expect(existsSync(s.path('var/db/pkg/app-misc/foo-tool-1.0'))).toBe(false);
    expect(readFileSync(s.path('var/log/emerge.log'), 'utf8')).toMatch(/: {2}::: completed emerge \(\d+ of \d+\) app-misc\/foo-tool-1\.0 to \/destination\/\n/);
  });

  it('fails like Portage: build.log kept with the die report, no completion record', () => {
    s = hostStandin();
    const r = s.emerge(['--jobs=3', 'dev-util/brokentool', 'app-misc/hello']);
    expect(r.status).toBe(1);
    const out = stripAnsi(r.output);
    expect(out).toContain(">>> Failed to emerge dev-util/brokentool-0.9, Log file:\n");
    expect(out).toContain(">>>  '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log'\n");
    const log = stripAnsi(readFileSync(s.path('var/tmp/portage/dev-util/brokentool-0.9/temp/build.log'), 'utf8'));
    expect(log).toMatch(/^ \* Package: {4}dev-util\/brokentool-0\.9:0\n/);
    expect(log).toContain(' * ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase):\n *   emake failed\n');
    expect(out).toContain(log.trimEnd());
    const elog = readFileSync(s.path('var/log/emerge.log'), 'utf8');
    expect(elog).toContain(':  >>> emerge (1 of 2) dev-util/brokentool-0.9 to /\n');
    expect(elog).not.toContain('completed emerge (1 of 2) dev-util/brokentool-0.9');
    expect(elog).toMatch(/: {2}\*\*\* emerge --jobs=3 --regex-search-auto=y dev-util\/brokentool app-misc\/hello\n/);
    expect(elog).toMatch(/: {2}\*\*\* exiting unsuccessfully with status '1'\.\n\d+: {2}\*\*\* terminating\.\n$/);
    expect(existsSync(s.path('usr/bin/hello'))).toBe(true);
  });

  it('--keep-going drops dependants of the failure, resumes, and lists the failure', () => {
    s = hostStandin();
    const r = s.emerge(['--keep-going', '--quiet-build', 'app-misc/brokendep', 'app-misc/newtool']);
    const out = stripAnsi(r.output);
    expect(r.status).toBe(1);
    expect(out).toContain('*** Resuming merge...\n');
    expect(out).toContain(' * emerge --keep-going: app-misc/brokendep-1.0 dropped because it requires\n * dev-util/brokentool\n');
    expect(out).toContain(' * The following package has failed to build, install, or execute postinst:\n *\n *  (dev-util/brokentool-0.9:0/0::gentoo, ebuild scheduled for merge), Log file:\n');
  });

  it('--buildpkg writes CAT/PN/PF-1.gpkg.tar and Packages; --usepkg installs it much faster', () => {
    s = hostStandin();
    const t0 = Date.now();
    const built = s.emerge(['--buildpkg', '--quiet-build', 'app-misc/hello', 'dev-libs/expat'], { STANDIN_TIME_SCALE: '0.3' });
    const buildMs = Date.now() - t0;
    expect(built.status, built.output).toBe(0);
    expect(readdirSync(s.path('var/cache/binpkgs/app-misc/hello'))).toEqual(['hello-2.12.1-1.gpkg.tar']);
    const index = readFileSync(s.path('var/cache/binpkgs/Packages'), 'utf8');
    expect(index).toMatch(/\nCPV: app-misc\/hello-2\.12\.1\n/);
    expect(index).toMatch(/\nPATH: app-misc\/hello\/hello-2\.12\.1-1\.gpkg\.tar\n/);
    const t1 = Date.now();
    const bin = s.emerge(['--usepkg', '--quiet-build', 'app-misc/hello', 'dev-libs/expat'], { STANDIN_TIME_SCALE: '0.3' });
    const binMs = Date.now() - t1;
    expect(bin.status, bin.output).toBe(0);
    expect(stripAnsi(bin.output)).toContain('>>> Emerging binary (1 of 2) ');
    expect(binMs).toBeLessThan(buildMs * 0.6);
    expect(readFileSync(s.path('usr/bin/hello')).subarray(1, 4).toString()).toBe('ELF');
    const elog = readFileSync(s.path('var/log/emerge.log'), 'utf8');
    expect(elog).toMatch(/ === \(\d of 2\) Merging Binary \(app-misc\/hello-2\.12\.1::\/var\/cache\/binpkgs\/app-misc\/hello\/hello-2\.12\.1-1\.gpkg\.tar\)\n/);
  });

  it('--binpkg-respect-use keeps binaries whose USE differs out (with a notice when not set)', () => {
    s = hostStandin();
    expect(s.emerge(['--buildpkg', '--quiet-build', 'app-misc/hello']).status).toBe(0);
    const mismatch = s.emerge(['-pv', '--usepkg', 'app-misc/hello'], { USE: '-nls' });
    expect(mismatch.output).toContain('[ebuild   R    ] app-misc/hello-2.12.1::gentoo  USE="-nls*" 0 KiB');
    expect(mismatch.output).toContain('!!! The following binary packages have been ignored due to non matching USE:\n\n    =app-misc/hello-2.12.1 -nls\n');
    const strict = s.emerge(['-pv', '--usepkg', '--binpkg-respect-use=y', 'app-misc/hello'], { USE: '-nls' });
    expect(strict.output).not.toContain('have been ignored');
    const loose = s.emerge(['-pv', '--usepkg', '--binpkg-respect-use=n', 'app-misc/hello'], { USE: '-nls' });
    expect(loose.output).toContain('[binary   R    ] app-misc/hello-2.12.1-1::gentoo  USE="nls" 0 KiB');
  });
});
