import { describe, expect, it } from 'vitest';
import { checkAtom, checkRecipeAtoms } from '../../../src/core/recipe/atom-check.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { fixtureIndex } from '../portage/repo-index/fixture-index.js';

const index = fixtureIndex();
const recipe = (packages: string[], extra: Partial<Recipe> = {}): Recipe => ({ ...newRecipe({ name: 'r', base: 'b', packages, sizing: { jobs: 1, makeopts: '-j1' } }), ...extra });
const problems = (packages: string[], extra: Partial<Recipe> = {}) => checkRecipeAtoms(index, recipe(packages, extra)).map((p) => [p.field, p.problem, p.hint ?? '']);

describe('atoms against the tree', () => {
  it('a name that matches nothing is a problem with the closest names', () => {
    expect(problems(['app-misc/helo', 'app-misc/hello'])).toEqual([
      ['packages[0]', 'app-misc/helo matches no package in the tree in test-base; did you mean app-misc/hello?', ''],
    ]);
    expect(problems(['sys-apps/hello'])[0]![1]).toBe('sys-apps/hello matches no package in the tree in test-base; did you mean app-misc/hello or x11-misc/hello?');
    expect(problems(['app-misc/zzzzzzzz'])).toEqual([['packages[0]', 'app-misc/zzzzzzzz matches no package in the tree in test-base', 'search the tree on the Recipe screen (Packages, a) for the right name']]);
  });

  it('picks the newest version emerge would take; sets, blockers and bad syntax are left alone', () => {
    expect(checkAtom(index, 'dev-lang/php')).toMatchObject({ kind: 'ok', best: { version: '8.3.15' } });
    expect(checkAtom(index, 'app-misc/hello')).toMatchObject({ kind: 'ok', best: { version: '2.12.1' } });
    expect(checkAtom(index, 'dev-lang/php:8.2')).toMatchObject({ kind: 'ok', best: { version: '8.2.27' } });
    expect(problems(['@world', '!app-misc/nothere', 'not an atom', 'net-misc/curl[http2]'])).toEqual([]);
  });

  it('a version that does not exist names the ones that do', () => {
    expect(problems(['<app-misc/hello-2'])).toEqual([['packages[0]', '<app-misc/hello-2 matches no version of app-misc/hello in the tree in test-base (it has 2.12.1, 9999)', '']]);
  });

  it('only testing, unkeyworded or masked versions: says which and why', () => {
    expect(problems(['=dev-lang/php-8.4.2'])).toEqual([[
      'packages[0]', '=dev-lang/php-8.4.2 matches only versions emerge will not take: dev-lang/php-8.4.2 (keyworded ~amd64 only)', 'accept its keywords on the Keywords tab, or choose another version',
    ]]);
    expect(problems(['>=dev-lang/php-8.4'])[0]![1]).toBe('>=dev-lang/php-8.4 matches only versions emerge will not take: dev-lang/php-8.4.2 (keyworded ~amd64 only), 8.5.0_alpha1 (masked by profiles/test/amd64/package.mask: Alpha release of the next PHP slot; not ready for general use.)');
    expect(problems(['>=dev-lang/php-8.4'])[0]![2]).toBe('accept its keywords on the Keywords tab, or unmask it (packageUnmask), or choose another version');
    expect(problems(['=app-misc/hello-9999'])[0]![1]).toMatch(/hello-9999 \(has no keywords\)$/);
    expect(problems(['=dev-libs/openssl-3.4.0'])[0]![1]).toMatch(/masked by profiles\/package\.mask: Broken with openssl 3\.4\. Removal in 30 days\.\)$/);
  });

  it('the recipe\'s own keywords, unmasks and masks count', () => {
    expect(problems(['=dev-lang/php-8.4.2'], { packageAcceptKeywords: [{ atom: 'dev-lang/php', keywords: [] }] })).toEqual([]);
    expect(problems(['=dev-lang/php-8.4.2'], { makeConf: { ACCEPT_KEYWORDS: '~amd64' } })).toEqual([]);
    expect(problems(['=app-misc/hello-9999'], { packageAcceptKeywords: [{ atom: 'app-misc/hello', keywords: ['**'] }] })).toEqual([]);
    expect(problems(['=dev-lang/php-8.5.0_alpha1'], { packageAcceptKeywords: [{ atom: 'dev-lang/php', keywords: [] }], packageUnmask: ['=dev-lang/php-8.5.0_alpha1'] })).toEqual([]);
    expect(problems(['net-misc/curl'], { packageMask: ['net-misc/curl'] })[0]![1]).toMatch(/curl-8\.11\.1 \(masked by the recipe\)$/);
  });

  it('other lists: only names that match nothing', () => {
    expect(problems(['app-misc/hello'], { packageUse: [{ atom: 'net-misc/crul', flags: ['http2'] }], packageAcceptKeywords: [{ atom: '=dev-lang/php-9*', keywords: [] }] })).toEqual([
      ['packageUse[0].atom', 'net-misc/crul matches no package in the tree in test-base; did you mean net-misc/curl?', ''],
    ]);
  });

  it('without a profile, keywords are not judged; masks of the repository still are', () => {
    const bare = fixtureIndex(null);
    expect(checkAtom(bare, '=dev-lang/php-8.4.2').kind).toBe('ok');
    expect(checkAtom(bare, '=dev-libs/openssl-3.4.0').kind).toBe('hidden');
  });
});
