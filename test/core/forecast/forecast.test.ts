// The forecast on real Portage 3.0.82 output (test/fixtures/portage-transcripts/forecast-*.txt, how each
// was made in *.cmd): local binaries, a binhost's (`g`), and Portage's own reason for a compile.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastPretend } from '../../../src/core/forecast/forecast.js';
import { forecastSummary, fromText } from '../../../src/core/forecast/forecast-text.js';
import { ignoredBinaries } from '../../../src/core/forecast/ignored-binaries.js';
import { parsePackagesIndex } from '../../../src/core/forecast/packages-index.js';
import { pretendJson } from '../../../src/core/forecast/forecast-json.js';
import { buildHistory, estimatePackageSeconds } from '../../../src/core/portage/eta/eta.js';
import type { EmergeLogMerge } from '../../../src/core/portage/emerge-log/emerge-log-parser.js';
import { parsePretend } from '../../../src/core/portage/pretend/pretend-parser.js';

const file = (name: string) => readFileSync(new URL(`../../fixtures/portage-transcripts/${name}`, import.meta.url), 'utf8');
const LOCAL_ARGV = ['emerge', '--pretend', '--verbose', '--color=n', '--jobs=2', '--usepkg', '--buildpkg', 'dev-lang/php', 'app-misc/hello'];
const REMOTE_ARGV = ['emerge', '--pretend', '--verbose', '--color=n', '--jobs=2', '--getbinpkg', '--usepkg', 'dev-lang/php', 'app-misc/hello'];

function merge(cpv: string, seconds: number, binary = false, start = 1000): EmergeLogMerge {
  return { cpv, start, end: start + seconds, ok: true, duration: seconds, index: 1, total: 1, root: '/', binary, session: null };
}

describe('parsePackagesIndex', () => {
  it('reads the header and every package of a real index, CHOST inherited from the header', () => {
    const index = parsePackagesIndex(file('forecast-local-Packages.txt'));
    expect(index.header.CHOST).toBe('x86_64-pc-linux-gnu');
    expect(index.packages.map((p) => p.cpv).sort()).toEqual(['app-misc/hello-2.12.1', 'dev-lang/php-8.3.15', 'dev-libs/libxml2-2.13.5', 'dev-libs/oniguruma-6.9.9']);
    const hello = index.packages.find((p) => p.cpv === 'app-misc/hello-2.12.1');
    expect(hello).toMatchObject({ buildId: 1, use: ['amd64', 'nls'], iuse: ['nls', 'l10n_de', 'l10n_fr'], keywords: ['amd64'], chost: 'x86_64-pc-linux-gnu', size: 20480, repo: 'gentoo' });
  });

  it('gives an empty index for text that is none', () => {
    expect(parsePackagesIndex('')).toEqual({ header: {}, packages: [] });
    expect(parsePackagesIndex('<html>404</html>').packages).toEqual([]);
  });
});

describe('ignoredBinaries', () => {
  it("reads Portage's note of binaries ignored for their USE", () => {
    expect(ignoredBinaries(file('forecast-local-use-differs.txt'))).toEqual([{ cpv: 'app-misc/hello-2.12.1', reason: 'use', flags: ['nls'], root: '/' }]);
    expect(ignoredBinaries(file('forecast-binhost-getbinpkg.txt'))).toEqual([{ cpv: 'dev-libs/libxml2-2.13.5', reason: 'use', flags: ['-debug'], root: '/' }]);
  });

  it('reads the changed-dependencies note and a ROOT', () => {
    const text = '\n!!! The following binary packages have been ignored due to changed dependencies:\n\n     dev-libs/foo-1.0::gentoo\n\nNOTE: x\n\n!!! The following binary packages have been ignored due to non matching USE:\n\n    =a/b-1 -x y # for /dest\n';
    expect(ignoredBinaries(text)).toEqual([
      { cpv: 'dev-libs/foo-1.0', reason: 'changed-deps', flags: [], root: '/' },
      { cpv: 'a/b-1', reason: 'use', flags: ['-x', 'y'], root: '/dest' },
    ]);
  });
});

