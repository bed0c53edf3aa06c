// Real builds from the test repository: a program that runs, a compile failure with the compiler's own
// error line, a ROOT=/tmp/r tree that works with glibc's files, and --jobs 3 builds that really overlap.
// GWB_TEST_COMPILE_SECONDS (the ebuilds' compile pause) is 0 except where overlap matters.
import { expect, it } from 'vitest';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { runInImage } from '../helpers/containers.js';

/** An emerge here takes seconds alone; the five tests run side by side, beside the rest of the suite on two cores. */
const CONTAINER_MS = 400_000;

async function sh(script: string, seconds = '0') {
  return runInImage(testDocker(), ['bash', '-c', script], { image: realPortageImages().base, env: { GWB_TEST_COMPILE_SECONDS: seconds }, timeoutMs: CONTAINER_MS });
}

describeDocker('real emerge builds from the test repository', () => {
  // Each test is a container of its own on the base image: they run side by side.
  it.concurrent('emerges hello, which then runs; the compile pause variable reaches the ebuild environment', async () => {
    const r = await sh([
      'emerge --color=n app-misc/hello >/tmp/out 2>&1; echo "exit=$?"',
      'hello',
      'bzcat /var/db/pkg/app-misc/hello-2.12.1/environment.bz2 | grep "^declare -x GWB_TEST_COMPILE_SECONDS="',
      'grep -c "::: completed emerge (1 of 1) app-misc/hello-2.12.1 to /" /var/log/emerge.log',
      'cat /var/lib/portage/world',
    ].join('\n'));
    expect(r.stdout.split('\n')).toEqual(['exit=0', 'Hello, world!', 'declare -x GWB_TEST_COMPILE_SECONDS="0"', '1', 'app-misc/hello', 'sys-apps/which', '']);
  }, CONTAINER_MS + 10_000);

  it.concurrent('a compile failure keeps the compiler error line in build.log', async () => {
    const r = await sh('emerge --color=n dev-util/brokentool 2>&1; echo "exit=$?"; echo ---; cat /var/tmp/portage/dev-util/brokentool-0.9/temp/build.log');
    const [out, log] = r.stdout.split('---\n');
    expect(out).toMatch(/exit=1\n$/);
    expect(out).toContain('ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase):');
    expect(out).toContain('emake failed');
    expect(out).toContain(">>>  '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log'");
    expect(log).toMatch(/^brokentool\.c:5:\d+: error: expected .;. before .return.$/m);
  }, CONTAINER_MS + 10_000);

  it.concurrent('ROOT=/tmp/r with glibc and foo-tool gives a tree where foo-tool runs (libfoo.so.1 through ld.so.cache)', async () => {
    const r = await sh([
      'ROOT=/tmp/r emerge --color=n sys-libs/glibc app-misc/foo-tool >/tmp/out 2>&1; echo "exit=$?"',
      'chroot /tmp/r /usr/bin/foo-tool',
      'scanelf -qF "%n#F" /tmp/r/usr/bin/foo-tool; readelf -d /tmp/r/usr/bin/foo-tool | grep -c "RPATH\\|RUNPATH"',
      'cat /tmp/r/etc/ld.so.conf | grep -v "^#"',
      'ls /tmp/r/var/db/pkg/*/',
    ].join('\n'));
    expect(r.stdout.split('\n').slice(0, 6)).toEqual(['exit=0', 'foo-tool 1.0 (libfoo 1.0): the answer is 42', 'libfoo.so.1,libc.so.6', '0', 'include /etc/ld.so.conf.d/*.conf', '/usr/lib64']);
    expect(r.stdout).toContain('foo-tool-1.0');
    expect(r.stdout).toContain('glibc-2.40-r5');
  }, CONTAINER_MS + 10_000);

  it.concurrent('merging glibc again into / rewrites the same files and leaves a working system', async () => {
    const r = await sh([
      'c=/var/db/pkg/sys-libs/glibc-2.40-r5/CONTENTS; cp $c /tmp/before',
      'emerge --oneshot --color=n sys-libs/glibc >/tmp/out 2>&1; echo "exit=$?"',
      'diff <(cut -d" " -f1-3 /tmp/before | sort) <(cut -d" " -f1-3 $c | sort) && echo same-contents',
      'ls /etc/._cfg* 2>/dev/null | wc -l',
      'ls -l /lib | sed "s/.* -> //"',
      'which which; python3 -c "import zlib, hashlib; print(\'python ok\')"',
    ].join('\n'));
    expect(r.stdout.split('\n').slice(0, 6)).toEqual(['exit=0', 'same-contents', '0', 'usr/lib', '/usr/bin/which', 'python ok']);
  }, CONTAINER_MS + 10_000);

  it.concurrent('--jobs 3 runs the builds side by side', async () => {
    const r = await sh('emerge --color=n --jobs 3 app-misc/newtool app-misc/oldtool app-misc/hello 2>&1; echo "exit=$?"', '4');
    expect(r.stdout).toMatch(/exit=0\n$/);
    const running = [...r.stdout.matchAll(/^>>> Jobs: \d+ of 3 complete, (\d+) running/gm)].map((m) => Number(m[1]));
    expect(Math.max(...running)).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toMatch(/^>>> Jobs: 3 of 3 complete {2,}Load avg: /m);
  }, CONTAINER_MS + 10_000);
});
