// The mode helper scripts run for real in the real-Portage base (Debian's sh and userland, as a
// builder has them): eselect links chosen by version order, the C library copy through tar, accounts
// under ROOT, the package capture with sizes, the CPU facts (with the base's gcc, and with gcc taken
// away), and the no-op eselect; the gcc path of the CPU facts on this host too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eselectLinkArgs } from '../../../../src/core/plan/modes/eselect-links.js';
import { parseCpuFacts } from '../../../../src/core/plan/modes/stage4-cpu.js';
import { eselectStubFile, helperFiles, helperPath } from '../../../../src/core/plan/modes/helper-scripts.js';
import { runToEnd, type UploadEntry } from '../../../../src/engine/docker/index.js';
import { describeDocker, testDocker } from '../../../helpers/docker.js';
import { realPortageImages } from '../../../helpers/real-portage.js';

/** Run a constant test script in the real-Portage base after uploading the helpers and `files`; its exit code and output. */
async function inBase(script: string, files: UploadEntry[] = []): Promise<{ exitCode: number; output: string }> {
  const docker = testDocker();
  const helpers = [...helperFiles(['eselect-links', 'copy-into-root', 'root-users', 'capture-packages', 'cpu-facts', 'locale-gen']), eselectStubFile()];
  const run = await runToEnd(docker, { image: realPortageImages().base, cmd: ['/bin/sh', '-c', script], entrypoint: [], network: 'none', labels: { 'org.gentoo-wb-test.modes': 'helpers' } }, {
    files: [...helpers.map((f) => ({ path: f.path, content: f.content, mode: f.mode })), ...files],
  });
  // Never null: no timeout was asked for.
  return { exitCode: run.exitCode ?? -1, output: run.output };
}