describe('forecastPretend', () => {
  it('local cache: binaries say local, the package whose USE changed says source (USE differs)', () => {
    const text = file('forecast-local-use-differs.txt');
    const history = buildHistory([merge('app-misc/hello-2.12.1', 40), merge('dev-lang/php-8.3.15', 100), merge('dev-lang/php-8.3.15', 6, true)]);
    const f = forecastPretend({ result: parsePretend(text), text, argv: LOCAL_ARGV, history, localIndex: parsePackagesIndex(file('forecast-local-Packages.txt')), remoteIndexes: [], chost: 'x86_64-pc-linux-gnu' });
    const by = Object.fromEntries(f.packages.map((p) => [p.cpv, p]));
    // Never merged as a binary: the median of other binary merges (php's 6 s).
    expect(by['dev-libs/oniguruma-6.9.9']).toMatchObject({ from: 'local', reason: null, seconds: 6, basis: 'default' });
    expect(by['dev-lang/php-8.3.15']).toMatchObject({ from: 'local', seconds: 6, basis: 'history' });
    expect(by['app-misc/hello-2.12.1']).toMatchObject({ from: 'source', seconds: 40, basis: 'history', reason: { kind: 'use', label: 'USE differs' } });
    expect(by['app-misc/hello-2.12.1']?.reason?.detail).toBe('a binary of app-misc/hello-2.12.1 exists, built with USE="nls"; this build wants USE="-nls"');
    expect(fromText(by['app-misc/hello-2.12.1']!)).toBe('source (USE differs)');
    // --jobs=2: hello (40 s) runs beside the three binaries (6 + 6 + 6 s in list order).
    expect(f.totals).toMatchObject({ binaries: 3, compiles: 1, fromBinhost: 0, jobs: 2, serialSeconds: 58, totalSeconds: 40 });
    expect(forecastSummary(f.totals)).toBe('3 binaries, 1 compile, about 40 s (--jobs 2)');
  });

  it("binhost: `g` binaries say binhost with their download; the USE-changed one says source (USE differs)", () => {
    const text = file('forecast-binhost-getbinpkg.txt');
    const f = forecastPretend({ result: parsePretend(text), text, argv: REMOTE_ARGV, history: buildHistory([]), localIndex: null, remoteIndexes: [parsePackagesIndex(file('forecast-binhost-Packages.txt'))] });
    expect(f.packages.map((p) => [p.cpv, p.from, p.reason?.label ?? null])).toEqual([
      ['dev-libs/oniguruma-6.9.9', 'binhost', null],
      ['app-misc/hello-2.12.1', 'binhost', null],
      ['dev-libs/libxml2-2.13.5', 'source', 'USE differs'],
      ['dev-lang/php-8.3.15', 'binhost', null],
    ]);
    // 20 KiB at the assumed rate: a download of hundredths of a second, rounded to a tenth.
    expect(f.packages[0]).toMatchObject({ downloadSeconds: 0, seconds: estimatePackageSeconds(buildHistory([]), { cpv: 'a/b-1', kind: 'binary' }).seconds });
    expect(f.totals).toMatchObject({ binaries: 3, compiles: 1, fromBinhost: 3 });
  });

  it('reasons from the indexes when Portage said nothing: no binary, another CHOST, binaries not used', () => {
    const text = file('forecast-local-use-differs.txt').replace(/\n!!! The following binary[\s\S]*$/, '\n');
    const index = parsePackagesIndex(file('forecast-local-Packages.txt'));
    const base = { result: parsePretend(text), text, history: buildHistory([]), remoteIndexes: [] };
    const hello = (f: ReturnType<typeof forecastPretend>) => f.packages.find((p) => p.cpv === 'app-misc/hello-2.12.1')?.reason?.kind;
    // The index's own comparison: built with nls, -nls wanted.
    expect(hello(forecastPretend({ ...base, argv: LOCAL_ARGV, localIndex: index }))).toBe('use');
    expect(hello(forecastPretend({ ...base, argv: LOCAL_ARGV, localIndex: { header: {}, packages: [] } }))).toBe('missing');
    expect(hello(forecastPretend({ ...base, argv: LOCAL_ARGV, localIndex: index, chost: 'aarch64-unknown-linux-gnu' }))).toBe('chost');
    // A binhost's index is outside text: an escape sequence in it is shown, never sent.
    const hostile = { header: {}, packages: index.packages.map((p) => ({ ...p, chost: 'x86_64\x1b]0;owned\x07' })) };
    const detail = forecastPretend({ ...base, argv: LOCAL_ARGV, localIndex: hostile, chost: 'x86_64-pc-linux-gnu' }).packages.find((p) => p.cpv === 'app-misc/hello-2.12.1')?.reason?.detail;
    expect(detail).toContain('x86_64\\x1b]0;owned\\x07');
    expect(hello(forecastPretend({ ...base, argv: ['emerge', 'app-misc/hello'], localIndex: index }))).toBe('not-used');
    // No binaries in use and none exists: a plain compile, no reason to give.
    expect(hello(forecastPretend({ ...base, argv: ['emerge', 'app-misc/hello'], localIndex: null }))).toBeUndefined();
  });

  it('the JSON document: forecast per package and the totals', () => {
    const text = file('forecast-local-use-differs.txt');
    const result = parsePretend(text);
    const f = forecastPretend({ result, text, argv: LOCAL_ARGV, history: buildHistory([]), localIndex: parsePackagesIndex(file('forecast-local-Packages.txt')), remoteIndexes: [] });
    const doc = JSON.parse(JSON.stringify(pretendJson(result, f))) as ReturnType<typeof pretendJson>;
    expect(doc.packages.map((p) => p.forecast?.from)).toEqual(['local', 'source', 'local', 'local']);
    expect(doc.packages[1]?.forecast).toMatchObject({ from: 'source', reason: 'USE differs', seconds: expect.any(Number) });
    expect(doc.packages[0]?.forecast).not.toHaveProperty('reason');
    expect(doc.forecast).toMatchObject({ totalSeconds: expect.any(Number), binaries: 3, compiles: 1 });
  });
});

