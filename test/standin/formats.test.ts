// Exact output forms of the stand-in emerge that the product's parsers rely on (host-run).
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostStandin, stripAnsi, type HostStandin } from './host-standin.js';

describe('stand-in emerge output forms', () => {
  let s: HostStandin;
  beforeAll(() => { s = hostStandin(); });
  afterAll(() => s?.cleanup());

  it('prints the header before "Calculating dependencies", then the 16-wide list, two spaces before USE for new packages', () => {
    const r = s.emerge(['-pv', 'dev-lang/php']);
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/^\nThese are the packages that would be merged, in order:\n\nCalculating dependencies \.\.\. done!\nDependency resolution took \d+\.\d\d s \(backtrack: 0\/20\)\.\n\n\[ebuild {2}N {5}\] dev-libs\/oniguruma-6\.9\.9:0\/5::gentoo {2}USE="-crnl-as-line-terminator -static-libs" 0 KiB\n/);
    expect(r.output).toContain('[ebuild  N     ] dev-lang/php-8.3.15:8.3::gentoo  USE="cli ctype curl fileinfo filter flatfile iconv mbstring opcache phar posix readline session simplexml sqlite ssl sysvipc tokenizer unicode xml zip -acl -apache2');
    expect(r.output).toContain(' -debug (-embed) -enchant ');
    expect(r.output).toContain('\nTotal: 6 packages (6 new), Size of downloads: 0 KiB\n');
  });

  it('shows slots only when not 0/0, old versions in brackets, and ROOT with "to /destination/"', () => {
    const r = s.emerge(['-pv', 'net-misc/curl'], { ROOT: '/destination' });
    expect(r.output).toContain('[ebuild  N     ] sys-libs/zlib-1.3.1-r1:0/1::gentoo to /destination/ USE="-minizip -static-libs" 0 KiB');
    expect(r.output).toContain('[ebuild  N     ] net-misc/curl-8.11.1::gentoo to /destination/ USE="adns alt-svc ftp imap ipv6 openssl');
    expect(r.output).toContain(' CURL_SSL="openssl -gnutls -mbedtls -rustls" 0 KiB');
    const u = s.emerge(['-pvuDN', '@world']);
    expect(u.output).toContain('[ebuild     U  ] sys-libs/zlib-1.3.1-r1:0/1::gentoo [1.3.1:0/1::gentoo] USE="-minizip -static-libs" 0 KiB');
    expect(u.output).toContain('[ebuild   R    ] net-misc/curl-8.11.1::gentoo  USE="adns alt-svc ftp imap ipv6 openssl pop3 progress-meter psl smtp ssl tftp websockets%* -brotli');
    expect(u.output).toContain('[ebuild  rR    ] app-shells/bash-5.2_p37::gentoo  USE="net nls readline');
    expect(u.output).toContain('  (sys-libs/readline-8.3:0/8.3::gentoo, ebuild scheduled for merge) causes rebuilds for:\n    (app-shells/bash-5.2_p37:0/0::gentoo, ebuild scheduled for merge)');
  });

  it('uses 15-wide brackets and trailing spaces with --quiet, and no USE without -v or -p', () => {
    const q = s.emerge(['-pq', 'dev-lang/php']);
    expect(q.output.split('\n')[0]).toBe('[ebuild  N    ] dev-libs/oniguruma-6.9.9 ');
    const plain = s.emerge(['-p', 'app-misc/hello']);
    expect(plain.output).toContain('[ebuild  N     ] app-misc/hello-2.12.1  USE="nls" \n');
  });

  it('marks changed flags with * and new flags with %*, and puts forced/masked flags in parentheses', () => {
    const r = s.emerge(['-pv', 'net-misc/curl'], { USE: '-ipv6 http2' });
    expect(r.output).toContain(' http2* ');
    expect(r.output).toContain(' -ipv6* ');
    expect(r.output).toContain(' websockets%* ');
    expect(r.output).toContain(' (-http3) ');
    expect(r.output).toContain('[ebuild  N     ] net-libs/nghttp2-1.64.0:0/1.14::gentoo  USE="-cxx -debug -hpack-tools -jemalloc -static-libs -test -utils" 0 KiB');
  });

  it('with --tree indents dependencies one space under their parent, in reverse order', () => {
    const r = s.emerge(['-pvt', 'dev-lang/php']);
    const lines = r.output.split('\n').filter((l) => l.startsWith('['));
    expect(lines[0]).toMatch(/^\[ebuild {2}N {5}\] dev-lang\/php-8\.3\.15/);
    expect(lines.slice(1).every((l) => l.startsWith('[ebuild  N     ]  dev-libs/') || l.startsWith('[ebuild  N     ]  dev-db/'))).toBe(true);
    expect(r.output).toContain('in reverse order:');
  });

  it('reports a keyword mask without --autounmask and proposes the keyword with it', () => {
    const masked = s.emerge(['-pv', '=dev-libs/openssl-3.4.0']);
    expect(masked.status).toBe(1);
    expect(masked.output).toContain('!!! All ebuilds that could satisfy "=dev-libs/openssl-3.4.0" have been masked.\n!!! One of the following masked packages is required to complete your request:\n- dev-libs/openssl-3.4.0::gentoo (masked by: ~amd64 keyword)\n');
    const un = s.emerge(['-pv', '--autounmask=y', '=dev-libs/openssl-3.4.0']);
    expect(un.status).toBe(1);
    expect(un.output).toContain('[ebuild     U ~] dev-libs/openssl-3.4.0:0/3::gentoo [3.3.2-r2:0/3::gentoo] USE=');
    expect(un.output).toContain('The following keyword changes are necessary to proceed:\n (see "package.accept_keywords" in the portage(5) man page for more details)\n# required by =dev-libs/openssl-3.4.0 (argument)\n=dev-libs/openssl-3.4.0 ~amd64\n');
  });

  it('honours package.accept_keywords and package.use from /etc/portage', () => {
    const t = hostStandin();
    try {
      writeFileSync(t.path('etc/portage/package.accept_keywords/openssl'), '=dev-libs/openssl-3.4.0 ~amd64\n');
      writeFileSync(t.path('etc/portage/package.use/curl'), 'net-misc/curl http2\n');
      const r = t.emerge(['-pv', '=dev-libs/openssl-3.4.0', 'net-misc/hurl']);
      expect(r.status).toBe(0);
      expect(r.output).toContain('[ebuild     U ~] dev-libs/openssl-3.4.0:0/3::gentoo');
      expect(r.output).toContain(' http2* ');
      expect(r.output).not.toContain('changes are necessary');
    } finally {
      t.cleanup();
    }
  });

  it('shows USE and licence changes without --autounmask, and refuses them with --autounmask=n', () => {
    const use = s.emerge(['-pv', 'net-misc/hurl']);
    expect(use.output).toContain('The following USE changes are necessary to proceed:\n (see "package.use" in the portage(5) man page for more details)\n# required by net-misc/hurl-5.0.1::gentoo\n# required by net-misc/hurl (argument)\n>=net-misc/curl-8.11.1 http2\n');
    const lic = s.emerge(['-pv', 'app-misc/proprietary-tool']);
    expect(lic.output).toContain('[ebuild  N F   ] app-misc/proprietary-tool-1.0::gentoo  49 KiB');
    expect(lic.output).toContain('Fetch Restriction: 1 package (1 unsatisfied)');
    expect(lic.output).toContain('>=app-misc/proprietary-tool-1.0 Proprietary-EULA');
    const no = s.emerge(['-pv', '--autounmask=n', 'net-misc/hurl']);
    expect(no.output).toContain('emerge: there are no ebuilds built with USE flags to satisfy "net-misc/curl[http2]".\n!!! One of the following packages is required to complete your request:\n- net-misc/curl-8.11.1::gentoo (Change USE: +http2)\n(dependency required by "net-misc/hurl-5.0.1::gentoo" [ebuild])\n(dependency required by "net-misc/hurl" [argument])');
  });

  it('prints blockers, REQUIRED_USE reports, missing packages and invalid atoms like Portage', () => {
    const b = s.emerge(['-pv', 'dev-libs/libressl']);
    expect(b.output).toContain('[blocks B      ] dev-libs/openssl ("dev-libs/openssl" is hard blocking dev-libs/libressl-4.0.0)\n\nTotal: 1 package (1 new), Size of downloads: 0 KiB\nConflict: 1 block (1 unsatisfied)\n');
    const ru = s.emerge(['-pv', 'dev-lang/php:8.3'], { USE: '-cli' });
    expect(ru.output).toContain('Calculating dependencies ...\n\n!!! Problem resolving dependencies for dev-lang/php:8.3\n done!\n');
    expect(ru.output).toContain('  The following REQUIRED_USE flag constraints are unsatisfied:\n    any-of ( cli cgi fpm embed phpdbg ) !cli? ( !readline )\n');
    const none = s.emerge(['-pv', 'app-misc/helo']);
    expect(none.output).toContain('emerge: there are no ebuilds to satisfy "app-misc/helo".\n\nemerge: searching for similar names...\nemerge: Maybe you meant any of these: app-misc/hello, app-misc/newtool, app-misc/oldtool?\n');
    const bad = s.emerge(['-pv', 'app-misc/hello-[1']);
    expect(bad.output).toBe("!!! 'app-misc/hello-[1' is not a valid package atom.\n!!! Please check ebuild(5) for full details.\n");
  });

  it('colours only with --color=y (or a TTY), with Portage\'s codes', () => {
    const r = s.emerge(['-pv', '--color=y', 'app-misc/hello']);
    expect(r.output).toContain('[\x1b[32;01mebuild\x1b[39;49;00m  \x1b[32;01mN\x1b[39;49;00m     ] \x1b[32;01mapp-misc/hello-2.12.1::gentoo\x1b[39;49;00m  USE="\x1b[31;01mnls\x1b[39;49;00m" 0 KiB');
    expect(stripAnsi(r.output)).toContain('[ebuild  N     ] app-misc/hello-2.12.1::gentoo  USE="nls" 0 KiB');
    expect(s.emerge(['-pv', 'app-misc/hello']).output).not.toContain('\x1b[32;01mebuild');
  });

  it('refuses --ask without a terminal and rejects unknown options', () => {
    expect(s.emerge(['--ask', 'app-misc/hello'])).toEqual({ status: 1, output: '!!! "--ask" should only be used in a terminal. Exiting.\n' });
    expect(s.emerge(['--frobnicate']).status).toBe(1);
  });

  it('answers --info, --version and --sync (offline) in Portage\'s forms', () => {
    const info = s.emerge(['--info']);
    expect(info.output).toMatch(/^Portage 3\.0\.82 \(python .*\)\n={65}\nSystem uname: Linux-/);
    expect(info.output).toContain('\nsys-libs/glibc:      2.40-r5::gentoo\n');
    expect(info.output).toContain('\nACCEPT_KEYWORDS="amd64"\n');
    expect(info.output).toMatch(/\nUSE="amd64 crypt ipv6 ncurses nls pam readline ssl unicode zlib" .*CURL_SSL="openssl"/);
    const sync = s.emerge(['--sync']);
    expect(sync.status).toBe(1);
    expect(sync.output.trimEnd().split('\n').at(-1)).toBe('Action: sync for repo: gentoo, returned code = 1');
  });
});
