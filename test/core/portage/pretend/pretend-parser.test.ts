import { describe, expect, it } from 'vitest';
import { parsePretend } from '../../../../src/core/portage/pretend/pretend-parser.js';
import type { PretendPackage, PretendProblem, PretendResult } from '../../../../src/core/portage/pretend/pretend-types.js';
import { realWorld, rig } from '../../fixtures.js';

function pkg(r: PretendResult, cpv: string): PretendPackage {
  const p = r.packages.find((x) => x.cpv === cpv);
  if (!p) throw new Error(`${cpv} not in ${r.packages.map((x) => x.cpv).join(', ')}`);
  return p;
}

function problem<K extends PretendProblem['kind']>(r: PretendResult, kind: K): Extract<PretendProblem, { kind: K }> {
  const p = r.problems.find((x) => x.kind === kind);
  if (!p) throw new Error(`no ${kind} problem in ${JSON.stringify(r.problems)}`);
  return p as Extract<PretendProblem, { kind: K }>;
}

/** What must not differ between a plain and a --color=y / pty capture of the same command. */
function comparable(r: PretendResult) {
  return {
    packages: r.packages.map(({ line: _line, ...rest }) => rest),
    total: r.total,
    changes: r.changes,
    problems: r.problems.map((p) => ({ kind: p.kind, message: p.message, packages: p.packages })),
    unknown: r.unknown.map((u) => u.text),
  };
}

const PHP_LIST = ['dev-libs/oniguruma-6.9.9', 'dev-db/sqlite-3.47.2', 'dev-libs/libpcre2-10.44', 'dev-libs/libxml2-2.13.5', 'dev-libs/libzip-1.11.2', 'dev-lang/php-8.3.15'];

