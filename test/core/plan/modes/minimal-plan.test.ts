import { describe, expect, it } from 'vitest';
import { planBuild } from '../../../../src/core/plan/build-plan.js';
import { formatPlan } from '../../../../src/core/plan/format-plan.js';
import { helperPath } from '../../../../src/core/plan/modes/helper-scripts.js';
import type { BuildPlan } from '../../../../src/core/plan/plan-types.js';
import type { BaseFacts } from '../../../../src/core/plan/shared-pieces.js';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import { recipeHash } from '../../../../src/core/recipe/recipe-hash.js';
import { recipeSchema, type Recipe } from '../../../../src/core/recipe/recipe-schema.js';

const base = { chost: 'x86_64-pc-linux-gnu', libcPackage: 'sys-libs/glibc-2.40-r5', libcFiles: [] };

function minimal(mode: Record<string, unknown> = {}, portageImage?: string): Recipe {
  const r = newRecipe({ name: 'min', base: 'gentoo/stage3', packages: ['app-misc/hello'], tags: ['me/min:1'], use: 'ssl', cmd: ['/usr/bin/hello'], ...(portageImage ? { portageImage } : {}) });
  return recipeSchema.parse({ ...r, mode: { kind: 'minimal', ...mode } });
}

function plan(r: Recipe, b: BaseFacts = base): BuildPlan {
  const result = planBuild({ recipe: r, base: b, sandbox: { unshare: true } });
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

const file = (p: BuildPlan, path: string) => p.files.find((f) => f.path === path)?.content;

describe('minimal-mode plan', () => {
  it('USE="-*" plus kept flags, -uDN @world, depclean, locale-gen, cleanup, then flatten and smoke test', () => {
    const r = minimal({ keepUse: ['ssl', 'zlib'], locales: ['en_US.UTF-8 UTF-8', 'C.UTF-8 UTF-8'], removeSystem: ['sys-apps/which', 'app-arch/xz-utils'] });
    const p = plan(r);
    expect(p.steps.map((s) => s.id)).toEqual(['emerge', 'depclean', 'locale-gen', 'cleanup']);
    expect(p.steps[0]!.argv).toEqual(['emerge', '--verbose', '--jobs=1', '--keep-going', '--usepkg', '--buildpkg', '--binpkg-respect-use=y', '--color=n', '--update', '--deep', '--newuse', '@world', 'app-misc/hello']);
    expect(p.steps[0]!.title).toBe('emerge --update --deep --newuse @world app-misc/hello with USE="-* ssl zlib"');
    expect(p.steps[1]).toMatchObject({ argv: ['emerge', '--depclean', '--color=n'], env: { CLEAN_DELAY: '0' } });
    // locale-gen through a helper: a base without it keeps its locales with a note instead of failing after the emerge.
    expect(p.steps[2]!.argv).toEqual([helperPath('locale-gen')]);
    expect(file(p, helperPath('locale-gen'))).toMatch(/command -v locale-gen >\/dev\/null 2>&1; then exec locale-gen "\$@"; fi\n/);
    expect(file(p, '/etc/portage/make.conf')).toContain('USE="-* ssl zlib"');
    expect(file(p, '/etc/locale.gen')).toMatch(/\nen_US\.UTF-8 UTF-8\nC\.UTF-8 UTF-8\n$/);
    expect(file(p, '/etc/portage/profile/packages')).toMatch(/\n-\*sys-apps\/which\n-\*app-arch\/xz-utils\n$/);
    expect(p.finish.map((f) => f.kind)).toEqual(['flatten', 'smoke-test']);
    expect(p.finish[0]).toMatchObject({ config: { cmd: ['/usr/bin/hello'] } });
    expect(p.recipeHash).toBe(recipeHash(r));
    expect(p.notes.join('\n')).toMatch(/make.conf USE="ssl" is replaced by USE="-\* ssl zlib"/);
    expect(formatPlan(p)).toMatch(/2\. Remove what nothing needs any more: emerge --depclean \(incl\. sys-apps\/which app-arch\/xz-utils, out of @system\)/);
  });

  it('removes the Portage tree only when it came with the base, and caches only when they are not volumes', () => {
    const own = plan(minimal()).steps.find((s) => s.id === 'cleanup')!.argv;
    expect(own).toContain('/var/db/repos/gentoo');
    expect(own).not.toContain('/var/cache/distfiles');
    const snapshot = plan(minimal({}, 'gentoo/portage:latest')).steps.find((s) => s.id === 'cleanup')!.argv;
    expect(snapshot).not.toContain('/var/db/repos/gentoo');
    const r = minimal();
    r.caches = { distfiles: false, binpkgs: false, ccache: false };
    expect(plan(r).steps.find((s) => s.id === 'cleanup')!.argv).toEqual(expect.arrayContaining(['/var/cache/distfiles', '/var/cache/binpkgs', '/usr/share/doc', '/usr/share/man', '/var/log/portage']));
  });

  it('skips locale-gen on musl and writes no profile/packages when nothing leaves @system', () => {
    const p = plan(minimal(), { chost: 'x86_64-gentoo-linux-musl', libcPackage: 'sys-libs/musl-1.2.5', libcFiles: [] });
    expect(p.steps.map((s) => s.id)).toEqual(['emerge', 'depclean', 'cleanup']);
    expect(file(p, '/etc/portage/profile/packages')).toBeUndefined();
    expect(file(p, helperPath('locale-gen'))).toBeUndefined();
  });

  it('refuses values that would break the files they go into', () => {
    const bad = planBuild({ recipe: minimal({ locales: ['en_US.UTF-8 UTF-8\nxx'] }), base, sandbox: { unshare: true } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/^mode.locales entry .* contains a line break/);
    const flag = planBuild({ recipe: minimal({ keepUse: ['ssl"'] }), base, sandbox: { unshare: true } });
    expect(!flag.ok && flag.problem).toMatch(/mode.keepUse flag "ssl\\"" has a character that does not belong/);
  });
});
