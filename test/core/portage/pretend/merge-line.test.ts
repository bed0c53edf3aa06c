import { describe, expect, it } from 'vitest';
import { parseMergeLine, parsePackageToken } from '../../../../src/core/portage/pretend/merge-line.js';

describe('parseMergeLine', () => {
  it('reads every status column by letter', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['[ebuild  N     ] a/b-1', { new: true }],
      ['[ebuild  NS    ] a/b-2:2 [1:1]', { new: true, newSlot: true, oldVersions: [{ version: '1', slot: '1', subslot: null, repo: null }] }],
      ['[ebuild   R    ] a/b-1', { replace: true }],
      ['[ebuild  rR    ] a/b-1', { replace: true, forcedRebuild: true }],
      ['[ebuild     U  ] a/b-2 [1]', { update: true, downgrade: false }],
      ['[ebuild     UD ] a/b-1 [2]', { update: true, downgrade: true }],
      ['[ebuild  N F   ] a/b-1', { fetch: 'F', fetchRestricted: true }],
      ['[ebuild  N f   ] a/b-1', { fetch: 'f', fetchRestricted: true }],
      ['[binary     gU ] a/b-2-3 [1]', { fetch: 'g', fetchRestricted: false, update: true, buildId: 3 }],
      ['[ebuild I N    ] a/b-1', { interactive: true, new: true }],
      ['[ebuild     UD~] a/b-1 [2]', { mask: '~' }],
      ['[ebuild  NS   #] a/b-1', { mask: '#' }],
      ['[ebuild     UD] sys-libs/timezone-data-2013d [2014i-r1] to /usr/x86_64-cros-linux-gnu/', { downgrade: true, root: '/usr/x86_64-cros-linux-gnu/', oldVersions: [{ version: '2014i-r1' }] }],
    ];
    for (const [line, expected] of cases) expect(parseMergeLine(line, 1), line).toMatchObject(expected);
  });
  it('reads locale-formatted sizes', () => {
    expect(parseMergeLine('[ebuild  N     ] a/b-1::gentoo  1,633 KiB', 1)?.downloadKiB).toBe(1633);
    expect(parseMergeLine('[ebuild  N     ] a/b-1::gentoo  1.747 KiB', 1)?.downloadKiB).toBe(1747);
    expect(parseMergeLine('[ebuild  N     ] a/b-1::gentoo  198\u00a0252 KiB', 1)?.downloadKiB).toBe(198252);
    expect(parseMergeLine('[ebuild  N     ] a/b-1::gentoo  198 252 KiB', 1)?.downloadKiB).toBe(198252);
    expect(parseMergeLine('[ebuild  N     ] a/b-1  51,276 kB', 1)?.downloadKiB).toBe(51276);
    expect(parseMergeLine('[ebuild  N     ] a/b-1  5818 KiB', 1)?.downloadKiB).toBe(5818);
    expect(parseMergeLine('[ebuild  N     ] a/b-1  12,34 KiB', 1)).toMatchObject({ downloadKiB: null, unparsed: '12,34 KiB' });
  });
  it('reads binary lines with build id, ROOT and the repo index', () => {
    expect(parseMergeLine('[binary  N     ] net-analyzer/nmap-7.40-1::berne to /emerge-root/ USE="ipv6 -gtk" 0 KiB', 1)).toMatchObject({
      kind: 'binary', cpv: 'net-analyzer/nmap-7.40', buildId: 1, repo: 'berne', root: '/emerge-root/', downloadKiB: 0,
    });
    expect(parseMergeLine('[ebuild     U  ] a/b-2 [1] USE="x" 10 kB [0=>1]', 1)).toMatchObject({ repoIndex: '0=>1', downloadKiB: 10 });
    expect(parseMergeLine('[ebuild  N     ] a/b-2 0 kB [?]', 1)).toMatchObject({ repoIndex: '?' });
  });
  it('reads uninstall, nomerge and both blocker wordings', () => {
    expect(parseMergeLine('[uninstall     ] sys-apps/which-2.21::gentoo ', 1)).toMatchObject({ kind: 'uninstall', cpv: 'sys-apps/which-2.21', repo: 'gentoo' });
    expect(parseMergeLine('[nomerge       ]   app-admin/eselect-java-0.1.0', 1)).toMatchObject({ kind: 'nomerge', depth: 2 });
    expect(parseMergeLine('[blocks b      ] <sys-apps/man-pages-5 ("<sys-apps/man-pages-5" is blocking sys-apps/a-1, sys-apps/b-2)', 1)?.blocker).toEqual({
      satisfied: true, atom: '<sys-apps/man-pages-5', strength: null, blocking: ['sys-apps/a-1', 'sys-apps/b-2'],
    });
    expect(parseMergeLine('[blocks B     ] dev-libs/openssl (is soft blocking dev-libs/libressl-4.0.0)', 1)?.blocker).toMatchObject({ satisfied: false, strength: 'soft', atom: 'dev-libs/openssl' });
  });
  it('rejects lines that are not merge lines', () => {
    expect(parseMergeLine('[foo] bar', 1)).toBeNull();
    expect(parseMergeLine('[ebuild  N     ] not-a-cpv', 1)).toBeNull();
    expect(parseMergeLine('[ebuild', 1)).toBeNull();
  });
});

describe('parsePackageToken', () => {
  it('splits slot, sub-slot and repo', () => {
    expect(parsePackageToken('dev-libs/icu-76.1:0/76.1::gentoo', false)).toEqual({ cpv: 'dev-libs/icu-76.1', category: 'dev-libs', name: 'icu', version: '76.1', buildId: null, slot: '0', subslot: '76.1', repo: 'gentoo' });
    expect(parsePackageToken('www-servers/nginx-1.26.2:mainline', false)).toMatchObject({ slot: 'mainline', subslot: null, repo: null });
  });
});
