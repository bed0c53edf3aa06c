import { describe, expect, it } from 'vitest';
import { planBuild } from '../../../../src/core/plan/build-plan.js';
import { formatPlan } from '../../../../src/core/plan/format-plan.js';
import { CAPTURE_DIR } from '../../../../src/core/plan/modes/mode-paths.js';
import type { BuildPlan } from '../../../../src/core/plan/plan-types.js';
import type { BaseFacts } from '../../../../src/core/plan/shared-pieces.js';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import { recipeSchema, type Recipe } from '../../../../src/core/recipe/recipe-schema.js';

const glibc = { chost: 'x86_64-pc-linux-gnu', libcPackage: 'sys-libs/glibc-2.40-r5', libcFiles: ['/lib64/ld-linux-x86-64.so.2', '/lib64/libc.so.6', '/etc/ld.so.conf'] };

function scratch(mode: Record<string, unknown> = {}, edit: (r: Recipe) => void = () => {}): Recipe {
  const r = newRecipe({ name: 'php', base: 'gentoo/stage3:amd64-openrc', packages: ['dev-lang/php', 'app-misc/hello'], tags: ['me/php:1'], sizing: { jobs: 2, makeopts: '-j2' }, entrypoint: ['/usr/bin/php'] });
  const parsed = recipeSchema.parse({ ...r, mode: { kind: 'scratch', ...mode } });
  edit(parsed);
  return parsed;
}

