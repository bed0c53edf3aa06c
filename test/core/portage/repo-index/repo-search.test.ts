import { describe, expect, it } from 'vitest';
import { closestNames } from '../../../../src/core/portage/repo-index/closest-names.js';
import { parseMd5Cache } from '../../../../src/core/portage/repo-index/md5-cache.js';
import { buildRepoIndex } from '../../../../src/core/portage/repo-index/repo-index.js';
import { searchRepo } from '../../../../src/core/portage/repo-index/repo-search.js';
import { fixtureIndex } from './fixture-index.js';

const index = fixtureIndex();
const search = (q: string) => searchRepo(index, q).map((h) => `${h.pkg.cp} ${h.rank}`);

describe('search while typing', () => {
  it('ranks the exact name, then prefixes, then substrings of cat/pn, then descriptions', () => {
    expect(search('hel')).toEqual(['app-misc/hello prefix', 'x11-misc/hello prefix']);
    expect(search('loc')).toEqual(['sys-apps/which description']);
    expect(search('hello')).toEqual(['app-misc/hello exact', 'x11-misc/hello exact']);
    expect(search('tool')).toEqual(['app-misc/newtool substring', 'app-misc/foo-tool substring', 'dev-libs/openssl description']);
    expect(search('url')).toEqual(['net-misc/curl substring', 'net-misc/hurl substring']);
    expect(search('HTTP')).toEqual(['net-libs/nghttp2 substring', 'net-misc/hurl description']);
    expect(search('  ')).toEqual([]);
    expect(searchRepo(index, 'e', 2)).toHaveLength(2);
    // Nothing matches: the closest names.
    expect(search('app-misc/helo')).toEqual(['app-misc/hello similar']);
    expect(search('helo')).toEqual(['app-misc/hello similar', 'x11-misc/hello similar']);
    expect(search('qqqqqqq')).toEqual([]);
  });

  it('a category part narrows to cat/pn; an atom searches its cat/pn', () => {
    expect(search('app-misc/')).toEqual(['app-misc/hello prefix', 'app-misc/newtool prefix', 'app-misc/foo-tool prefix']);
    expect(search('misc/hel')).toEqual(['app-misc/hello substring', 'x11-misc/hello substring']);
    expect(search('>=dev-lang/php-8.3:8.3')).toEqual(['dev-lang/php exact']);
    expect(search('>=dev-lang/ph')).toEqual(['dev-lang/php prefix']);
    expect(search('=dev-lang/php-8.4.2')).toEqual(['dev-lang/php exact']);
  });
});

describe('closest names', () => {
  it('edit distance with swaps, within a third of the name', () => {
    const names = buildRepoIndex({ source: 't', profile: null, profileFiles: new Map(), entries: ['hello', 'php', 'sitting-bull', 'abcdefgh'].map((n) => ({ cpf: `x/${n}-1`, entry: parseMd5Cache('SLOT=0\n') })) });
    const near = (name: string) => closestNames(names, null, name);
    expect(near('helo')).toEqual(['x/hello']);
    // A swap of neighbours is one edit: `pph` is within a three-letter name's one.
    expect(near('pph')).toEqual(['x/php']);
    // kitten → sitting is three edits: within an 11-letter name's three, not with one more.
    expect(near('kitten-bull')).toEqual(['x/sitting-bull']);
    expect(near('kitten-bul')).toEqual([]);
    // Far longer than the allowance: given up on, not suggested.
    expect(near('abc')).toEqual([]);
  });

  it('the same name in another category first, then typos; at most three; nothing far off', () => {
    expect(closestNames(index, 'app-misc', 'helo')).toEqual(['app-misc/hello']);
    expect(closestNames(index, 'sys-apps', 'hello')).toEqual(['app-misc/hello', 'x11-misc/hello']);
    expect(closestNames(index, 'app-mics', 'hello')).toEqual(['app-misc/hello', 'x11-misc/hello']);
    expect(closestNames(index, 'dev-lang', 'pph')).toEqual(['dev-lang/php']);
    expect(closestNames(index, 'net-misc', 'crul')).toEqual(['net-misc/curl']);
    expect(closestNames(index, 'net-misc', 'url')).toEqual(['net-misc/curl', 'net-misc/hurl']);
    expect(closestNames(index, 'app-misc', 'zzzzzzzz')).toEqual([]);
    expect(closestNames(index, 'app-misc', 'hello', 1)).toEqual(['x11-misc/hello']);
  });
});
