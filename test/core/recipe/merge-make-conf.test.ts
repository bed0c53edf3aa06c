// The recipe's make.conf merged into the base's: the base's variables stay unless the recipe sets
// them, incremental ones gain the recipe's words after the base's; Portage's own reading (evaluated
// in file order, then stacked on the profile) gives the values a build sees.
import { describe, expect, it } from 'vitest';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import { evaluateMakeConf } from '../../../src/core/portage/make-conf/make-conf-eval.js';
import { parseMakeConf } from '../../../src/core/portage/make-conf/make-conf-parser.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { mergeMakeConf, renderMakeConf, renderPortageFiles } from '../../../src/core/recipe/render-portage-files.js';
import { mergeIncremental } from '../../helpers/portage-incremental.js';

const BASE = [
  '# the base image\'s own settings',
  'COMMON_FLAGS="-O2 -pipe"',
  'CFLAGS="${COMMON_FLAGS}"',
  'FEATURES="-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -news"',
  'USE="-X bindist"',
  'PKGDIR="/var/cache/binpkgs"',
  'LC_MESSAGES=C.utf8',
  '',
].join('\n');

const values = (text: string) => evaluateMakeConf(parseMakeConf(text)).variables;

describe('mergeMakeConf', () => {
  it('(the model of Portage\'s stacking used below: -*, -flag and flag)', () => {
    expect(mergeIncremental(['a b c', '-b d', '-* e', 'f -e'])).toEqual(['f']);
    expect(mergeIncremental(['sandbox usersandbox', '-sandbox -usersandbox buildpkg'])).toEqual(['buildpkg']);
    expect(mergeIncremental(['amd64', '~amd64'])).toEqual(['amd64', '~amd64']);
  });
  it('keeps the base text first and its variables unless the recipe sets them', () => {
    const merged = mergeMakeConf(BASE, { COMMON_FLAGS: '-O3 -pipe', CFLAGS: '${COMMON_FLAGS}', MAKEOPTS: '-j3' });
    expect(merged.startsWith(BASE)).toBe(true);
    const v = values(merged);
    expect(v).toMatchObject({ COMMON_FLAGS: '-O3 -pipe', CFLAGS: '-O3 -pipe', MAKEOPTS: '-j3', PKGDIR: '/var/cache/binpkgs', LC_MESSAGES: 'C.utf8' });
    // References expand where they stand, as in Portage: the base's CFLAGS took the base's COMMON_FLAGS.
    expect(values(mergeMakeConf(BASE, { COMMON_FLAGS: '-O3' })).CFLAGS).toBe('-O2 -pipe');
    expect(v.FEATURES).toBe('-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -news');
  });

  it('appends the recipe\'s words of incremental variables after the base\'s', () => {
    const merged = mergeMakeConf(BASE, { FEATURES: 'ccache -ipc-sandbox', USE: 'ssl -bindist', ACCEPT_KEYWORDS: '~amd64', PYTHON_TARGETS: 'python3_12' });
    expect(merged).toContain('FEATURES="${FEATURES} ccache -ipc-sandbox"\n');
    const v = values(merged);
    expect(v.FEATURES).toBe('-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -news ccache -ipc-sandbox');
    expect(v.USE).toBe('-X bindist ssl -bindist');
    // Not in the base: the recipe's value alone (it stacks on the profile's as usual).
    expect(v.ACCEPT_KEYWORDS).toBe('~amd64');
    expect(v.PYTHON_TARGETS).toBe('python3_12');
    // Stacked as Portage stacks make.conf over the profile: the base's -sandbox words survive, -bindist wins.
    expect(mergeIncremental(['sandbox usersandbox news', v.FEATURES!])).toEqual(['ccache']);
    expect(mergeIncremental(['X', v.USE!])).toEqual(['ssl']);
  });

  it('lets a recipe\'s -* clear the base\'s words, and an empty incremental value add nothing', () => {
    const v = values(mergeMakeConf(BASE, { USE: '-* ssl', FEATURES: '' }));
    expect(mergeIncremental([v.USE!])).toEqual(['ssl']);
    expect(v.FEATURES).toBe('-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -news');
  });

  it('keeps the recipe\'s quoting: $(…) stays inert, ${VAR} stays live', () => {
    const v = values(mergeMakeConf(BASE, { CXXFLAGS: '${CFLAGS} -fno-rtti', EXTRA: 'a $(id) b' }));
    expect(v.CXXFLAGS).toBe('-O2 -pipe -fno-rtti');
    expect(v.EXTRA).toBe('a $(id) b');
  });

  it('writes the recipe\'s make.conf alone when the base has none, and the base\'s alone when the recipe adds nothing', () => {
    expect(mergeMakeConf(null, { MAKEOPTS: '-j2' })).toBe(renderMakeConf({ MAKEOPTS: '-j2' }));
    expect(mergeMakeConf(BASE, { FEATURES: ' ' })).toBe(BASE);
    expect(mergeMakeConf('MAKEOPTS=-j1', { MAKEOPTS: '-j2' })).toBe('MAKEOPTS=-j1\n\n# Added by gentoo-wb from the recipe: the base image\'s settings above stay unless set here;\n# FEATURES, USE and the other incremental variables add the recipe\'s words after the base\'s.\nMAKEOPTS="-j2"\n');
  });
});

describe('the plan\'s make.conf', () => {
  const recipe = newRecipe({ name: 'x', base: 'base:1', packages: ['app-misc/hello'] });
  const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: null };
  const planned = (makeConf?: string | null) => {
    const result = planBuild({ recipe, sandbox: { unshare: false }, base: makeConf === undefined ? base : { ...base, makeConf } });
    if (!result.ok) throw new Error(result.problem);
    return result.plan.files.find((f) => f.path === '/etc/portage/make.conf')!.content;
  };

  it('is the merge when the base\'s make.conf was read, the recipe\'s alone otherwise', () => {
    expect(planned(BASE)).toBe(mergeMakeConf(BASE, recipe.makeConf));
    expect(values(planned(BASE)).FEATURES).toBe(`-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -news ${recipe.makeConf.FEATURES}`);
    expect(planned()).toBe(renderPortageFiles(recipe)[0]!.content);
    expect(planned(null)).toBe(renderMakeConf(recipe.makeConf));
  });
});