describe('argv facts', () => {
  // Portage's own note removed, so a compile's reason comes from the index and the argv alone.
  const text = file('forecast-local-use-differs.txt').replace(/\n!!! The following binary[\s\S]*$/, '\n');
  const base = { result: parsePretend(text), text, history: buildHistory([]), localIndex: parsePackagesIndex(file('forecast-local-Packages.txt')), remoteIndexes: [] };

  it('jobs: a number, the merge list\'s size for a bare --jobs (no limit), else 1', () => {
    const jobs = (...argv: string[]) => forecastPretend({ ...base, argv: ['emerge', ...argv] }).totals.jobs;
    expect(base.result.packages).toHaveLength(4);
    expect(jobs('--jobs=3')).toBe(3);
    expect(jobs('--jobs', '2', 'a/b')).toBe(2);
    expect(jobs('--jobs', 'a/b')).toBe(4);
    expect(jobs('a/b')).toBe(1);
  });

  it('binary use: --usepkg and bundled short options (-gK) use binaries, a plain emerge does not', () => {
    const hello = (...argv: string[]) => forecastPretend({ ...base, argv: ['emerge', ...argv] }).packages.find((p) => p.cpv === 'app-misc/hello-2.12.1')?.reason?.kind;
    expect(hello('--usepkg')).toBe('use');
    expect(hello('-gK')).toBe('use');
    expect(hello('--verbose', 'a/b')).toBe('not-used');
  });
});
