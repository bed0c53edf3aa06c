import { describe, expect, it } from 'vitest';
import {
  buildHistory, estimatePackageSeconds, remainingSeconds, scheduleDurations, takesTime, type BuildHistory, type PlanItem,
} from '../../../../src/core/portage/eta/eta.js';
import { parseEmergeLog, type EmergeLogMerge } from '../../../../src/core/portage/emerge-log/emerge-log-parser.js';
import { parsePretend } from '../../../../src/core/portage/pretend/pretend-parser.js';
import { rig, realWorld } from '../../fixtures.js';

function merge(cpv: string, start: number, seconds: number, binary = false): EmergeLogMerge {
  return { cpv, start, end: start + seconds, ok: true, duration: seconds, index: 1, total: 1, root: '/', binary, session: null };
}

describe('estimatePackageSeconds', () => {
  const history = buildHistory([
    merge('dev-lang/php-8.3.14', 100, 900), merge('dev-lang/php-8.3.15', 2000, 1000), merge('dev-lang/php-8.2.1', 5000, 800),
    merge('dev-libs/expat-2.6.3', 10, 20), merge('dev-libs/libxml2-2.13.4', 20, 60), merge('dev-libs/libzip-1.11.1', 30, 40),
    merge('app-misc/hello-2.12.1', 40, 5, true),
    { cpv: 'dev-libs/broken-1', start: 50, ok: false, index: 1, total: 1, root: '/', binary: false, session: null },
  ]);
  it('uses the median of the same cat/pn (versions and slots pooled)', () => {
    expect(estimatePackageSeconds(history, { cpv: 'dev-lang/php-8.4.1' })).toEqual({ cpv: 'dev-lang/php-8.4.1', seconds: 900, source: 'history', samples: 3 });
  });
  it('falls back to the category median, then size, then the global median', () => {
    expect(estimatePackageSeconds(history, { cpv: 'dev-libs/oniguruma-6.9.9' })).toMatchObject({ seconds: 40, source: 'category', samples: 3 });
    expect(estimatePackageSeconds(history, { cpv: 'x11-libs/gtk+-3.24.43', downloadKiB: 22000 })).toMatchObject({ seconds: 910, source: 'size' });
    expect(estimatePackageSeconds(history, { cpv: 'x11-libs/gtk+-3.24.43', downloadKiB: 0 })).toMatchObject({ seconds: 430, source: 'default', samples: 6 });
  });
  it('keeps binary merges apart from source builds', () => {
    expect(estimatePackageSeconds(history, { cpv: 'app-misc/hello-2.12.1-1', kind: 'binary' })).toMatchObject({ seconds: 5, source: 'history' });
    // Never merged as a binary: the median of the other binary merges (hello's 5 s), the fixed default without any.
    expect(estimatePackageSeconds(history, { cpv: 'dev-lang/php-8.3.15-1', kind: 'binary' })).toMatchObject({ seconds: 5, source: 'default', samples: 1 });
    expect(estimatePackageSeconds(buildHistory([]), { cpv: 'dev-lang/php-8.3.15-1', kind: 'binary' })).toMatchObject({ seconds: 15, source: 'default', samples: 0 });
    expect(estimatePackageSeconds(history, { cpv: 'app-misc/hello-2.12.1' })).toMatchObject({ source: 'default' });
  });
  it('uses a fixed default without any history', () => {
    expect(estimatePackageSeconds(buildHistory([]), { cpv: 'a/b-1' })).toEqual({ cpv: 'a/b-1', seconds: 120, source: 'default', samples: 0 });
  });
  it('considers only the five most recent builds', () => {
    const h = buildHistory([1000, 1000, 1000, 10, 10, 10, 10, 10].map((s, i) => merge('a/b-1', i * 10000, s)));
    expect(estimatePackageSeconds(h, { cpv: 'a/b-2' })).toMatchObject({ seconds: 10, samples: 5 });
  });
});

