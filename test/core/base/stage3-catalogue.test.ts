import { describe, expect, it } from 'vitest';
import {
  lastWeeklyDate, parseStage3Tag, stage3ArchOf, stage3Catalogue, stage3TagOf, stage3TagProblem, STAGE3_ARCHES,
} from '../../../src/core/base/stage3-catalogue.js';

describe('stage3 catalogue', () => {
  it('lists the amd64 variants from ANCHORS.md, then the multi-arch aliases', () => {
    const entries = stage3Catalogue('amd64');
    const variants = entries.filter((e) => e.kind === 'variant').map((e) => e.tag);
    expect(variants).toEqual([
      'amd64-openrc', 'amd64-systemd', 'amd64-nomultilib-openrc', 'amd64-nomultilib-systemd', 'amd64-hardened-openrc', 'amd64-musl',
      'amd64-musl-hardened', 'amd64-musl-llvm', 'amd64-llvm-openrc', 'amd64-llvm-systemd', 'amd64-desktop-openrc', 'amd64-desktop-systemd',
    ]);
    const aliases = entries.filter((e) => e.kind === 'alias').map((e) => e.tag);
    expect(aliases).toEqual([
      'latest', 'systemd', 'desktop', 'hardened', 'llvm', 'llvm-systemd', 'musl', 'musl-hardened', 'musl-llvm', 'nomultilib',
      'nomultilib-systemd', 'ssemath-t64', 'ssemath-t64-systemd', 't64', 't64-systemd',
    ]);
    expect(entries[0]).toEqual({ tag: 'amd64-openrc', ref: 'gentoo/stage3:amd64-openrc', kind: 'variant', arch: 'amd64', summary: 'OpenRC' });
    expect(entries.find((e) => e.tag === 'amd64-nomultilib-systemd')?.summary).toBe('no multilib, systemd');
    expect(entries.find((e) => e.tag === 't64')?.summary).toMatch(/Year 2038/);
  });

  it('names x86, arm, riscv and s390x tags the way the images are published', () => {
    const tags = (arch: (typeof STAGE3_ARCHES)[number]) => stage3Catalogue(arch).filter((e) => e.kind === 'variant').map((e) => e.tag);
    expect(tags('x86')).toContain('i686-ssemath-t64-systemd');
    expect(stage3Catalogue('x86').find((e) => e.tag === 'i686-ssemath-t64-openrc')?.summary).toBe('i686, SSE maths, 64-bit time_t, OpenRC');
    expect(tags('arm')).toEqual([
      'armv5tel-openrc', 'armv5tel-systemd', 'armv6j-openrc', 'armv6j-systemd', 'armv6j_hardfp-openrc', 'armv6j_hardfp-systemd',
      'armv7a-openrc', 'armv7a-systemd', 'armv7a_hardfp-openrc', 'armv7a_hardfp-systemd', 'armv7a_hardfp_musl-openrc',
    ]);
    expect(tags('riscv')).toEqual(['rv64_lp64-openrc', 'rv64_lp64-systemd', 'rv64_lp64d-openrc', 'rv64_lp64d-systemd']);
    expect(tags('arm64')).toHaveLength(9);
    expect(tags('s390x')).toEqual(['s390x']);
  });

  it('maps engine architectures (Go and uname spellings) to stage3 ones', () => {
    expect(stage3ArchOf('amd64')).toBe('amd64');
    expect(stage3ArchOf('x86_64')).toBe('amd64');
    expect(stage3ArchOf('aarch64')).toBe('arm64');
    expect(stage3ArchOf('386')).toBe('x86');
    expect(stage3ArchOf('armv7l')).toBe('arm');
    expect(stage3ArchOf('riscv64')).toBe('riscv');
    expect(stage3ArchOf('mips')).toBeNull();
  });

  it('dates weekly tags on the last Monday (UTC)', () => {
    expect(lastWeeklyDate(new Date('2026-04-20T08:00:00Z'))).toBe('20260420'); // a Monday
    expect(lastWeeklyDate(new Date('2026-04-26T23:59:00Z'))).toBe('20260420'); // the Sunday after
    expect(lastWeeklyDate(new Date('2026-03-01T00:00:00Z'))).toBe('20260223'); // across a month
    expect(stage3TagProblem('amd64-openrc-20260230')).toBe('20260230 is not a date (YYYYMMDD)');
    expect(stage3TagProblem('amd64-openrc-20240229')).toBeNull();
  });

  it('splits tags into base and date and knows official ones', () => {
    expect(parseStage3Tag('t64-systemd-20260420')).toMatchObject({ base: 't64-systemd', date: '20260420', entry: { kind: 'alias' } });
    expect(parseStage3Tag('amd64-openrc')).toMatchObject({ base: 'amd64-openrc', date: null, entry: { arch: 'amd64' } });
    expect(parseStage3Tag('i686-openrc-20260420').entry?.arch).toBe('x86');
    expect(parseStage3Tag('amd64-plan9').entry).toBeNull();
    expect(stage3TagProblem('amd64-openrc-20260420')).toBeNull();
    expect(stage3TagProblem('latest')).toBeNull();
    expect(stage3TagProblem('amd64-openrc-20261341')).toBe('20261341 is not a date (YYYYMMDD)');
    expect(stage3TagProblem('amd64-plan9')).toBe('amd64-plan9 is not an official stage3 tag (see the catalogue)');
    expect(stage3TagProblem('')).toMatch(/type a tag/);
  });

  it('recognises gentoo/stage3 references on either engine', () => {
    expect(stage3TagOf('gentoo/stage3:amd64-openrc')).toBe('amd64-openrc');
    expect(stage3TagOf('docker.io/gentoo/stage3:latest-20260420')).toBe('latest-20260420');
    expect(stage3TagOf('gentoo/stage3')).toBe('latest');
    expect(stage3TagOf('gentoo/portage:latest')).toBeNull();
    expect(stage3TagOf('example/gentoo/stage3:x')).toBeNull();
  });
});

describe('local presence', () => {
  it('marks the moving tag and dated copies, ignoring other images', async () => {
    const { markPresence } = await import('../../../src/core/base/stage3-presence.js');
    const rows = markPresence(stage3Catalogue('amd64'), [
      'docker.io/gentoo/stage3:amd64-openrc', 'gentoo/stage3:amd64-systemd-20260413', 'gentoo/stage3:amd64-systemd-20260420',
      'gentoo/stage3:latest-20260420', 'gentoo/portage:latest', 'busybox:latest',
    ]);
    const by = (tag: string) => rows.find((r) => r.tag === tag)!;
    expect(by('amd64-openrc')).toMatchObject({ present: true, dated: [] });
    expect(by('amd64-systemd')).toMatchObject({ present: false, dated: ['20260420', '20260413'] });
    expect(by('latest')).toMatchObject({ present: false, dated: ['20260420'] });
    expect(rows.filter((r) => r.present)).toHaveLength(1);
  });
});
