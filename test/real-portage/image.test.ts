// The real-Portage test images themselves: Portage's tools answer, @system is really installed (glibc's
// CONTENTS describes the image's real C library), the world file and emerge.log exist, and the snapshot
// image holds the repository with its own newer hello.
import { expect, it } from 'vitest';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { runInImage } from '../helpers/containers.js';

async function sh(script: string, opts: { image?: string; volumesFrom?: string[] } = {}) {
  return runInImage(testDocker(), ['bash', '-c', script], { image: opts.image ?? realPortageImages().base, volumesFrom: opts.volumesFrom });
}

describeDocker('real-Portage test image', () => {
  it('runs real emerge, with @system, the world file and emerge.log', async () => {
    const { base } = realPortageImages();
    const info = await runInImage(testDocker(), ['emerge', '--version'], { image: base });
    expect(info.stdout).toMatch(/^Portage 3\.0\.82 /);
    const r = await sh('cd /var/db/pkg && ls -d */*; echo ---; cat /var/lib/portage/world; echo ---; grep -c "completed emerge" /var/log/emerge.log');
    const [pkgs, world, completed] = r.stdout.split('---\n');
    expect(pkgs!.trim().split('\n').sort()).toEqual(['app-admin/eselect-1.4.30', 'sys-apps/which-2.21', 'sys-libs/glibc-2.40-r5', 'sys-libs/zlib-1.3.1']);
    expect(world!.trim()).toBe('sys-apps/which');
    expect(Number(completed)).toBeGreaterThanOrEqual(4);
  });

  it("records Debian's real C library files in sys-libs/glibc's CONTENTS", async () => {
    const r = await sh([
      'c=/var/db/pkg/sys-libs/glibc-2.40-r5/CONTENTS',
      'for f in /lib/x86_64-linux-gnu/libc.so.6 /lib/x86_64-linux-gnu/libm.so.6 /sbin/ldconfig /etc/ld.so.conf; do',
      '  grep "^obj $f " $c | cut -d" " -f3; md5sum $f | cut -d" " -f1; done',
      'grep -c "^obj /lib/x86_64-linux-gnu/libnss_" $c',
      'grep "^sym /lib64/ld-linux-x86-64.so.2 " $c',
      'ls -ld /lib /lib64 /sbin | sed "s/.* \\(\\/[a-z0-9]*\\) -> /\\1 -> /"',
      'ldconfig -p | grep -c "libc.so.6 "',
    ].join('\n'));
    const lines = r.stdout.trim().split('\n');
    for (let i = 0; i < 8; i += 2) expect(lines[i], `CONTENTS md5 vs file ${i / 2}`).toBe(lines[i + 1]);
    expect(Number(lines[8])).toBeGreaterThanOrEqual(4);
    expect(lines[9]).toMatch(/^sym \/lib64\/ld-linux-x86-64\.so\.2 -> \/lib\/x86_64-linux-gnu\/ld-linux-x86-64\.so\.2 \d+$/);
    // Merging glibc did not replace Debian's merged-usr links with folders.
    expect(lines.slice(10, 13)).toEqual(['/lib -> usr/lib', '/lib64 -> usr/lib64', '/sbin -> usr/sbin']);
    expect(lines[13]).toBe('1');
  });

  it('has hello 2.12.1 in the base tree and 2.12.2 only in the snapshot tree', async () => {
    const { base, tree } = realPortageImages();
    const inBase = await sh('ls /var/db/repos/gentoo/app-misc/hello/; portageq best_visible / app-misc/hello', { image: base });
    expect(inBase.stdout).not.toContain('hello-2.12.2.ebuild');
    expect(inBase.stdout).toContain('app-misc/hello-2.12.1');
    const docker = testDocker();
    const holder = await docker.createContainer({ Image: tree, Cmd: ['/bin/true'], Labels: { 'org.gentoo-wb-test.container': 'snapshot' } });
    try {
      const inTree = await sh('portageq best_visible / app-misc/hello; emerge -pv app-misc/hello 2>&1 | grep "^\\[ebuild"', { volumesFrom: [holder.id] });
      expect(inTree.stdout).toContain('app-misc/hello-2.12.2');
      expect(inTree.stdout).toMatch(/\[ebuild {2}N {5}\] app-misc\/hello-2\.12\.2::gentoo {2}USE="nls" L10N="-de -fr" \d+ KiB/);
    } finally {
      await holder.remove({ force: true, v: true }).catch(() => undefined);
    }
  });
});
