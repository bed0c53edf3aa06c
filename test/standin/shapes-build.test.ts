// The stand-in's build output and emerge.log records, shape by shape, against the rig's real
// builds: --jobs 3 (20), a --jobs 3 failure (21), serial foreground (22), --quiet-build=y (22),
// --quiet (23) and --buildpkg then --usepkg (35).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hostStandin, stripAnsi, type HostStandin } from './host-standin.js';
import { emergeLogShape, shapes, totalDetails } from './shapes.js';

const RIG = fileURLToPath(new URL('../../../shared/portage/rig/', import.meta.url));
const rig = (name: string) => readFileSync(`${RIG}${name}`, 'utf8');
const JOBS_RE = /^>>> Jobs: (\d+) of (\d+) complete(?:, (\d+) running)?(?:, (\d+) failed)?(?:, (\d+) merge wait)?\s*Load avg: (unknown|[\d.]+, [\d.]+, [\d.]+)$/;

function logSince(s: HostStandin, before: number): string {
  return readFileSync(s.path('var/log/emerge.log'), 'utf8').split('\n').slice(before).join('\n');
}

function logLines(s: HostStandin): number {
  return readFileSync(s.path('var/log/emerge.log'), 'utf8').split('\n').length - 1;
}

function expectSubset(mine: Set<string>, real: Set<string>, output: string): void {
  expect([...mine].filter((x) => !real.has(x)), output.slice(-1500)).toEqual([]);
}

describe('stand-in builds have the shapes of real Portage builds', () => {
  let s: HostStandin | undefined;
  afterEach(() => { s?.cleanup(); s = undefined; });

  it('20-build-jobs3-php-git: --jobs=3 --load-average=4 --verbose', () => {
    s = hostStandin();
    const before = logLines(s);
    const r = s.emerge(['--jobs=3', '--load-average=4', '--verbose', 'dev-lang/php', 'dev-vcs/git', 'www-servers/nginx', 'app-misc/hello'], { STANDIN_TIME_SCALE: '0.01' });
    expect(r.status, r.output).toBe(0);
    expectSubset(shapes(r.output), shapes(rig('20-build-jobs3-php-git.txt')), r.output);
    const log = logSince(s, before);
    expectSubset(shapes(log, emergeLogShape), shapes(rig('20-build-jobs3-php-git.emerge.log.this-run.txt'), emergeLogShape), log);
    const jobs = stripAnsi(r.output).split('\n').filter((l) => l.startsWith('>>> Jobs:'));
    expect(jobs.length).toBeGreaterThan(10);
    for (const l of jobs) {
      expect(l).toMatch(JOBS_RE);
      if (l.indexOf('Load avg:') > 0 && l.slice(0, l.indexOf('Load avg:')).endsWith(' ')) expect(l.indexOf('Load avg:')).toBe(72);
    }
    expect(r.output).toMatch(/^ \* Messages for package www-servers\/nginx-1\.26\.2:\n\n \* If nginx complains/m);
  });

  it('21-build-jobs3-failure: one failed package, the others merged, build.log dumped', () => {
    s = hostStandin();
    const before = logLines(s);
    const r = s.emerge(['--jobs=3', '--load-average=4', '--verbose', 'app-misc/brokendep', 'app-misc/hello', 'dev-libs/expat']);
    expect(r.status).toBe(1);
    expectSubset(shapes(r.output), shapes(rig('21-build-jobs3-failure.txt')), r.output);
    const log = logSince(s, before);
    expectSubset(shapes(log, emergeLogShape), shapes(rig('21-build-jobs3-failure.emerge.log.this-run.txt'), emergeLogShape), log);
    expect(stripAnsi(r.output).split('\n').filter((l) => l.startsWith('>>> Jobs:') && l.includes('1 failed')).length).toBeGreaterThan(0);
  });

  it('22-build-serial-default: foreground build output and blank lines around >>> messages', () => {
    s = hostStandin();
    const before = logLines(s);
    const r = s.emerge(['app-misc/hello', 'dev-libs/expat']);
    expect(r.status).toBe(0);
    expectSubset(shapes(r.output), shapes(rig('22-build-serial-default.txt')), r.output);
    expectSubset(shapes(logSince(s, before), emergeLogShape), shapes(rig('22-build-serial-default.emerge.log.this-run.txt'), emergeLogShape), '');
    expect(stripAnsi(r.output)).toMatch(/\n\n>>> Emerging \(1 of 2\) \S+::gentoo\n \* \S+ BLAKE2B SHA512 size ;-\) \.\.\. +\[ ok \]\n/);
  });

  it('22-build-serial-quiet-build-y: Jobs lines even with one job', () => {
    s = hostStandin();
    const r = s.emerge(['--verbose', '--quiet-build=y', 'app-misc/hello', 'dev-libs/expat']);
    expect(r.status).toBe(0);
    expectSubset(shapes(r.output), shapes(rig('22-build-serial-quiet-build-y.txt')), r.output);
    expect(r.output).not.toContain('>>> Unpacking source...');
  });

  it('23-build-quiet: only the >>> progress lines', () => {
    s = hostStandin();
    const r = s.emerge(['--quiet', 'app-misc/hello', 'dev-libs/expat']);
    expect(r.status).toBe(0);
    expectSubset(shapes(r.output), shapes(rig('23-build-quiet.txt')), r.output);
    expect(r.output).not.toContain('>>> Jobs:');
  });

  it('35: --buildpkg then --usepkg shows binaries, builds ids and "Emerging binary"', () => {
    s = hostStandin();
    const built = s.emerge(['--buildpkg', '--verbose', 'app-misc/hello', 'dev-libs/expat']);
    expect(built.status).toBe(0);
    expectSubset(shapes(built.output), shapes(rig('35-buildpkg-build.txt')), built.output);
    const pretend = s.emerge(['--pretend', '--verbose', '--usepkg', 'app-misc/hello', 'dev-libs/expat']);
    const real = shapes(rig('35-buildpkg-then-usepkg.txt'));
    expectSubset(shapes(pretend.output), real, pretend.output);
    expect(pretend.output).toContain('[binary   R    ] app-misc/hello-2.12.1-1::gentoo  USE="nls" 0 KiB');
    expect(totalDetails(pretend.output)).toEqual(new Set(['reinstall', 'binary']));
    const merged = s.emerge(['--usepkg', '--verbose', 'app-misc/hello']);
    expectSubset(shapes(merged.output), real, merged.output);
    expect(merged.output).toContain('>>> Emerging binary (1 of 1) app-misc/hello-2.12.1::gentoo');
  });

  it('the shapes are strict: a 15-wide verbose bracket or a moved Load avg has no match', () => {
    const real = shapes(rig('01-pretend-verbose-php.txt'));
    expect(real.has([...shapes('[ebuild  N    ] dev-libs/oniguruma-6.9.9:0/5::gentoo  USE="-static-libs" 0 KiB')][0] ?? '')).toBe(false);
    expect(real.has([...shapes('[ebuild  N     ] dev-libs/oniguruma-6.9.9:0/5::gentoo USE="-static-libs" 0 KiB')][0] ?? '')).toBe(false);
    const jobs = shapes(rig('20-build-jobs3-php-git.txt'));
    expect(jobs.has([...shapes('>>> Jobs: 0 of 10 complete, 1 running                          Load avg: 1.06, 1.23, 1.13')][0] ?? '')).toBe(false);
  });
});
