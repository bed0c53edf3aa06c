import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCommaList, formatKeyValues, joinWords, parseCommaList, parseKeyValues, splitWords } from '../../../src/core/recipe/recipe-fields.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { recipeSummary } from '../../../src/core/recipe/recipe-summary.js';

describe('text fields', () => {
  it('splits words with quotes and never expands anything', () => {
    expect(splitWords('/usr/bin/php-fpm -F')).toEqual({ ok: true, value: ['/usr/bin/php-fpm', '-F'] });
    expect(splitWords(`sh -c "echo \\"hi\\" $HOME" 'a b'`)).toEqual({ ok: true, value: ['sh', '-c', 'echo "hi" $HOME', 'a b'] });
    expect(splitWords('a ""')).toEqual({ ok: true, value: ['a', ''] });
    expect(splitWords('echo "open')).toEqual({ ok: false, problem: 'the quote " is not closed', offset: 5 });
  });

  it('joinWords is the inverse of splitWords for any words', () => {
    fc.assert(fc.property(fc.array(fc.string()), (words) => {
      const back = splitWords(joinWords(words));
      expect(back).toEqual({ ok: true, value: words.map((w) => w) });
    }));
  });

  it('reads and writes KEY=value lists', () => {
    expect(parseKeyValues('A=1 B="two words" C=')).toEqual({ ok: true, value: { A: '1', B: 'two words', C: '' } });
    expect(parseKeyValues('A=1 oops')).toEqual({ ok: false, problem: '"oops" is not KEY=value', offset: 4 });
    expect(formatKeyValues({ A: '1', B: 'two words', C: '' })).toBe('A=1 B="two words" C=""');
  });

  it('reads comma lists for values with spaces', () => {
    expect(parseCommaList('en_US.UTF-8  UTF-8, C.UTF-8 UTF-8,,')).toEqual(['en_US.UTF-8 UTF-8', 'C.UTF-8 UTF-8']);
    expect(formatCommaList(['a b', 'c'])).toBe('a b, c');
  });
});

describe('recipe summary', () => {
  it('says what the recipe builds, from what and how', () => {
    const r = newRecipe({ name: 'php', base: 'gentoo/stage3:amd64-openrc', packages: ['dev-lang/php'], tags: ['ex/php:8'], portageImage: 'gentoo/portage:latest', cmd: ['php', '-a'], sizing: { jobs: 2, makeopts: '-j2' } });
    expect(recipeSummary(r)).toEqual([
      'name:      php',
      'base:      gentoo/stage3:amd64-openrc',
      'portage:   snapshot image gentoo/portage:latest',
      'mode:      commit (emerge into a container from the base, then commit)',
      'packages:  dev-lang/php',
      'jobs:      emerge --jobs=2 --keep-going; MAKEOPTS="-j2"',
      'caches:    distfiles binpkgs',
      'tags:      ex/php:8',
      'cmd:       php -a',
    ]);
    const stage4 = { ...r, mode: { kind: 'stage4' as const, march: 'x86-64-v3', optimize: '-Os' as const, passes: 2 as const, allowPtrace: true } };
    expect(recipeSummary(stage4)[3]).toBe('mode:      stage4 (-march=x86-64-v3 -Os, 2 passes of --emptytree @world, SYS_PTRACE allowed)');
  });
});
