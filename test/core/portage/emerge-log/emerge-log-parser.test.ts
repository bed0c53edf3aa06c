import { describe, expect, it } from 'vitest';
import { parseEmergeLog } from '../../../../src/core/portage/emerge-log/emerge-log-parser.js';
import { realWorld, rig } from '../../fixtures.js';

describe('parseEmergeLog: real-world logs', () => {
  it('emergelog-01: a session with two merges, autoclean unmerges and syncs', () => {
    const log = parseEmergeLog(realWorld('emergelog-01'));
    expect(log.merges).toEqual([
      { cpv: 'sys-devel/gcc-config-1.8-r1', start: 1507735226, end: 1507735239, ok: true, duration: 13, index: 1, total: 2, root: '/', binary: false, session: 0 },
      { cpv: 'app-laptop/laptop-mode-tools-1.71', start: 1507735239, end: 1507735250, ok: true, duration: 11, index: 2, total: 2, root: '/', binary: false, session: 0 },
    ]);
    expect(log.sessions).toEqual([{ start: 1507735118, end: 1507735252, args: '--update --verbose --deep @world', status: 'success', exitCode: 0, resumed: false }]);
    expect(log.unmerges).toEqual([
      { cpv: 'sys-devel/gcc-config-1.7.3', start: 1507735234, end: 1507735236, ok: true },
      { cpv: 'app-laptop/laptop-mode-tools-1.70', start: 1507735246, end: 1507735248, ok: true },
    ]);
    expect(log.syncs.map((s) => [s.repo, s.ok, s.end])).toEqual([['gentoo', true, 1507734360], ['gentoo', true, 1508345663]]);
    expect(log.unknown).toEqual([]);
  });

  it('emergelog-04: unfinished merges, failed sessions, resume and an interleaved sync', () => {
    const log = parseEmergeLog(realWorld('emergelog-04'));
    expect(log.merges).toHaveLength(31);
    expect(log.merges.filter((m) => m.ok)).toHaveLength(23);
    const lo = log.merges.filter((m) => m.cpv === 'app-office/libreoffice-6.0.0.3');
    expect(lo.map((m) => [m.ok, m.index, m.total, m.end])).toEqual([[false, 7, 8, undefined], [false, 1, 1, undefined], [true, 1, 1, 1517785147]]);
    expect(lo[2]?.duration).toBe(1517785147 - 1517777101);
    const resumed = log.sessions.filter((s) => s.resumed);
    expect(resumed.map((s) => s.args)).toEqual(['--backtrack=100 --resume --quiet-build=y --nodeps', '--resume --quiet-build=y --backtrack=100 --nodeps', '--resume --nodeps --quiet-build=y --backtrack=100']);
    expect(log.sessions.filter((s) => s.status === 'failure').every((s) => s.exitCode === 1)).toBe(true);
    // The sync started inside the @preserved-rebuild run closes first; the rebuild run keeps its success.
    const preserved = log.sessions.find((s) => s.args?.includes('@preserved-rebuild'));
    expect(preserved).toMatchObject({ status: 'success', end: 1517785824 });
    const sync = log.sessions.find((s) => s.start === 1517785418);
    expect(sync).toMatchObject({ args: '--quiet-build=y --sync', end: 1517785455 });
    expect(log.unknown).toEqual([]);
  });

  it('emergelog-05: 2007-2020 sync forms', () => {
    const log = parseEmergeLog(realWorld('emergelog-05'));
    expect(log.sessions[0]).toMatchObject({ start: 1175824892, args: 'sync' });
    expect(log.syncs.length).toBe(52);
    expect(log.syncs[0]).toMatchObject({ start: 1175824892, uri: 'rsync://140.211.166.165/gentoo-portage', ok: false });
    expect(log.syncs.filter((s) => s.ok)).toHaveLength(40);
    expect(log.syncs.find((s) => s.repo === 'gentoo' && s.ok)).toBeDefined();
    expect(log.merges.filter((m) => m.cpv === 'sys-apps/acl-2.2.39-r1')).toEqual([]);
    expect(log.unknown).toEqual([]);
  });

  it('emergelog-06-large: 10,000 lines parsed fully', () => {
    const log = parseEmergeLog(realWorld('emergelog-06-large'));
    expect(log.merges).toHaveLength(889);
    expect(log.merges.filter((m) => m.ok)).toHaveLength(831);
    expect(log.unmerges).toHaveLength(832);
    expect(log.sessions).toHaveLength(450);
    expect(log.syncs).toHaveLength(163);
    expect(log.unknown).toEqual([]);
    expect(log.merges.every((m) => m.end === undefined || m.end >= m.start)).toBe(true);
  });
});