/** A whole run as the forecast composes it: each item's estimate, laid out on `jobs` slots. */
function estimateRun(history: BuildHistory, plan: readonly PlanItem[], jobs: number) {
  const estimates = plan.filter(takesTime).map((item) => estimatePackageSeconds(history, item));
  const times = scheduleDurations(estimates.map((e) => e.seconds), jobs);
  const packages = estimates.map((e, i) => ({ ...e, ...times[i]! }));
  return { packages, totalSeconds: Math.max(0, ...packages.map((p) => p.end)), serialSeconds: estimates.reduce((sum, e) => sum + e.seconds, 0) };
}

describe('estimates on the list scheduler', () => {
  const history = buildHistory([merge('a/long-1', 0, 100), merge('a/short-1', 0, 10), merge('a/mid-1', 0, 50)]);
  const plan = [{ cpv: 'a/long-2' }, { cpv: 'a/short-2' }, { cpv: 'a/short-3' }, { cpv: 'a/mid-2' }];
  it('is the plain sum with one job', () => {
    const eta = estimateRun(history, plan, 1);
    expect(eta.totalSeconds).toBe(170);
    expect(eta.serialSeconds).toBe(170);
    expect(eta.packages.map((p) => [p.start, p.end])).toEqual([[0, 100], [100, 110], [110, 120], [120, 170]]);
  });
  it('fills free slots in plan order with two jobs', () => {
    const eta = estimateRun(history, plan, 2);
    expect(eta.packages.map((p) => [p.cpv, p.start, p.end])).toEqual([['a/long-2', 0, 100], ['a/short-2', 0, 10], ['a/short-3', 10, 20], ['a/mid-2', 20, 70]]);
    expect(eta.totalSeconds).toBe(100);
  });
  it('never starts a package before the one listed ahead of it', () => {
    const eta = estimateRun(history, [{ cpv: 'a/short-1' }, { cpv: 'a/long-1' }, { cpv: 'a/short-1' }], 8);
    expect(eta.packages.map((p) => p.start)).toEqual([0, 0, 0]);
    expect(eta.totalSeconds).toBe(100);
    expect(estimateRun(history, plan, 0).totalSeconds).toBe(170);
  });
  it('works from a parsed emerge.log and a parsed merge list (rig run 20)', () => {
    const log = parseEmergeLog(rig('20-build-jobs3-php-git.emerge.log.full'));
    const pretend = parsePretend(rig('20-build-jobs3-php-git'));
    const eta = estimateRun(buildHistory(log.merges), pretend.packages, 3);
    expect(eta.packages).toHaveLength(10);
    expect(eta.packages.every((p) => p.source === 'history')).toBe(true);
    const php = eta.packages.find((p) => p.cpv === 'dev-lang/php-8.3.15');
    const phpRuns = log.merges.filter((m) => m.cpv.startsWith('dev-lang/php-') && m.ok).map((m) => m.duration);
    expect(phpRuns).toHaveLength(1);
    expect(php).toMatchObject({ seconds: phpRuns[0], samples: 1 });
    expect(eta.totalSeconds).toBeLessThan(eta.serialSeconds);
    expect(estimateRun(buildHistory(log.merges), pretend.packages, 1).totalSeconds).toBe(eta.serialSeconds);
  });
  it('skips blockers and uninstalls and handles the real large log', () => {
    const log = parseEmergeLog(realWorld('emergelog-06-large'));
    const eta = estimateRun(buildHistory(log.merges), [{ cpv: 'app-office/libreoffice-6.0.1.1' }, { cpv: 'sys-apps/which', kind: 'blocks' }, { cpv: 'a/b-1', kind: 'uninstall' }], 4);
    expect(eta.packages).toHaveLength(1);
    expect(eta.packages[0]?.source).toBe('history');
    expect(eta.packages[0]?.seconds).toBeGreaterThan(1000);
  });
  it('computes what is left of a running build', () => {
    expect(remainingSeconds({ cpv: 'a/b-1', seconds: 100, source: 'history', samples: 1 }, 30)).toBe(70);
    expect(remainingSeconds({ cpv: 'a/b-1', seconds: 100, source: 'history', samples: 1 }, 300)).toBe(0);
  });
});