describeDocker('mode helper scripts (real-Portage base)', () => {
  beforeAll(() => {
    realPortageImages();
  });

  it('eselect-links makes /usr/bin/php point at the newest slot by version order, and leaves an existing link alone', async () => {
    const args = eselectLinkArgs().map((a) => `'${a}'`).join(' ');
    const r = await inBase(
      `set -e; mkdir -p /d/usr/bin /e/usr/bin; for v in 8.2 8.10 8.9; do touch /d/usr/bin/php$v; done; touch /d/usr/bin/php-config; ln -s php8.2 /e/usr/bin/php; touch /e/usr/bin/php8.3
       ${helperPath('eselect-links')} /d ${args}; ${helperPath('eselect-links')} /e ${args}; echo "d=$(readlink /d/usr/bin/php) e=$(readlink /e/usr/bin/php)"; ls /d/usr/bin`,
    );
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toContain('gentoo-wb: made /usr/bin/php -> php8.10 in ROOT=/d');
    expect(r.output).toContain('d=php8.10 e=php8.2');
    expect(r.output).not.toMatch(/ruby|lua/);
  });

  it('the no-op eselect says what it skipped and succeeds', async () => {
    const r = await inBase(`ROOT=/destination /var/lib/gentoo-wb/bin/eselect php update cli`);
    expect(r).toEqual({ exitCode: 0, output: "gentoo-wb: skipped 'eselect php update cli' under ROOT=/destination (a no-op stand-in is first on PATH); the link it manages is made after the emerge\n" });
  });

  it('copy-into-root copies files and links (absolute ones too) to the same paths, and reports what is gone', async () => {
    const list = '/lib64/ld-linux-x86-64.so.2\n/etc/ld.so.conf\n/usr/lib/nothing-here.so\n/lib/x86_64-linux-gnu/libc.so.6\n';
    const r = await inBase(`${helperPath('copy-into-root')} /dest /tmp/list && readlink /dest/lib64/ld-linux-x86-64.so.2 && cmp /etc/ld.so.conf /dest/etc/ld.so.conf && cmp /lib/x86_64-linux-gnu/libc.so.6 /dest/lib/x86_64-linux-gnu/libc.so.6 && echo same`, [{ path: '/tmp/list', content: list }]);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toContain('gentoo-wb: not copied (no longer in the builder): /usr/lib/nothing-here.so');
    expect(r.output).toContain('gentoo-wb: copied 3 files into /dest');
    expect(r.output).toContain('/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\nsame');
  });

  it('root-users: root always; a user of the builder is copied with its primary group; a new one gets the next free ids; numbers need no entry', async () => {
    const r = await inBase(
      `set -e; mkdir -p /r1/etc /r2/etc /r3/etc; echo 'app:x:1000:1000::/:/sbin/nologin' > /r2/etc/passwd; echo 'app:x:1000:' > /r2/etc/group
       ${helperPath('root-users')} /r1 nobody; ${helperPath('root-users')} /r2 web:www; ${helperPath('root-users')} /r3 1234:1234; ${helperPath('root-users')} /r3
       echo ---; cat /r1/etc/passwd /r1/etc/group; echo ---; cat /r2/etc/passwd /r2/etc/group; echo ---; cat /r3/etc/passwd /r3/etc/group`,
    );
    expect(r.exitCode, r.output).toBe(0);
    const [, one, two, three] = r.output.split('---\n');
    // Debian's nobody, as the builder has it: primary group 65534 is Debian's nogroup.
    expect(one).toBe('root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nroot:x:0:\nnogroup:x:65534:\n');
    expect(two).toBe('app:x:1000:1000::/:/sbin/nologin\nroot:x:0:0:root:/root:/sbin/nologin\nweb:x:1001:1001:web:/var/empty:/sbin/nologin\napp:x:1000:\nroot:x:0:\nwww:x:1001:\n');
    expect(three).toBe('root:x:0:0:root:/root:/sbin/nologin\nroot:x:0:\n');
    expect(r.output).toContain('gentoo-wb: copied user nobody from the builder into /r1/etc/passwd');
    expect(r.output).toContain('gentoo-wb: created group www (gid 1001) in /r2/etc/group');
  });

  it('capture-packages copies ROOT\'s database and the extra C library entry, with sizes relative to ROOT', async () => {
    const r = await inBase(
      `set -e; mkdir -p /root2/var/db/pkg/app-misc/x-1 /root2/usr/bin; echo 'obj /usr/bin/x 0 0' > /root2/var/db/pkg/app-misc/x-1/CONTENTS; printf 'abc' > /root2/usr/bin/x
       ${helperPath('capture-packages')} /root2 /out /var/db/pkg/sys-libs/glibc-2.40-r5 /var/db/pkg/sys-libs/none-1; ls /out/pkg/*; grep ' ./usr/bin/x$' /out/sizes`,
    );
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toContain('gentoo-wb: /var/db/pkg/sys-libs/none-1 is not in the builder; not captured');
    expect(r.output).toMatch(/\/out\/pkg\/app-misc:\nx-1\n/);
    expect(r.output).toMatch(/\/out\/pkg\/sys-libs:\nglibc-2\.40-r5\n/);
    expect(r.output).toContain('3 ./usr/bin/x\n');
    expect(r.output).toMatch(/captured 2 packages and \d+ file sizes of \/root2/);
  });

  it('locale-gen runs the base\'s locale-gen with its arguments, and without one (this Debian C library) says the base keeps its locales', async () => {
    const missing = await inBase(helperPath('locale-gen'));
    expect(missing.exitCode, missing.output).toBe(0);
    expect(missing.output).toBe("gentoo-wb: the base has no locale-gen (Gentoo's sys-apps/locale-gen): the locales of /etc/locale.gen are not generated; the image keeps the compiled locales the base has (/usr/lib/locale: C.utf8)\n");
    const present = await inBase(`${helperPath('locale-gen')} --update; echo "exit $?"`, [{ path: '/usr/local/sbin/locale-gen', content: '#!/bin/sh\necho "locale-gen $*"\nexit 3\n', mode: 0o755 }]);
    expect(present.output).toBe('locale-gen --update\nexit 3\n');
  });

  it('cpu-facts with the builder\'s gcc resolves -march=native and lists what it enables beyond x86-64', async () => {
    const r = await inBase(`${helperPath('cpu-facts')} /facts/cpu native x86-64 && cat /facts/cpu`);
    expect(r.exitCode, r.output).toBe(0);
    const facts = parseCpuFacts(r.output.slice(r.output.indexOf('march=')));
    expect(facts).toMatchObject({ march: 'native', source: 'gcc' });
    expect(facts.resolved).toMatch(/^[a-z0-9-]+$/);
    expect(r.output).toContain(`gentoo-wb: building for -march=native (${facts.resolved}); CPU flags from gcc:`);
    // -march=native on an x86-64 engine host enables at least what x86-64-v2 adds, never the baseline's own.
    expect(facts.flags).toEqual(expect.arrayContaining(['popcnt', 'sse4.2', 'ssse3']));
    expect(facts.flags).not.toContain('sse2');
  });

  it('cpu-facts without gcc writes the engine host\'s CPU flags', async () => {
    const r = await inBase(`rm -f /usr/bin/gcc && ${helperPath('cpu-facts')} /facts/cpu native x86-64 && cat /facts/cpu`);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toMatch(/^march=native\nresolved=\nsource=(cpuinfo|none)\nflags=.*$/m);
    expect(r.output).toMatch(/gentoo-wb: building for -march=native; CPU flags from (cpuinfo|none)/);
  });
});

describe('cpu-facts with gcc (this host)', () => {
  const gcc = spawnSync('gcc', ['--version']).status === 0;
  it.skipIf(!gcc)('resolves -march and lists the instruction sets beyond the baseline', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-cpu-facts-'));
    const script = path.join(dir, 'cpu-facts');
    writeFileSync(script, helperFiles(['cpu-facts'])[0]!.content, { mode: 0o755 });
    const r = spawnSync('/bin/sh', [script, path.join(dir, 'out/cpu'), 'x86-64-v3', 'x86-64'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const facts = parseCpuFacts(readFileSync(path.join(dir, 'out/cpu'), 'utf8'));
    expect(facts).toMatchObject({ march: 'x86-64-v3', resolved: 'x86-64-v3', source: 'gcc' });
    // x86-64-v3 is AVX2, BMI2, FMA…; none of the baseline's (SSE2) is repeated.
    expect(facts.flags).toEqual(expect.arrayContaining(['avx', 'avx2', 'bmi2', 'fma', 'movbe']));
    expect(facts.flags).not.toContain('sse2');
    expect(facts.flags).not.toContain('avx512f');
  });
});
