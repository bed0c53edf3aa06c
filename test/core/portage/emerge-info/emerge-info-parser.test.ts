import { describe, expect, it } from 'vitest';
import { parseEmergeInfo } from '../../../../src/core/portage/emerge-info/emerge-info-parser.js';
import { realWorld, rig } from '../../fixtures.js';

describe('parseEmergeInfo', () => {
  it('33-info (Portage 3.0.82): header, tools with colons, one repository, variables', () => {
    const info = parseEmergeInfo(rig('33-info'));
    expect(info).toMatchObject({
      portageVersion: '3.0.82', python: '3.11.2-final-0', profile: 'default/linux/amd64/23.0', gcc: 'gcc-12', libc: 'unavailable',
      kernel: '6.18.44-fc-v657', arch: 'x86_64', chost: 'x86_64-pc-linux-gnu', cflags: '-O2 -pipe', cxxflags: '-O2 -pipe', makeopts: '-j4',
      memory: { totalKiB: 24684092, freeKiB: 23288556 }, swap: { totalKiB: 0, freeKiB: 0 },
      tools: { sh: 'dash', coreutils: '(GNU coreutils) 9.1', ld: 'GNU ld (GNU Binutils for Debian) 2.40' },
      acceptKeywords: ['amd64'], repositoryTimestamps: { gentoo: 'Mon, 20 Jan 2025 00:45:00 +0000' },
    });
    expect(info.use).toEqual(['amd64', 'crypt', 'ipv6', 'ncurses', 'nls', 'pam', 'readline', 'split-usr', 'ssl', 'unicode', 'zlib']);
    expect(info.useExpand.CPU_FLAGS_X86).toEqual(['mmx', 'mmxext', 'sse', 'sse2']);
    expect(info.useExpand.NGINX_MODULES_HTTP).toEqual(['fastcgi', 'gzip', 'proxy', 'rewrite']);
    expect(info.features).toContain('merge-wait');
    expect(info.features).toHaveLength(27);
    expect(info.packages['sys-devel/gcc']).toEqual([{ version: '13.3.1_p20241220', repo: 'gentoo' }]);
    expect(info.repositories).toHaveLength(1);
    expect(info.repositories[0]).toMatchObject({ name: 'gentoo', location: '/var/db/repos/gentoo', syncType: 'rsync', syncUri: 'rsync://rsync.gentoo.org/gentoo-portage', priority: -1000 });
    expect(info.repositories[0]?.attributes['sync-rsync-verify-metamanifest']).toBe('yes');
    expect(info.unset).toEqual(['EMERGE_DEFAULT_OPTS', 'LC_ALL', 'LINGUAS', 'PORTAGE_BINHOST', 'PORTAGE_BUNZIP2_COMMAND', 'SHELL']);
    expect(info.unknown).toEqual([]);
  });
  it('info-01 (Portage 2.2.28): overlays with masters, old tool lines, ccache, multi-version packages', () => {
    const info = parseEmergeInfo(realWorld('info-01'));
    expect(info).toMatchObject({ portageVersion: '2.2.28', profile: 'hardened/linux/musl/amd64/x32', libc: 'musl-1.1.14', chost: 'x86_64-pc-linux-muslx32', makeopts: '-j1' });
    expect(info.tools).toEqual({ sh: 'bash 4.3_p42-r1', ld: 'GNU ld (Gentoo 2.25.1 p1.1) 2.25.1', ccache: 'version 3.2.4 [enabled]' });
    expect(info.repositories.map((r) => [r.name, r.priority, r.masters ?? null])).toEqual([
      ['gentoo', -1000, null], ['musl', 0, ['gentoo']], ['oiledmachine-overlay', 1, ['gentoo']], ['x-portage', 2, ['gentoo']],
    ]);
    expect(info.packages['sys-devel/automake']?.map((v) => `${v.version}::${v.repo}`)).toEqual(['1.11.6-r1::x-portage', '1.14.1::x-portage', '1.15::x-portage']);
    expect(info.packages['sys-kernel/linux-headers']).toEqual([{ version: '4.3-r99', repo: 'musl', note: 'virtual/os-headers' }]);
    expect(info.useExpand.APACHE2_MODULES).toHaveLength(50);
    expect(info.unknown).toEqual([{ line: 1, text: 'emerge --info' }]);
  });
  it('info-06 (Portage 3.0.72): binary repositories, head commit, Unset list', () => {
    const info = parseEmergeInfo(realWorld('info-06'));
    expect(info.binaryRepositories).toEqual([{
      name: 'gentoo', location: '/var/cache/binhost/gentoo', priority: 1, syncUri: 'https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64',
      attributes: { location: '/var/cache/binhost/gentoo', priority: '1', 'sync-uri': 'https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64' },
    }]);
    expect(info.headCommits).toEqual({ gentoo: '9fdf21a29669c0cae3e45b22a87b74a5ea977285' });
    expect(info.cflags).toBe(' -march=znver3 -fomit-frame-pointer -O2 -pipe ');
    expect(info.variables.EMERGE_DEFAULT_OPTS).toBe('--jobs 24 --load-average 32');
    expect(info.useExpand.L10N).toEqual(['en-GB']);
    expect(info.packages['dev-lang/python']?.map((v) => v.version)).toEqual(['3.13.11', '3.14.0_p1']);
    expect(info.unset).toContain('RUSTFLAGS');
    expect(info.unknown).toEqual([]);
  });
  it('34-version: the header line alone', () => {
    expect(parseEmergeInfo(rig('34-version'))).toMatchObject({ portageVersion: '3.0.82', arch: 'x86_64', repositories: [], use: [] });
  });
  it('reads the per-package section', () => {
    const info = parseEmergeInfo('Portage 3.0.82 (python 3.12.0-final-0, default/linux/amd64/23.0, gcc-14, glibc-2.40, 6.6.0 x86_64)\n\ndev-lang/php-8.3.15::gentoo was built with the following:\nUSE="cli -debug" ABI_X86="(64)"\nCFLAGS="-O2"\n');
    expect(info.packageSettings).toEqual({ 'dev-lang/php-8.3.15::gentoo': { USE: 'cli -debug', ABI_X86: '(64)', CFLAGS: '-O2' } });
    expect(info.variables).toEqual({});
  });
});
