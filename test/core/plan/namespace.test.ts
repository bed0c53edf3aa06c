// Namespaces as data: the plan names its cache volumes inside the namespace it is given, and the
// label helpers tell one namespace's objects from another's (and from unlabelled, default ones).
import { describe, expect, it } from 'vitest';
import { gentooWbLabelFilters, gentooWbLabels, inNamespace, LABEL, namespaceProblem, objectNamePrefix } from '../../../src/core/labels.js';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import { binpkgCacheKey, effectiveMakeConf } from '../../../src/core/plan/shared-pieces.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';

const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: 'sys-libs/glibc-2.40-r5' };

function recipe() {
  const r = newRecipe({ name: 'hello', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'], portageImage: 'gentoo/portage:latest' });
  r.caches = { distfiles: true, binpkgs: true, ccache: true };
  return r;
}

function volumeNames(namespace?: string | null): string[] {
  const result = planBuild({ recipe: recipe(), base, sandbox: { unshare: true }, ...(namespace === undefined ? {} : { namespace }) });
  if (!result.ok) throw new Error(result.problem);
  return result.plan.container.mounts.flatMap((m) => (m.kind === 'volume' ? [m.name] : []));
}

describe('cache volumes of a namespace', () => {
  const key = binpkgCacheKey(base.chost, effectiveMakeConf(recipe().makeConf).CFLAGS ?? '');

  it('carry the namespace in their names', () => {
    expect(volumeNames('test-1a2b3c')).toEqual(['gentoo-wb-test-1a2b3c-distfiles', `gentoo-wb-test-1a2b3c-binpkgs-${key}`, 'gentoo-wb-test-1a2b3c-ccache']);
  });

  it('keep the names people already have in the default namespace', () => {
    const names = ['gentoo-wb-distfiles', `gentoo-wb-binpkgs-${key}`, 'gentoo-wb-ccache'];
    expect(volumeNames()).toEqual(names);
    expect(volumeNames(null)).toEqual(names);
  });
});

describe('namespace labels and names', () => {
  it('accepts [a-z0-9][a-z0-9-]{0,31} and says what is wrong with anything else', () => {
    for (const ok of ['a', 'test-1a2b3c', '0', 'x'.repeat(32), 'a-']) expect(namespaceProblem(ok)).toBeNull();
    expect(namespaceProblem('')).toMatch(/characters other than/);
    expect(namespaceProblem('Test')).toMatch(/characters other than lowercase letters, digits and "-"/);
    expect(namespaceProblem('-a')).toMatch(/starts with "-"/);
    expect(namespaceProblem('a_b')).toMatch(/characters other than/);
    expect(namespaceProblem('a b')).toMatch(/characters other than/);
    expect(namespaceProblem('x'.repeat(33))).toMatch(/33 characters long \(at most 32\)/);
  });

  it('labels an object with its namespace, and none in the default namespace', () => {
    expect(gentooWbLabels({ version: '1', role: 'cache', namespace: 'ns1' })[LABEL.namespace]).toBe('ns1');
    expect(gentooWbLabels({ version: '1', role: 'cache', namespace: null })).not.toHaveProperty([LABEL.namespace]);
    expect(gentooWbLabels({ version: '1', role: 'cache' })).not.toHaveProperty([LABEL.namespace]);
  });

  it('puts an object in exactly one namespace: its label, or the default without one', () => {
    const a = gentooWbLabels({ version: '1', role: 'builder', namespace: 'a' });
    const plain = gentooWbLabels({ version: '1', role: 'builder' });
    expect(inNamespace(a, 'a')).toBe(true);
    expect(inNamespace(a, 'b')).toBe(false);
    expect(inNamespace(a, null)).toBe(false);
    expect(inNamespace(plain, null)).toBe(true);
    expect(inNamespace(plain, 'a')).toBe(false);
  });

  it('filters on the namespace label in the engine when there is one', () => {
    expect(gentooWbLabelFilters({ namespace: 'a', buildId: 'b1' })).toEqual([LABEL.role, `${LABEL.buildId}=b1`, `${LABEL.namespace}=a`]);
    expect(gentooWbLabelFilters({ namespace: null })).toEqual([LABEL.role]);
  });

  it('prefixes names with gentoo-wb-<namespace>-', () => {
    expect(objectNamePrefix('test-abc')).toBe('gentoo-wb-test-abc-');
    expect(objectNamePrefix(null)).toBe('gentoo-wb-');
  });
});
