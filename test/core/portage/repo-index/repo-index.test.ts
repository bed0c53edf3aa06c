import { describe, expect, it } from 'vitest';
import { parseMd5Cache } from '../../../../src/core/portage/repo-index/md5-cache.js';
import { profileStack, stackArch, stackedMasks } from '../../../../src/core/portage/repo-index/profile-stack.js';
import { buildRepoIndex, findPackage } from '../../../../src/core/portage/repo-index/repo-index.js';
import { fixtureIndex, PROFILE_FILES } from './fixture-index.js';

describe('md5-cache entries', () => {
  it('reads DESCRIPTION, SLOT (with sub-slot), KEYWORDS and IUSE; defaults for missing keys', () => {
    const text = 'DEFINED_PHASES=compile install postinst unpack\nDESCRIPTION=The PHP language runtime engine\nEAPI=8\nIUSE=cgi +cli debug\nKEYWORDS=~amd64\nREQUIRED_USE=|| ( cli cgi fpm )\nSLOT=8.4\n_md5_=4e76\n';
    expect(parseMd5Cache(text)).toEqual({ description: 'The PHP language runtime engine', slot: '8.4', keywords: ['~amd64'], iuse: ['cgi', '+cli', 'debug'] });
    expect(parseMd5Cache('EAPI=8\nPROPERTIES=live\n')).toEqual({ description: '', slot: '0', keywords: [], iuse: [] });
    expect(parseMd5Cache('DESCRIPTION=a=b c\r\nSLOT=0/3\r\n')).toMatchObject({ description: 'a=b c', slot: '0/3' });
  });
});

describe('profile stack', () => {
  it('stacks parents first, masks the repository then each profile (-atom lifts), ARCH from the last make.defaults', () => {
    const stack = profileStack('test/amd64', PROFILE_FILES);
    expect(stack).toEqual(['base', 'test/amd64']);
    expect(stackArch(stack, PROFILE_FILES)).toBe('amd64');
    expect(stackedMasks(stack, PROFILE_FILES)).toEqual([
      { atom: '=dev-libs/openssl-3.4.0', file: 'profiles/package.mask', reason: 'Broken with openssl 3.4. Removal in 30 days.' },
      { atom: '=dev-lang/php-8.5.0_alpha1', file: 'profiles/test/amd64/package.mask', reason: 'Alpha release of the next PHP slot; not ready for general use.' },
    ]);
  });

  it('follows repo-qualified parents, package.mask folders in name order, and survives a cycle', () => {
    const files = new Map([
      ['a/parent', 'gentoo:b\n# comment\n'],
      ['b/parent', '../a\n'],
      ['b/package.mask/20-second', 'dev-libs/two\n'],
      ['b/package.mask/10-first', '# why\ndev-libs/one\n'],
      ['b/package.mask/.hidden', 'dev-libs/hidden\n'],
    ]);
    expect(profileStack('a', files)).toEqual(['b', 'a']);
    expect(stackedMasks(['b', 'a'], files).map((m) => [m.atom, m.file, m.reason])).toEqual([
      ['dev-libs/one', 'profiles/b/package.mask/10-first', 'why'],
      ['dev-libs/two', 'profiles/b/package.mask/20-second', ''],
    ]);
  });

  it('keyword states against ARCH', () => {
    const state = (keywords: string, profile: string | null = 'test/amd64') =>
      buildRepoIndex({ source: 't', profile, profileFiles: PROFILE_FILES, entries: [{ cpf: 'a/b-1', entry: parseMd5Cache(`KEYWORDS=${keywords}\nSLOT=0\n`) }] }).packages[0]!.versions[0]!.state;
    expect(state('amd64 ~arm64')).toBe('stable');
    expect(state('~amd64')).toBe('testing');
    expect(state('-amd64 x86')).toBe('unkeyworded');
    expect(state('')).toBe('unkeyworded');
    expect(state('~x86', null)).toBe('testing');
  });
});

describe('repository index', () => {
  it('groups versions per package (oldest first), with slot, keyword state, mask and the newest non-live description', () => {
    const index = fixtureIndex();
    expect(index.arch).toBe('amd64');
    expect(index.packages.map((p) => p.cp)).toEqual([...index.packages.map((p) => p.cp)].sort());
    const php = findPackage(index, 'dev-lang/php')!;
    expect(php.versions.map((v) => [v.version, v.slot, v.state, v.mask?.file ?? null])).toEqual([
      ['8.2.27', '8.2', 'stable', null],
      ['8.3.15', '8.3', 'stable', null],
      ['8.4.2', '8.4', 'testing', null],
      ['8.5.0_alpha1', '8.5', 'testing', 'profiles/test/amd64/package.mask'],
    ]);
    const hello = findPackage(index, 'app-misc/hello')!;
    expect(hello.description).toBe('GNU "Hello, world" application');
    expect(hello.versions.map((v) => `${v.version}:${v.state}`)).toEqual(['2.12.1:stable', '9999:unkeyworded']);
    // The repository masked hurl; the profile lifted it.
    expect(findPackage(index, 'net-misc/hurl')!.versions[0]!.mask).toBeNull();
    expect(findPackage(index, 'net-misc/curl')!.versions[0]!.slot).toBe('0');
    expect(findPackage(index, 'app-misc/helo')).toBeUndefined();
  });

  it('without a profile: no ARCH, only the repository\'s own masks', () => {
    const index = fixtureIndex(null);
    expect(index.arch).toBeNull();
    expect(index.masks.map((m) => m.atom)).toEqual(['=dev-libs/openssl-3.4.0', 'net-misc/hurl']);
    expect(findPackage(index, 'dev-lang/php')!.versions[3]!.mask).toBeNull();
  });
});