describe('parsePretend: merge lists (rig)', () => {
  it('01 verbose: six new packages with slots, repo, USE and sizes', () => {
    const r = parsePretend(rig('01-pretend-verbose-php'));
    expect(r.header).toEqual({ action: 'merged', order: 'in-order' });
    expect(r.resolution).toEqual({ seconds: 0.05, backtrack: { used: 0, max: 20 } });
    expect(r.packages.map((p) => p.cpv)).toEqual(PHP_LIST);
    expect(r.packages.every((p) => p.kind === 'ebuild' && p.new && !p.update && p.repo === 'gentoo' && p.downloadKiB === 0 && p.root === '/')).toBe(true);
    expect(pkg(r, 'dev-libs/oniguruma-6.9.9')).toMatchObject({ slot: '0', subslot: '5', flags: 'ebuild  N     ', depth: 0 });
    expect(pkg(r, 'dev-lang/php-8.3.15')).toMatchObject({ slot: '8.3', subslot: null });
    const php = pkg(r, 'dev-lang/php-8.3.15');
    expect(php.use).toHaveLength(66);
    expect(php.use.filter((u) => u.enabled)).toHaveLength(21);
    expect(php.use.find((u) => u.name === 'embed')).toEqual({ name: 'embed', flag: 'embed', group: 'USE', enabled: false, changed: false, newFlag: false, forced: true, testBound: false });
    expect(r.total).toMatchObject({ packages: 6, new: 6, downloadKiB: 0, sizeUnit: 'KiB' });
    expect(r.notices).toEqual([{ kind: 'news', text: "* IMPORTANT: 1 news items need reading for repository 'gentoo'.", count: 1, repo: 'gentoo', line: 16 }]);
    expect(r.unknown).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('01 plain (no --verbose): USE but no slot, repo or size, and no Total line', () => {
    const r = parsePretend(rig('01-pretend-plain-php'));
    expect(r.packages.map((p) => p.cpv)).toEqual(PHP_LIST);
    expect(pkg(r, 'dev-libs/libpcre2-10.44')).toMatchObject({ slot: null, repo: null, downloadKiB: null, unparsed: '' });
    expect(pkg(r, 'dev-libs/libpcre2-10.44').use.map((u) => u.name)).toContain('valgrind');
    expect(r.total).toBeNull();
    expect(r.unknown).toEqual([]);
  });

  it('02 --tree: reverse order header and depth from the indentation', () => {
    const r = parsePretend(rig('02-pretend-tree-php'));
    expect(r.header?.order).toBe('reverse');
    expect(r.packages.map((p) => [p.cpv, p.depth])).toEqual([
      ['dev-lang/php-8.3.15', 0], ['dev-libs/libzip-1.11.2', 1], ['dev-libs/libxml2-2.13.5', 1],
      ['dev-libs/libpcre2-10.44', 1], ['dev-db/sqlite-3.47.2', 1], ['dev-libs/oniguruma-6.9.9', 1],
    ]);
  });

  it('03 --columns: name column and [version:slot::repo] column', () => {
    const r = parsePretend(rig('03-pretend-columns-php'));
    expect(r.packages.map((p) => p.cpv)).toEqual(PHP_LIST);
    expect(pkg(r, 'dev-libs/libpcre2-10.44')).toMatchObject({ slot: '0', subslot: '3', repo: 'gentoo', downloadKiB: 0, unparsed: '' });
    expect(pkg(r, 'dev-libs/libzip-1.11.2').use.map((u) => `${u.enabled ? '' : '-'}${u.name}`)).toEqual(['bzip2', 'lzma', 'ssl', '-test', '-tools', '-zstd']);
  });

  it('04 --quiet: narrow bracket, no header, trailing space', () => {
    const r = parsePretend(rig('04-pretend-quiet-php'));
    expect(r.header).toBeNull();
    expect(r.packages.map((p) => p.cpv)).toEqual(PHP_LIST);
    expect(r.packages[0]).toMatchObject({ flags: 'ebuild  N    ', new: true, mask: null, use: [] });
    expect(r.unknown).toEqual([]);
  });

  it('05 ROOT=/destination: root, USE_EXPAND groups and the global-updates block', () => {
    const r = parsePretend(rig('05-pretend-root-destination'));
    expect(r.packages.map((p) => p.root)).toEqual(['/destination/', '/destination/', '/destination/']);
    const ssl = pkg(r, 'dev-libs/openssl-3.3.2-r2');
    expect(ssl.use.filter((u) => u.group === 'CPU_FLAGS_X86')).toEqual([
      { name: 'sse2', flag: 'cpu_flags_x86_sse2', group: 'CPU_FLAGS_X86', enabled: true, changed: false, newFlag: false, forced: false, testBound: false },
    ]);
    const curl = pkg(r, 'net-misc/curl-8.11.1');
    expect(curl.slot).toBeNull();
    expect(curl.use.filter((u) => u.group === 'CURL_SSL').map((u) => [u.flag, u.enabled])).toEqual([
      ['curl_ssl_openssl', true], ['curl_ssl_gnutls', false], ['curl_ssl_mbedtls', false], ['curl_ssl_rustls', false],
    ]);
    expect(r.unknown).toEqual([]);
  });

  it('06 world update: U, r, NS, R statuses, old versions and the rebuild causes', () => {
    const r = parsePretend(rig('06-pretend-world-update'));
    expect(pkg(r, 'sys-libs/zlib-1.3.1-r1')).toMatchObject({ update: true, new: false, oldVersions: [{ version: '1.3.1', slot: '0', subslot: '1', repo: 'gentoo' }] });
    expect(pkg(r, 'sys-libs/readline-8.3')).toMatchObject({ update: true, forcedRebuild: true, subslot: '8.3', oldVersions: [{ version: '8.2_p13', slot: '0', subslot: '8', repo: 'gentoo' }] });
    expect(pkg(r, 'sys-devel/gcc-14.2.1_p20241221')).toMatchObject({ new: true, newSlot: true, slot: '14', oldVersions: [{ version: '13.3.1_p20241220', slot: '13', subslot: null, repo: 'gentoo' }] });
    const curl = pkg(r, 'net-misc/curl-8.11.1');
    expect(curl).toMatchObject({ replace: true, oldVersions: [] });
    expect(curl.use.find((u) => u.name === 'websockets')).toMatchObject({ enabled: true, changed: true, newFlag: true });
    expect(pkg(r, 'app-shells/bash-5.2_p37')).toMatchObject({ replace: true, forcedRebuild: true });
    expect(r.total).toMatchObject({ packages: 5, upgrades: 2, newSlots: 1, reinstalls: 2 });
    expect(r.rebuilds).toEqual([{ cause: 'sys-libs/readline-8.3:0/8.3::gentoo', rebuilds: ['app-shells/bash-5.2_p37:0/0::gentoo'] }]);
    expect(r.unknown).toEqual([]);
  });

  it('07 reinstall and USE change markers (* and %*)', () => {
    expect(parsePretend(rig('07-pretend-reinstall')).packages).toMatchObject([{ cpv: 'sys-libs/zlib-1.3.1', replace: true, slot: '0', subslot: '1' }]);
    const r = parsePretend(rig('07-pretend-use-change-star'));
    const curl = pkg(r, 'net-misc/curl-8.11.1');
    const changed = curl.use.filter((u) => u.changed).map((u) => `${u.enabled ? '' : '-'}${u.name}${u.newFlag ? '%' : ''}`);
    expect(changed).toEqual(['http2', 'websockets%', '-ipv6']);
    expect(curl.use.filter((u) => u.forced).map((u) => u.name)).toEqual(['http3', 'quic']);
    expect(r.total).toMatchObject({ packages: 2, new: 1, reinstalls: 1 });
  });

  it('08 downgrade', () => {
    const r = parsePretend(rig('08-pretend-downgrade'));
    expect(r.packages[0]).toMatchObject({ cpv: 'dev-libs/libffi-3.4.4-r1', update: true, downgrade: true, oldVersions: [{ version: '3.4.6' }] });
    expect(r.total).toMatchObject({ packages: 1, downgrades: 1 });
  });

  it('10 real download sizes without separators sum to the Total', () => {
    const r = parsePretend(rig('10-pretend-download-sizes'));
    expect(r.packages.map((p) => p.downloadKiB)).toEqual([497, 657, 3211, 2109, 2510, 767, 12622, 7415]);
    // Each line is rounded up to whole KiB on its own, the total once: 29788 vs 29785.
    expect(r.packages.reduce((s, p) => s + (p.downloadKiB ?? 0), 0)).toBe(29788);
    expect(r.total?.downloadKiB).toBe(29785);
  });

  it('32 emptytree: 21 packages, 18 reinstalls, PERL_FEATURES group', () => {
    const r = parsePretend(rig('32-emptytree-world-pretend'));
    expect(r.packages).toHaveLength(21);
    expect(r.packages.filter((p) => p.replace)).toHaveLength(18);
    expect(pkg(r, 'dev-lang/perl-5.40.0').use.filter((u) => u.group === 'PERL_FEATURES').map((u) => u.flag)).toEqual(['perl_features_ithreads']);
    expect(pkg(r, 'virtual/libintl-0-r2')).toMatchObject({ version: '0-r2', use: [] });
    expect(r.total).toMatchObject({ packages: 21, upgrades: 2, newSlots: 1, reinstalls: 18 });
  });

  it('35 binary packages: build id kept out of the cpv', () => {
    const r = parsePretend(rig('35-buildpkg-then-usepkg'));
    const bins = r.packages.filter((p) => p.kind === 'binary');
    expect(bins.map((p) => [p.cpv, p.buildId, p.replace, p.new])).toEqual([
      ['dev-libs/expat-2.6.4', 1, true, false], ['app-misc/hello-2.12.1', 1, false, true],
      ['app-misc/hello-2.12.1', 1, false, true],
      ['dev-libs/expat-2.6.4', 1, true, false], ['app-misc/hello-2.12.1', 1, false, true],
      ['app-misc/hello-2.12.1', 1, false, true],
    ]);
    // The file holds four runs; the real merge's progress lines are not pretend output.
    expect(r.unknown.map((u) => u.text)).toContain('>>> Emerging binary (1 of 1) app-misc/hello-2.12.1::gentoo');
    expect(r.unknown.filter((u) => u.text === '======')).toHaveLength(3);
  });

  it('41 resume list: resolution time without backtrack', () => {
    const r = parsePretend(rig('41-resume-list'));
    expect(r.resolution).toEqual({ seconds: 0.02, backtrack: null });
    expect(r.packages.map((p) => p.cpv)).toEqual(['dev-util/brokentool-0.9', 'app-misc/brokendep-1.0']);
  });
});

describe('parsePretend: colour, pty and split captures give the same result', () => {
  const pairs: [string, string][] = [
    ['01-pretend-verbose-php', '01-pretend-verbose-php-color'],
    ['02-pretend-tree-php', '02-pretend-tree-php-color'],
    ['03-pretend-columns-php', '03-pretend-columns-php-color'],
    ['05-pretend-root-destination', '05-pretend-root-destination-color'],
    ['06-pretend-world-update', '06-pretend-world-update-color'],
    ['07-pretend-use-change-star', '07-pretend-use-change-star-color'],
    ['10-pretend-download-sizes', '10-pretend-download-sizes-color'],
    ['11-keyword-autounmask', '11-keyword-autounmask-color'],
    ['14-use-change-needed', '14-use-change-needed-color'],
    ['16-blocker-hard', '16-blocker-hard-color'],
    ['17-slot-conflict', '17-slot-conflict-color'],
    ['01-pretend-verbose-php', '50-pty-pretend-php'],
    ['01-pretend-verbose-php', '60-split-pretend-php'],
    ['01-pretend-verbose-php', '60-split-pretend-php.stdout'],
  ];
  for (const [plain, other] of pairs) {
    it(`${other} equals ${plain}`, () => {
      const a = parsePretend(rig(plain));
      const b = parsePretend(rig(other));
      expect(b.packages.length).toBeGreaterThan(0);
      expect(comparable(b)).toEqual(comparable(a));
    });
  }
  it('the split run printed nothing on stderr', () => {
    expect(rig('60-split-pretend-php.stderr')).toBe('');
    expect(parsePretend(rig('60-split-pretend-php.stderr'))).toMatchObject({ packages: [], unknown: [], total: null });
  });
  it('the pty capture keeps spinner and title noise out of unknown lines', () => {
    const r = parsePretend(rig('50-pty-pretend-php'));
    expect(r.unknown).toEqual([]);
    expect(r.resolution?.seconds).toBe(0.05);
  });
});

describe('parsePretend: autounmask changes', () => {
  it('11 keyword change with the `~` mask column', () => {
    const r = parsePretend(rig('11-keyword-autounmask'));
    expect(r.packages[0]).toMatchObject({ cpv: 'dev-libs/openssl-3.4.0', mask: '~', update: true, flags: 'ebuild     U ~' });
    expect(r.changes).toEqual([{
      kind: 'keywords', line: '=dev-libs/openssl-3.4.0 ~amd64', atom: '=dev-libs/openssl-3.4.0', values: ['~amd64'],
      requiredBy: ['=dev-libs/openssl-3.4.0 (argument)'], comments: [], file: 'package.accept_keywords',
    }]);
  });
  it('11 --autounmask-write: written notice, config update notice, the echoed files stay unknown', () => {
    const r = parsePretend(rig('11-keyword-autounmask-write-real'));
    expect(r.changes.map((c) => c.line)).toEqual(['=dev-libs/openssl-3.4.0 ~amd64']);
    expect(r.notices.filter((n) => n.kind !== 'news').map((n) => n.kind)).toEqual(['autounmask', 'config-update']);
    expect(r.unknown.map((u) => u.text)).toContain('--- exit status 1');
    expect(r.unknown).toHaveLength(8);
  });
  it('13 license change and the fetch restriction', () => {
    const r = parsePretend(rig('13-license-autounmask'));
    expect(r.changes).toEqual([{
      kind: 'license', line: '>=app-misc/proprietary-tool-1.0 Proprietary-EULA', atom: '>=app-misc/proprietary-tool-1.0',
      values: ['Proprietary-EULA'], requiredBy: ['app-misc/proprietary-tool (argument)'], comments: [], file: 'package.license',
    }]);
    expect(r.packages[0]).toMatchObject({ fetchRestricted: true, fetch: 'F', downloadKiB: 3106, use: [] });
    expect(r.total?.fetchRestriction).toEqual({ packages: 1, unsatisfied: 1 });
    expect(problem(r, 'fetch-restricted')).toMatchObject({ cpv: 'app-misc/proprietary-tool-1.0', details: ['Please download proprietary-tool-1.0.tar.gz from', 'https://example.com/proprietary-tool', 'and place it into your DISTDIR directory.'] });
    expect(r.unknown).toEqual([]);
  });
  it('13 fetch restriction alone (ACCEPT_LICENSE=*)', () => {
    const r = parsePretend(rig('13-fetch-restricted-pretend'));
    expect(r.changes).toEqual([]);
    expect(r.problems.map((p) => p.kind)).toEqual(['fetch-restricted']);
  });
  it('14 USE change with a two-level required-by chain', () => {
    const r = parsePretend(rig('14-use-change-needed'));
    expect(r.changes).toEqual([{
      kind: 'use', line: '>=net-misc/curl-8.11.1 http2', atom: '>=net-misc/curl-8.11.1', values: ['http2'],
      requiredBy: ['net-misc/hurl-5.0.1::gentoo', 'net-misc/hurl (argument)'], comments: [], file: 'package.use',
    }]);
    expect(pkg(r, 'net-misc/hurl-5.0.1')).toMatchObject({ use: [], downloadKiB: 0, new: true });
    expect(r.total).toMatchObject({ packages: 3, new: 2, reinstalls: 1 });
  });
  it('maps a "mask changes" section to package.unmask and keeps its comments', () => {
    const text = [
      '', 'The following mask changes are necessary to proceed:',
      ' (see "package.unmask" in the portage(5) man page for more details)',
      '# required by @selected', '# required by @world (argument)',
      '# /var/db/repos/gentoo/profiles/package.mask:', '# Masked for testing', '=dev-lang/php-8.5.0_alpha1', '',
      'NOTE: The --autounmask-keep-masks option will prevent emerge', '      from creating package.unmask or ** keyword changes.',
    ].join('\n');
    const r = parsePretend(text);
    expect(r.changes).toEqual([{
      kind: 'unmask', line: '=dev-lang/php-8.5.0_alpha1', atom: '=dev-lang/php-8.5.0_alpha1', values: [],
      requiredBy: ['@selected', '@world (argument)'], comments: ['# /var/db/repos/gentoo/profiles/package.mask:', '# Masked for testing'], file: 'package.unmask',
    }]);
    expect(r.unknown).toEqual([]);
  });
  it('splits the pre-2013 single-line chain', () => {
    const r = parsePretend('The following USE changes are necessary to proceed:\n#required by a/b-1, required by c/d-2, required by c/d (argument)\n>=x/y-1 foo -bar\n');
    expect(r.changes[0]).toMatchObject({ requiredBy: ['a/b-1', 'c/d-2', 'c/d (argument)'], values: ['foo', '-bar'] });
  });
});

describe('parsePretend: problems', () => {
  it('11 keyword-masked package', () => {
    const r = parsePretend(rig('11-keyword-masked'));
    expect(r.packages).toEqual([]);
    expect(problem(r, 'masked')).toMatchObject({ atom: '=dev-libs/openssl-3.4.0', candidates: [{ cpv: 'dev-libs/openssl-3.4.0', repo: 'gentoo', reasons: ['~amd64 keyword'] }] });
    expect(r.unknown).toEqual([]);
  });
  it('12 package.mask with the mask comment', () => {
    const p = problem(parsePretend(rig('12-package-mask')), 'masked');
    expect(p.candidates[0]?.reasons).toEqual(['package.mask', '~amd64 keyword']);
    expect(p.maskComments).toEqual(['# Jane Doe <jdoe@example.org> (2025-01-10)', '# PHP 8.5 is an alpha release, not suitable for production.', '# Masked for testing, see bug #945000.']);
    expect(p.details).toContain('/var/db/repos/gentoo/profiles/package.mask:');
  });
  it('15 REQUIRED_USE with the context line that split the spinner', () => {
    const r = parsePretend(rig('15-required-use-any-of'));
    const p = problem(r, 'required-use');
    expect(p).toMatchObject({ atom: 'dev-lang/php:8.3', cpv: 'dev-lang/php-8.3.15', context: 'dev-lang/php:8.3', unsatisfied: 'any-of ( cli cgi fpm embed phpdbg ) !cli? ( !readline )' });
    expect(p.expression).toMatch(/^any-of \( cli cgi fpm embed phpdbg \) cli\? \( at-most-one-of/);
    expect(r.problems).toHaveLength(1);
    expect(r.unknown).toEqual([]);
  });
  it('16 unsatisfied hard blocker with what pulled the package in', () => {
    const r = parsePretend(rig('16-blocker-hard'));
    const blocks = r.packages.find((p) => p.kind === 'blocks');
    expect(blocks).toMatchObject({ cpv: 'dev-libs/openssl', blocker: { satisfied: false, atom: 'dev-libs/openssl', strength: 'hard', blocking: ['dev-libs/libressl-4.0.0'] } });
    const p = problem(r, 'blocker');
    expect(p.message).toBe('dev-libs/openssl is hard blocking dev-libs/libressl-4.0.0');
    expect(p.pulledIn).toEqual([{ package: 'dev-libs/libressl-4.0.0:0/56::gentoo', cpv: 'dev-libs/libressl-4.0.0', pulledBy: [{ atom: null, parent: 'dev-libs/libressl' }] }]);
    expect(r.total?.conflict).toEqual({ blocks: 1, unsatisfied: 1, allSatisfied: false });
    expect(r.problems).toHaveLength(1);
    expect(r.unknown).toEqual([]);
  });
  it('16 satisfied soft blocker with an uninstall is not a problem', () => {
    const r = parsePretend(rig('16-blocker-soft-resolved'));
    expect(r.packages.map((p) => [p.kind, p.cpv])).toEqual([['ebuild', 'sys-apps/debianutils-5.20'], ['uninstall', 'sys-apps/which-2.21'], ['blocks', 'sys-apps/which']]);
    expect(r.packages[2]?.blocker).toEqual({ satisfied: true, atom: 'sys-apps/which', strength: 'soft', blocking: ['sys-apps/debianutils-5.20'] });
    expect(r.problems).toEqual([]);
    expect(r.total).toMatchObject({ packages: 1, new: 1, uninstalls: 1, conflict: { blocks: 1, unsatisfied: 0, allSatisfied: true } });
  });
  it('17 slot conflict: both instances and what pulled them in', () => {
    const r = parsePretend(rig('17-slot-conflict'));
    const p = problem(r, 'slot-conflict');
    expect(p.slot).toBe('dev-libs/icu:0');
    expect(p.instances).toEqual([
      { package: 'dev-libs/icu-76.1:0/76.1::gentoo', cpv: 'dev-libs/icu-76.1', pulledBy: [{ atom: '>=dev-libs/icu-76:=', parent: 'app-misc/newtool-2.0' }] },
      { package: 'dev-libs/icu-74.2:0/74.2::gentoo', cpv: 'dev-libs/icu-74.2', pulledBy: [{ atom: '<dev-libs/icu-75:=', parent: 'app-misc/oldtool-1.0' }] },
    ]);
    expect(p.packages).toEqual(['dev-libs/icu-76.1', 'app-misc/newtool-2.0', 'dev-libs/icu-74.2', 'app-misc/oldtool-1.0']);
    expect(p.details[0]).toBe('It may be possible to solve this problem by using package.mask to');
    expect(r.resolution?.backtrack).toEqual({ used: 4, max: 20 });
    expect(r.unknown).toEqual([]);
  });
  it('18 no ebuilds, with suggestions', () => {
    expect(problem(parsePretend(rig('18-no-ebuilds-did-you-mean')), 'no-ebuilds')).toMatchObject({ atom: 'app-misc/helo', suggestions: ['app-misc/hello', 'app-misc/newtool', 'app-misc/oldtool'] });
    expect(problem(parsePretend(rig('18-no-ebuilds')), 'no-ebuilds')).toMatchObject({ atom: 'app-misc/doesnotexist', suggestions: ['app-misc/brokendep', 'app-misc/newtool', 'app-misc/hello'] });
  });
  it('19 invalid atom and unknown set', () => {
    const a = parsePretend(rig('19-invalid-atom-garbage'));
    expect(a.problems).toEqual([{ kind: 'invalid-atom', atom: 'app-misc/hello-[1', details: ['!!! Please check ebuild(5) for full details.'], line: 1, packages: ['app-misc/hello-[1'], message: "'app-misc/hello-[1' is not a valid package atom" }]);
    const s = problem(parsePretend(rig('19-not-a-set')), 'no-ebuilds');
    expect(s.atom).toBe('@nosuchset');
    expect(s.suggestions).toHaveLength(21);
    expect(s.suggestions).toContain('@world');
  });
  it('reports a dangling "Problem resolving dependencies" line as a problem', () => {
    const r = parsePretend('!!! Problem resolving dependencies for app-misc/foo\n');
    expect(r.problems).toEqual([{ kind: 'other', message: 'Problem resolving dependencies for app-misc/foo', packages: ['app-misc/foo'], details: [], line: 0 }]);
  });
});

describe('parsePretend: real-world samples', () => {
  it('pretend-01: 663 reinstalls, mask columns, overlays, C-locale total', () => {
    const r = parsePretend(realWorld('pretend-01'));
    expect(r.packages).toHaveLength(663);
    expect(r.packages.filter((p) => p.replace)).toHaveLength(661);
    expect(r.packages.filter((p) => p.mask === '~')).toHaveLength(20);
    expect(r.packages.filter((p) => p.mask === '#')).toHaveLength(2);
    expect(r.packages.filter((p) => p.mask === '*')).toHaveLength(2);
    expect(pkg(r, 'sys-libs/gdbm-1.11-r99').repo).toBe('musl');
    expect(pkg(r, 'dev-lang/python-exec-2.0.2').use.map((u) => [u.flag, u.forced])).toContainEqual(['python_targets_python2_7', true]);
    expect(r.packages.filter((p) => p.unparsed !== '')).toEqual([]);
    expect(r.total).toMatchObject({ packages: 663, upgrades: 2, reinstalls: 661, downloadKiB: 5818 });
    expect(r.notices[0]).toMatchObject({ kind: 'news', count: 13 });
    expect(r.unknown).toEqual([]);
  });
  it('pretend-04: hyphenated L10N values, changed flag, sizes', () => {
    const r = parsePretend(realWorld('pretend-04'));
    expect(r.packages).toHaveLength(7);
    const chrome = pkg(r, 'www-client/google-chrome-146.0.7680.80');
    const l10n = chrome.use.filter((u) => u.group === 'L10N');
    expect(l10n).toHaveLength(54);
    expect(l10n[0]).toMatchObject({ name: 'en-GB', flag: 'l10n_en-GB', enabled: true });
    expect(l10n.map((u) => u.name)).toContain('es-419');
    expect(chrome.downloadKiB).toBe(124494);
    expect(pkg(r, 'app-text/xmlto-0.0.28-r11').use.find((u) => u.name === 'text')).toMatchObject({ enabled: true, changed: true });
  });
  it('pretend-05: non-verbose list without repo or size', () => {
    const r = parsePretend(realWorld('pretend-05'));
    expect(r.packages).toMatchObject([{ cpv: 'sys-process/runit-2.1.2-r1', repo: null, downloadKiB: null, use: [{ name: 'static', enabled: false }] }]);
    expect(r.resolution).toEqual({ seconds: 1.47, backtrack: { used: 0, max: 20 } });
    expect(r.unknown.map((u) => u.text)).toEqual(['nevj@mary ~ $ emerge --ask --pretend sys-process/runit']);
  });
  it('pretend-06: 2014 kB sizes with separators, {-test}, ABI_X86, LINGUAS', () => {
    const r = parsePretend(realWorld('pretend-06'));
    expect(r.packages).toHaveLength(15);
    expect(pkg(r, 'www-client/chromium-36.0.1985.143').downloadKiB).toBe(200642);
    expect(pkg(r, 'app-arch/snappy-1.1.1').downloadKiB).toBe(1737);
    expect(pkg(r, 'dev-libs/re2-0_p20130115').downloadKiB).toBe(998);
    expect(pkg(r, 'dev-libs/libevent-2.0.21-r1').use.find((u) => u.name === 'test')).toMatchObject({ testBound: true, enabled: false });
    expect(pkg(r, 'sys-libs/zlib-1.2.8-r1').use.find((u) => u.name === 'minizip')).toMatchObject({ changed: true, enabled: true });
    expect(pkg(r, 'dev-libs/libxml2-2.9.1-r4').use.filter((u) => u.group === 'PYTHON_TARGETS').map((u) => `${u.forced ? '(' : ''}${u.enabled ? '' : '-'}${u.name}`)).toEqual(['python2_7', 'python3_3', '-python3_2', '(-python3_4']);
    expect(pkg(r, 'www-client/chromium-36.0.1985.143').use.filter((u) => u.group === 'LINGUAS')).toHaveLength(52);
    expect(r.total).toMatchObject({ packages: 15, new: 13, reinstalls: 2, downloadKiB: 211271, sizeUnit: 'kB' });
    expect(r.prompt).toEqual({ question: 'Would you like to merge these packages?', answer: null });
  });
  it('pretend-tree-04 and pretend-tree-05: nomerge context lines at increasing depth', () => {
    const a = parsePretend(realWorld('pretend-tree-04'));
    expect(a.packages.map((p) => [p.kind, p.depth])).toEqual([
      ['nomerge', 0], ['nomerge', 1], ['nomerge', 2], ['nomerge', 3], ['ebuild', 4], ['ebuild', 4], ['ebuild', 0], ['ebuild', 0], ['ebuild', 0],
    ]);
    expect(a.unknown.map((u) => u.text)).toEqual(['...']);
    const b = parsePretend(realWorld('pretend-tree-05'));
    expect(b.packages.filter((p) => p.kind === 'nomerge')).toHaveLength(3);
    expect(pkg(b, 'sys-devel/automake-1.12.6')).toMatchObject({ newSlot: true, slot: '1.12', depth: 2, downloadKiB: 1368, oldVersions: [{ version: '1.13.4', slot: '1.13', subslot: null, repo: null }] });
    expect(b.total).toMatchObject({ packages: 9, new: 8, newSlots: 1, downloadKiB: 17121 });
    expect(b.prompt?.answer).toBe('y');
  });
  it('fetch-restrict-01: f column (files present), old NS version, Fetch Restriction without unsatisfied', () => {
    const r = parsePretend(realWorld('fetch-restrict-01'));
    expect(r.packages.filter((p) => p.fetch === 'f').map((p) => p.cpv)).toEqual(['dev-java/oracle-jre-bin-1.7.0.65', 'dev-java/oracle-jdk-bin-1.7.0.65']);
    expect(pkg(r, 'virtual/jpeg-62')).toMatchObject({ newSlot: true, oldVersions: [{ version: '0-r2', slot: '0' }], depth: 5 });
    expect(pkg(r, 'dev-java/icedtea-bin-6.1.13.3-r3').downloadKiB).toBe(51077);
    expect(r.total).toMatchObject({ packages: 10, downloadKiB: 51276, fetchRestriction: { packages: 2, unsatisfied: 0 } });
  });
  it('total-01: every counter kind and the pre-3.0.27 Conflict line', () => {
    const r = parsePretend(realWorld('total-01'));
    expect(r.total).toEqual({
      packages: 173, upgrades: 5, downgrades: 0, new: 153, newSlots: 3, reinstalls: 12, binaries: 0, uninstalls: 1, interactive: 0,
      downloadKiB: 567272, sizeUnit: 'kB', fetchRestriction: null, conflict: { blocks: 3, unsatisfied: 0, allSatisfied: true },
    });
    expect(r.prompt).toEqual({ question: 'Would you like to merge these packages?', answer: 'n' });
  });
  it('repo-display-01: repository index column and legend', () => {
    const r = parsePretend(realWorld('repo-display-01'));
    expect(r.packages.map((p) => [p.cpv, p.repoIndex, p.downloadKiB])).toEqual([['sys-kernel/module-rebuild-0.7', '0', 0], ['sys-kernel/kigen-9999', '1', 0]]);
    expect(r.repositories).toEqual([{ index: '0', path: '/usr/portage' }, { index: '1', path: '/usr/local/portage' }]);
  });
  it('jobs-03: `*` missing-keyword mask column', () => {
    const r = parsePretend(realWorld('jobs-03'));
    expect(r.packages).toMatchObject([{ cpv: 'app-editors/shed-1.15', mask: '*', new: true, downloadKiB: 86 }]);
  });
  it('merge-02: the list and prompt of an --ask run', () => {
    const r = parsePretend(realWorld('merge-02'));
    expect(r.packages).toMatchObject([{ cpv: 'sys-process/runit-2.1.2-r1', use: [{ name: 'static', enabled: false }] }]);
    expect(r.prompt).toEqual({ question: 'Would you like to merge these packages?', answer: 'yes' });
  });
});

describe('parsePretend: other notices', () => {
  it('recognises "Nothing to merge"', () => {
    const r = parsePretend('\nCalculating dependencies... done!\n\nNothing to merge; quitting.\n\n');
    expect(r.nothingToMerge).toBe(true);
    expect(r.unknown).toEqual([]);
  });
  it('keeps unknown lines with their line numbers', () => {
    const r = parsePretend('hello\n[ebuild  N     ] not-a-package\nworld\n');
    expect(r.unknown).toEqual([{ line: 1, text: 'hello' }, { line: 2, text: '[ebuild  N     ] not-a-package' }, { line: 3, text: 'world' }]);
  });
});

describe('parsePretend: other emerge actions keep their lines', () => {
  it('30 unmerge and 30 unmerge --verbose: no packages, the selection lines stay unknown', () => {
    const r = parsePretend(rig('30-unmerge'));
    expect(r.packages).toEqual([]);
    expect(r.unknown.map((u) => u.text)).toEqual([
      ' sys-apps/which', '    selected: 2.21 ', '   protected: none ', '     omitted: none ', 'All selected packages: =sys-apps/which-2.21',
      ">>> 'Selected' packages are slated for removal.", ">>> 'Protected' and 'omitted' packages will not be removed.",
      '>>> Waiting 5 seconds before starting...', '>>> (Control-C to abort)...', '>>> Unmerging in: 5 4 3 2 1', '>>> Unmerging (1 of 1) sys-apps/which-2.21...',
    ]);
    expect(r.notices.filter((n) => n.kind === 'message').map((n) => n.text)[0]).toBe('This action can remove important packages! In order to be safer, use');
    const v = parsePretend(rig('30-unmerge-verbose'));
    expect(v.unknown.filter((u) => u.text.startsWith('<<<'))).toHaveLength(7);
    expect(v.unknown.filter((u) => u.text.startsWith('--- !empty'))).toHaveLength(4);
  });
  it('31 depclean --pretend: the summary lines are returned, the warning is a notice', () => {
    const r = parsePretend(rig('31-depclean-pretend'));
    expect(r.unknown.map((u) => u.text)).toEqual([
      '>>> No packages selected for removal by depclean', '>>> To see reverse dependencies, use --verbose', 'Packages installed:   21',
      'Packages in world:    3', 'Packages in system:   11', 'Required packages:    21', 'Number to remove:     0',
    ]);
    expect(r.notices.filter((n) => n.kind === 'message')).toHaveLength(11);
  });
  it('36 sync without network: nothing is mistaken for a merge list', () => {
    const r = parsePretend(rig('36-sync-offline'));
    expect(r.packages).toEqual([]);
    expect(r.unknown.map((u) => u.text)).toContain('Action: sync for repo: gentoo, returned code = 1');
    expect(r.unknown.map((u) => u.text)).toContain("!!! getaddrinfo failed for 'rsync.gentoo.org': [Errno -2] Name or service not known");
  });
});
