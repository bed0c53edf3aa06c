import { describe, expect, it } from 'vitest';
import { applyPretendChanges, describeApplied } from '../../../src/core/pretend/apply-changes.js';
import { parsePretend } from '../../../src/core/portage/pretend/pretend-parser.js';
import type { PackageChange } from '../../../src/core/portage/pretend/pretend-types.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { renderPortageFiles } from '../../../src/core/recipe/render-portage-files.js';
import { validateRecipe } from '../../../src/core/recipe/recipe-validate.js';
import { rig } from '../fixtures.js';

function recipe(packages: string[]) {
  return newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages });
}

function change(kind: PackageChange['kind'], line: string): PackageChange {
  const [atom = '', ...values] = line.split(' ');
  const file = ({ use: 'package.use', keywords: 'package.accept_keywords', unmask: 'package.unmask', license: 'package.license', mask: 'package.mask' } as const)[kind];
  return { kind, line, atom, values, requiredBy: [], comments: [], file };
}

describe('applyPretendChanges', () => {
  it('writes the USE change Portage asked for in 14-use-change-needed as its exact line', () => {
    const changes = parsePretend(rig('14-use-change-needed')).changes;
    const before = recipe(['net-misc/hurl']);
    const { recipe: after, applied, changed } = applyPretendChanges(before, changes);
    expect(changed).toBe(true);
    expect(after.packageUse).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
    expect(applied.map((a) => a.outcome)).toEqual(['added']);
    const file = renderPortageFiles(after).find((f) => f.path === '/etc/portage/package.use/gentoo-wb');
    expect(file?.content.split('\n')).toContain('>=net-misc/curl-8.11.1 http2');
    expect(before.packageUse).toEqual([]);
    expect(validateRecipe(after)).toEqual([]);
  });

  it('writes keywords (11), licences (13) into their fields', () => {
    const keyword = parsePretend(rig('11-keyword-autounmask')).changes;
    const licence = parsePretend(rig('13-license-autounmask')).changes;
    const { recipe: after } = applyPretendChanges(recipe(['=dev-libs/openssl-3.4.0', 'app-misc/proprietary-tool']), [...keyword, ...licence]);
    expect(after.packageAcceptKeywords).toEqual([{ atom: '=dev-libs/openssl-3.4.0', keywords: ['~amd64'] }]);
    expect(after.packageLicense).toEqual([{ atom: '>=app-misc/proprietary-tool-1.0', licenses: ['Proprietary-EULA'] }]);
    const files = renderPortageFiles(after);
    expect(files.find((f) => f.path.endsWith('package.accept_keywords/gentoo-wb'))?.content).toContain('=dev-libs/openssl-3.4.0 ~amd64\n');
    expect(files.find((f) => f.path.endsWith('package.license/gentoo-wb'))?.content).toContain('>=app-misc/proprietary-tool-1.0 Proprietary-EULA\n');
  });

  it('is idempotent: applying the same changes twice leaves the recipe as after the first time', () => {
    const changes = [...parsePretend(rig('14-use-change-needed')).changes, ...parsePretend(rig('11-keyword-autounmask')).changes];
    const once = applyPretendChanges(recipe(['net-misc/hurl']), changes);
    const twice = applyPretendChanges(once.recipe, changes);
    expect(twice.changed).toBe(false);
    expect(twice.applied.map((a) => a.outcome)).toEqual(['present', 'present']);
    expect(twice.recipe).toEqual(once.recipe);
  });

  it('merges into an entry for the same atom, replacing the opposite setting of a flag', () => {
    const r = recipe(['net-misc/hurl']);
    r.packageUse.push({ atom: '>=net-misc/curl-8.11.1', flags: ['-http2', 'ssl'] });
    r.packageUse.push({ atom: 'net-misc/curl', flags: ['-ipv6'] });
    const { recipe: after, applied } = applyPretendChanges(r, [change('use', '>=net-misc/curl-8.11.1 http2')]);
    expect(applied[0]?.outcome).toBe('merged');
    expect(after.packageUse).toEqual([
      { atom: '>=net-misc/curl-8.11.1', flags: ['ssl', 'http2'] },
      { atom: 'net-misc/curl', flags: ['-ipv6'] },
    ]);
  });

  it('adds keywords to an existing entry once, and unmask/mask atoms once', () => {
    const r = recipe(['dev-libs/openssl']);
    r.packageAcceptKeywords.push({ atom: '=dev-libs/openssl-3.4.0', keywords: ['~amd64'] });
    const { recipe: after, applied } = applyPretendChanges(r, [
      change('keywords', '=dev-libs/openssl-3.4.0 ~arm64'),
      change('unmask', '=dev-lang/php-8.5.0_alpha1'),
      change('unmask', '=dev-lang/php-8.5.0_alpha1'),
      change('mask', '>=dev-libs/icu-76'),
    ]);
    expect(after.packageAcceptKeywords).toEqual([{ atom: '=dev-libs/openssl-3.4.0', keywords: ['~amd64', '~arm64'] }]);
    expect(after.packageUnmask).toEqual(['=dev-lang/php-8.5.0_alpha1']);
    expect(after.packageMask).toEqual(['>=dev-libs/icu-76']);
    expect(applied.map((a) => a.outcome)).toEqual(['merged', 'added', 'present', 'added']);
  });

  it('describes what it did, file by file', () => {
    const changes = parsePretend(rig('14-use-change-needed')).changes;
    const first = applyPretendChanges(recipe(['net-misc/hurl']), changes);
    expect(describeApplied(first.applied)).toEqual(['package.use: >=net-misc/curl-8.11.1 http2 (added)']);
    expect(describeApplied(applyPretendChanges(first.recipe, changes).applied)).toEqual(['package.use: >=net-misc/curl-8.11.1 http2 (already in the recipe)']);
  });
});