describe('parseEmergeLog: rig side files', () => {
  it('20 this run: ten merges of a --jobs=3 run, all completed', () => {
    const log = parseEmergeLog(rig('20-build-jobs3-php-git.emerge.log.this-run'));
    expect(log.sessions).toEqual([expect.objectContaining({ start: 1795413151, status: 'success', args: expect.stringContaining('--jobs=3 --load-average=4.0') })]);
    expect(log.merges.map((m) => m.cpv)).toEqual([
      'dev-libs/expat-2.6.4', 'dev-libs/oniguruma-6.9.9', 'dev-db/sqlite-3.47.2', 'app-misc/hello-2.12.1', 'dev-libs/libpcre2-10.44',
      'dev-libs/libxml2-2.13.5', 'dev-libs/libzip-1.11.2', 'dev-lang/php-8.3.15', 'dev-vcs/git-2.47.1', 'www-servers/nginx-1.26.2',
    ]);
    expect(log.merges.every((m) => m.ok && (m.duration ?? -1) >= 0)).toBe(true);
    expect(log.merges.find((m) => m.cpv === 'dev-libs/expat-2.6.4')).toMatchObject({ start: 1795413151, end: 1795413171, duration: 20 });
  });
  it('21 this run: the failed package has no completion and the session failed', () => {
    const log = parseEmergeLog(rig('21-build-jobs3-failure.emerge.log.this-run'));
    expect(log.merges.map((m) => [m.cpv, m.ok])).toEqual([['dev-libs/expat-2.6.4', true], ['dev-util/brokentool-0.9', false], ['app-misc/hello-2.12.1', true]]);
    expect(log.merges[1]?.end).toBeUndefined();
    expect(log.sessions[0]).toMatchObject({ status: 'failure', exitCode: 1 });
  });
  it('full logs of every build scenario: earlier runs plus this run, nothing unknown', () => {
    const expected: Record<string, [number, number]> = {
      '20-build-jobs3-php-git': [31, 2], '21-build-jobs3-failure': [23, 2], '22-build-serial-default': [23, 2],
      '22-build-serial-quiet-build-y': [23, 2], '23-build-config-protect': [24, 3], '23-build-quiet': [23, 2], '35-buildpkg-build': [23, 2],
    };
    for (const [name, [completed, sessions]] of Object.entries(expected)) {
      const full = parseEmergeLog(rig(`${name}.emerge.log.full`));
      expect(full.merges.filter((m) => m.ok), name).toHaveLength(completed);
      expect(full.sessions, name).toHaveLength(sessions);
      expect(full.unknown, name).toEqual([]);
      const run = parseEmergeLog(rig(`${name}.emerge.log.this-run`));
      expect(run.sessions, name).toHaveLength(1);
      expect(run.merges.length, name).toBeGreaterThan(0);
    }
  });
});

describe('parseEmergeLog: tolerance', () => {
  it('pairs interleaved concurrent merges by cpv and counter', () => {
    const log = parseEmergeLog([
      '100: Started emerge on: Jan 01, 2024 00:00:00',
      '100:  *** emerge --oneshot a/x',
      '101:  >>> emerge (1 of 2) a/x-1 to /',
      '102: Started emerge on: Jan 01, 2024 00:00:02',
      '102:  *** emerge b/y',
      '103:  >>> emerge (1 of 1) b/y-2 to /',
      '110:  ::: completed emerge (1 of 1) b/y-2 to /',
      '111:  *** exiting successfully.',
      '111:  *** terminating.',
      '120:  ::: completed emerge (1 of 2) a/x-1 to /',
      '121:  >>> emerge (2 of 2) a/z-3 to /',
    ].join('\n'));
    expect(log.merges.map((m) => [m.cpv, m.session, m.duration, m.ok])).toEqual([['a/x-1', 0, 19, true], ['b/y-2', 1, 7, true], ['a/z-3', 0, undefined, false]]);
    expect(log.sessions.map((s) => [s.args, s.end])).toEqual([['--oneshot a/x', undefined], ['b/y', 111]]);
  });
  it('keeps lines without a timestamp and single-space separators', () => {
    const log = parseEmergeLog('garbage\n1700000000: === Unmerging... (a/b-1)\n1700000001: >>> unmerge success: a/b-1\n\n');
    expect(log.unknown).toEqual([{ line: 1, text: 'garbage' }]);
    expect(log.unmerges).toEqual([{ cpv: 'a/b-1', start: 1700000000, end: 1700000001, ok: true }]);
  });
  it('marks binary merges', () => {
    const log = parseEmergeLog('5:  >>> emerge (1 of 1) a/b-1 to /\n6:  === (1 of 1) Merging Binary (a/b-1::/var/cache/binpkgs/a/b/b-1-1.gpkg.tar)\n9:  ::: completed emerge (1 of 1) a/b-1 to /\n');
    expect(log.merges[0]).toMatchObject({ binary: true, ok: true, duration: 4, session: null });
  });
});
