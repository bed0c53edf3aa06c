// Removing and trimming with the stand-in (host-run): -C/--unmerge, --depclean after profile
// removals, the minimal-mode flow (USE="-*", -uDN @world), locale-gen and eselect.
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ESELECT, LOCALE_GEN, hostStandin, stripAnsi, type HostStandin } from './host-standin.js';

describe('stand-in maintenance actions', () => {
  let s: HostStandin | undefined;
  afterEach(() => { s?.cleanup(); s = undefined; });

  it('-C removes the files, the vdb entry and the world entry, counting down CLEAN_DELAY', () => {
    s = hostStandin();
    expect(existsSync(s.path('usr/bin/which-gentoo'))).toBe(true);
    const r = s.emerge(['--verbose', '-C', 'sys-apps/which']);
    expect(r.status).toBe(0);
    const out = stripAnsi(r.output);
    expect(out).toContain(' sys-apps/which\n    selected: 2.21 \n   protected: none \n     omitted: none \n\nAll selected packages: =sys-apps/which-2.21\n');
    expect(out).toContain('>>> Unmerging in: 5 4 3 2 1\n>>> Unmerging (1 of 1) sys-apps/which-2.21...\n');
    expect(out).toMatch(/<<< {10}obj \/usr\/bin\/which-gentoo\n/);
    expect(existsSync(s.path('usr/bin/which-gentoo'))).toBe(false);
    expect(existsSync(s.path('var/db/pkg/sys-apps/which-2.21'))).toBe(false);
    expect(readFileSync(s.path('var/lib/portage/world'), 'utf8')).not.toContain('sys-apps/which');
    expect(readFileSync(s.path('var/log/emerge.log'), 'utf8')).toMatch(/\d+: === Unmerging\.\.\. \(sys-apps\/which-2\.21\)\n\d+: {2}>>> unmerge success: sys-apps\/which-2\.21\n/);
  });

  it('--depclean keeps what @selected and @system need and removes what the profile no longer lists', () => {
    s = hostStandin();
    const none = s.emerge(['--depclean', '--pretend']);
    expect(none.output).toContain('>>> No packages selected for removal by depclean\n');
    expect(none.output).toMatch(/Packages installed: {3}24\nPackages in world: {4}3\nPackages in system: {3}11\nRequired packages: {4}24\nNumber to remove: {5}0\n$/);
    mkdirSync(s.path('etc/portage/profile'), { recursive: true });
    writeFileSync(s.path('etc/portage/profile/packages'), '-*sys-apps/coreutils\n');
    const r = s.emerge(['--depclean'], { CLEAN_DELAY: '0' });
    expect(r.status).toBe(0);
    expect(stripAnsi(r.output)).toContain('>>> Unmerging (1 of 1) sys-apps/coreutils-9.5...');
    expect(r.output).toMatch(/Packages in system: {3}10\nRequired packages: {4}23\nNumber removed: {7}1\n$/);
    expect(existsSync(s.path('var/db/pkg/sys-apps/coreutils-9.5'))).toBe(false);
  });

  it('minimal mode: USE="-*" then -uDN @world rebuilds with the flags off and installs less', () => {
    s = hostStandin();
    const before = Number(readFileSync(s.path('var/db/pkg/net-misc/curl-8.11.1/SIZE'), 'utf8'));
    writeFileSync(s.path('etc/portage/make.conf'), `${readFileSync(s.path('etc/portage/make.conf'), 'utf8')}USE="-*"\n`);
    const r = s.emerge(['--verbose', '--update', '--deep', '--newuse', '--quiet-build', '@world'], { STANDIN_TIME_SCALE: '0' });
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/\[ebuild {3}R {4}\] net-misc\/curl-8\.11\.1::gentoo {2}USE="-adns\* -alt-svc\* /);
    expect(readFileSync(s.path('var/db/pkg/net-misc/curl-8.11.1/USE'), 'utf8')).toBe('amd64 elibc_glibc kernel_linux\n');
    expect(readFileSync(s.path('var/db/pkg/net-misc/curl-8.11.1/RDEPEND'), 'utf8')).toBe('sys-libs/zlib\n');
    expect(existsSync(s.path('usr/share/locale/de/LC_MESSAGES/bash.mo'))).toBe(false);
    expect(Number(readFileSync(s.path('var/db/pkg/net-misc/curl-8.11.1/SIZE'), 'utf8'))).toBeLessThanOrEqual(before);
    const clean = s.emerge(['--depclean', '--pretend']);
    expect(clean.output).toContain(' dev-libs/openssl\n    selected: 3.3.2-r2 \n');
  });

  it('locale-gen sizes locale-archive by the locales in /etc/locale.gen', () => {
    s = hostStandin();
    const archive = s.path('usr/lib/locale/locale-archive');
    expect(statSync(archive).size).toBe(8192 + 4 * 1536 * 1024);
    writeFileSync(s.path('etc/locale.gen'), 'en_US.UTF-8 UTF-8\n# de_DE.UTF-8 UTF-8\n');
    const r = s.node(LOCALE_GEN, []);
    expect(r.output).toContain(' * Generating 1 locales (this might take a while) with 1 jobs\n');
    expect(r.output).toMatch(/ \* {2}\(1\/1\) Generating en_US\.UTF-8 \.\.\. +\[ ok \]\n/);
    expect(statSync(archive).size).toBe(8192 + 1536 * 1024);
  });

  it('eselect php update cli points /usr/bin/php at the newest installed slot, and refuses ROOT≠/', () => {
    s = hostStandin();
    expect(s.emerge(['--oneshot', '--nodeps', '--quiet-build', '=dev-lang/php-8.2.27'], { STANDIN_TIME_SCALE: '0.01' }).status).toBe(0);
    expect(s.node(ESELECT, ['php', 'update', 'cli']).status).toBe(0);
    expect(s.node(ESELECT, ['php', 'list', 'cli']).output).toBe('  [1]   php8.2 *\n');
    const inRoot = s.node(ESELECT, ['php', 'update', 'cli'], { ROOT: '/destination' });
    expect(inRoot.status).toBe(1);
    expect(inRoot.output).toContain("Can't update the cli symlink /usr/bin/php in ROOT=/destination");
  });
});