function plan(r: Recipe, base: BaseFacts = glibc): BuildPlan {
  const result = planBuild({ recipe: r, base, sandbox: { unshare: false } });
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

const file = (p: BuildPlan, path: string) => p.files.find((f) => f.path === path);

describe('scratch-mode plan', () => {
  it('emerges into ROOT=/destination with the no-op eselect first on PATH, then links, libc, users, capture, strip, ldconfig', () => {
    const p = plan(scratch());
    expect(p.mode).toBe('scratch');
    expect(p.steps.map((s) => s.id)).toEqual(['emerge', 'eselect-links', 'libc', 'users', 'capture', 'strip', 'strip-static', 'strip-locales', 'ldconfig']);
    const emerge = p.steps[0]!;
    expect(emerge.argv).toEqual(['emerge', '--verbose', '--jobs=2', '--keep-going', '--usepkg', '--buildpkg', '--binpkg-respect-use=y', '--color=n', 'dev-lang/php', 'app-misc/hello']);
    expect(emerge.env.ROOT).toBe('/destination');
    expect(emerge.env.PATH).toBe('/var/lib/gentoo-wb/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(emerge.output).toBe('emerge');
    expect(file(p, '/var/lib/gentoo-wb/bin/eselect')).toMatchObject({ mode: 0o755 });
    expect(file(p, '/var/lib/gentoo-wb/bin/eselect')!.content).toMatch(/^#!\/bin\/sh\n[\s\S]*exit 0\n$/);
    expect(p.steps[1]!.argv.slice(0, 4)).toEqual(['/var/lib/gentoo-wb/helpers/eselect-links', '/destination', '/usr/bin/php', '/usr/bin/php[0-9]*']);
    expect(p.steps.find((s) => s.id === 'ldconfig')!.argv).toEqual(['ldconfig', '-r', '/destination']);
    expect(p.finish.map((f) => f.kind)).toEqual(['capture-packages', 'root-check', 'import-tree', 'smoke-test']);
    expect(p.finish[0]).toMatchObject({ vdbPath: CAPTURE_DIR });
    expect(p.finish[2]).toMatchObject({ path: '/destination', config: { entrypoint: ['/usr/bin/php'], tags: ['me/php:1'] } });
  });

  it('copies the C library from its CONTENTS list (a file, not argv) and keeps Portage from building it into ROOT', () => {
    const p = plan(scratch());
    const libc = p.steps.find((s) => s.id === 'libc')!;
    expect(libc.argv).toEqual(['/var/lib/gentoo-wb/helpers/copy-into-root', '/destination', '/var/lib/gentoo-wb/libc-files']);
    expect(libc.title).toBe('Copy the C library into ROOT: 3 files of sys-libs/glibc-2.40-r5 (its CONTENTS)');
    expect(file(p, '/var/lib/gentoo-wb/libc-files')!.content).toBe('/lib64/ld-linux-x86-64.so.2\n/lib64/libc.so.6\n/etc/ld.so.conf\n');
    expect(file(p, '/etc/portage/profile/package.provided')!.content).toMatch(/\nsys-libs\/glibc-2\.40-r5\n$/);
    expect(p.steps.find((s) => s.id === 'capture')!.argv).toEqual(['/var/lib/gentoo-wb/helpers/capture-packages', '/destination', CAPTURE_DIR, '/var/db/pkg/sys-libs/glibc-2.40-r5']);
    expect(p.notes.join('\n')).toContain('sys-libs/glibc-2.40-r5 is not built into ROOT (package.provided): its 3 files are copied from the builder');
  });

  it('without a C library in the base: no copy, no ldconfig, and a note saying the ROOT check will tell (the pretend planning case)', () => {
    const p = plan(scratch(), { chost: 'unknown', libcFiles: [], libcPackage: null });
    expect(p.steps.map((s) => s.id)).not.toContain('libc');
    expect(p.steps.map((s) => s.id)).not.toContain('ldconfig');
    expect(file(p, '/etc/portage/profile/package.provided')).toBeUndefined();
    expect(p.notes.join('\n')).toMatch(/lists no installed C library package/);
  });

  it('musl gets its files copied but no ldconfig', () => {
    const p = plan(scratch(), { chost: 'x86_64-gentoo-linux-musl', libcPackage: 'sys-libs/musl-1.2.5-r3', libcFiles: ['/lib/ld-musl-x86_64.so.1'] });
    expect(p.steps.map((s) => s.id)).toContain('libc');
    expect(p.steps.map((s) => s.id)).not.toContain('ldconfig');
  });

  it('forced removal is its own step in ROOT with a warning note; the user gets an account', () => {
    const p = plan(scratch({ unmerge: ['dev-libs/libfoo'] }, (r) => { r.image.user = 'www:www'; }));
    const unmerge = p.steps.find((s) => s.id === 'unmerge')!;
    expect(unmerge.argv).toEqual(['emerge', '--unmerge', '--color=n', 'dev-libs/libfoo']);
    expect(unmerge.env).toMatchObject({ ROOT: '/destination', CLEAN_DELAY: '0' });
    expect(unmerge.title).toMatch(/breaking their dependants on purpose/);
    expect(p.notes.join('\n')).toMatch(/removes dev-libs\/libfoo from the image on purpose/);
    expect(p.steps.map((s) => s.id).indexOf('unmerge')).toBeLessThan(p.steps.map((s) => s.id).indexOf('capture'));
    expect(p.steps.find((s) => s.id === 'users')!.argv).toEqual(['/var/lib/gentoo-wb/helpers/root-users', '/destination', 'www:www']);
  });

  it('strip options each remove what they say; turned off they are left out; L10N keeps its catalogues', () => {
    const p = plan(scratch({ strip: { docs: true, man: false, info: false, headers: true, staticLibs: false, pkgconfig: false, locales: true, packageDb: false, portageState: false } }, (r) => { r.makeConf.L10N = 'de en-GB'; }));
    expect(p.steps.find((s) => s.id === 'strip')!.argv).toEqual(['rm', '-rf', '/destination/usr/share/doc', '/destination/usr/share/gtk-doc', '/destination/usr/include', '/destination/usr/share/i18n']);
    expect(p.steps.map((s) => s.id)).not.toContain('strip-static');
    expect(p.steps.find((s) => s.id === 'strip-locales')!.argv).toEqual([
      'find', '/destination', '-path', '/destination/usr/share/locale/*', '-prune', '-type', 'd', '!', '-name', 'de', '!', '-name', 'en', '!', '-name', 'en_GB', '-exec', 'rm', '-rf', '{}', '+',
    ]);
    const all = plan(scratch());
    expect(all.steps.find((s) => s.id === 'strip')!.argv).toEqual(expect.arrayContaining(['/destination/var/db/pkg', '/destination/var/lib/portage', '/destination/usr/share/man']));
  });

  it('refuses a recipe without packages and a USER that cannot be written to /etc/passwd', () => {
    const none = planBuild({ recipe: scratch({}, (r) => { r.packages = []; }), base: glibc, sandbox: { unshare: true } });
    expect(none).toEqual({ ok: false, problem: 'scratch mode needs at least one package: the image holds only what the packages install into ROOT' });
    const bad = planBuild({ recipe: scratch({}, (r) => { r.image.user = 'a b'; }), base: glibc, sandbox: { unshare: true } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/image.user "a b" is not NAME, UID/);
  });

  it('prints every step with a title and its exact argv', () => {
    const text = formatPlan(plan(scratch({ unmerge: ['dev-libs/libfoo'] })));
    expect(text).toContain('Build plan (scratch mode)');
    expect(text).toMatch(/1\. emerge dev-lang\/php app-misc\/hello into ROOT=\/destination\n {5}ROOT=\/destination PATH=\/var\/lib\/gentoo-wb\/bin:/);
    expect(text).toContain("/var/lib/gentoo-wb/helpers/eselect-links /destination /usr/bin/php '/usr/bin/php[0-9]*'");
    expect(text).toContain('  - ROOT check: every ELF file in /destination finds its libraries there');
    expect(text).toContain('  - Import /destination as the image (FROM scratch) with the recipe\'s config');
    expect(text).toMatch(/Note: mode.unmerge removes dev-libs\/libfoo/);
  });
});
