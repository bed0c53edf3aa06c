import { describe, expect, it } from 'vitest';
import { planPretend, pretendCommand } from '../../../src/core/pretend/pretend-plan.js';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { BuildModeKind, Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { recipeSchema } from '../../../src/core/recipe/recipe-schema.js';

function recipe(mode: BuildModeKind, packages = ['net-misc/hurl']): Recipe {
  const r = newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages, mode, sizing: { jobs: 3, makeopts: '-j3' } });
  return recipeSchema.parse({ ...r, mode: { kind: mode } });
}

describe('pretendCommand', () => {
  it('commit: the build plan\'s own emerge step with --pretend and autounmask on but never written', () => {
    const r = recipe('commit');
    const planned = planBuild({ recipe: r, sandbox: { unshare: false }, base: { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: null } });
    const buildArgv = planned.ok ? planned.plan.steps[0]!.argv : [];
    const cmd = pretendCommand(r);
    expect(cmd.argv.slice(0, 4)).toEqual(['emerge', '--pretend', '--autounmask=y', '--autounmask-write=n']);
    // Every option of the build's emerge is there too, in the same order, except the one that hides
    // Portage's USE change requests.
    expect(buildArgv).toContain('--binpkg-respect-use=y');
    expect(cmd.argv.slice(4)).toEqual(buildArgv.slice(1).filter((a) => a !== '--binpkg-respect-use=y'));
    expect(cmd.argv).toContain('--verbose');
    expect(cmd.argv).toContain('--color=n');
    expect(cmd.argv).toContain('--jobs=3');
    expect(cmd.argv.at(-1)).toBe('net-misc/hurl');
    expect(cmd.files.map((f) => f.path)).toEqual(['/etc/portage/make.conf']);
  });

  it('drops --binpkg-respect-use (Portage 3.0.82 then prints no USE change request) but keeps --usepkg', () => {
    const argv = pretendCommand(recipe('commit')).argv;
    expect(argv.some((a) => a.startsWith('--binpkg-respect-use'))).toBe(false);
    expect(argv).toEqual(expect.arrayContaining(['--usepkg', '--buildpkg']));
  });

  it('a recipe the planner refuses has no pretend command, with the planner\'s reason', () => {
    const planned = planPretend(recipe('scratch', []));
    expect(planned).toEqual({ ok: false, problem: expect.stringContaining('scratch mode needs at least one package') });
    expect(() => pretendCommand(recipe('scratch', []))).toThrow(/scratch mode needs at least one package/);
  });

  it('with base facts, a scratch pretend keeps the C library out of ROOT as the build does', () => {
    const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: ['/lib64/libc.so.6'], libcPackage: 'sys-libs/glibc-2.40-r5' };
    const files = pretendCommand(recipe('scratch'), { base }).files;
    expect(files.find((f) => f.path === '/etc/portage/profile/package.provided')?.content).toContain('sys-libs/glibc-2.40-r5');
    expect(pretendCommand(recipe('scratch')).files.some((f) => f.path === '/etc/portage/profile/package.provided')).toBe(false);
  });

  it('reads the cache volumes of the namespace the build uses (the default one unless told)', () => {
    const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: null };
    const names = (namespace?: string | null) => pretendCommand(recipe('commit'), { base, ...(namespace === undefined ? {} : { namespace }) }).caches.map((c) => c.name);
    expect(names()).toEqual(['gentoo-wb-distfiles', expect.stringMatching(/^gentoo-wb-binpkgs-[0-9a-f]{12}$/)]);
    expect(names('test-1a2b3c')).toEqual(['gentoo-wb-test-1a2b3c-distfiles', expect.stringMatching(/^gentoo-wb-test-1a2b3c-binpkgs-[0-9a-f]{12}$/)]);
  });

  it('--tree is added on request', () => {
    expect(pretendCommand(recipe('commit'), { tree: true }).argv.slice(0, 5)).toEqual(['emerge', '--pretend', '--autounmask=y', '--autounmask-write=n', '--tree']);
  });

  it('scratch installs into ROOT=/destination', () => {
    const cmd = pretendCommand(recipe('scratch'));
    expect(cmd.env.ROOT).toBe('/destination');
    expect(cmd.argv.at(-1)).toBe('net-misc/hurl');
  });

  it('stage4 rebuilds @world with --emptytree; minimal updates @world with -uDN', () => {
    const stage4 = pretendCommand(recipe('stage4', []));
    expect(stage4.argv).toContain('--emptytree');
    expect(stage4.argv).toContain('@world');
    expect(stage4.env.ROOT).toBeUndefined();
    const minimal = pretendCommand(recipe('minimal', ['app-misc/hello']));
    expect(minimal.argv).toEqual(expect.arrayContaining(['--update', '--deep', '--newuse', '@world', 'app-misc/hello']));
  });

  it('uploads the recipe\'s package.* files', () => {
    const r = recipe('commit');
    r.packageUse.push({ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] });
    const files = pretendCommand(r).files;
    expect(files.find((f) => f.path === '/etc/portage/package.use/gentoo-wb')?.content).toContain('>=net-misc/curl-8.11.1 http2\n');
  });

  it('runs without a network unless emerge would read a binhost index', () => {
    const r = recipe('commit');
    expect(pretendCommand(r).network).toBe('none');
    expect(pretendCommand({ ...r, makeConf: { ...r.makeConf, FEATURES: `${r.makeConf.FEATURES} getbinpkg` } }).network).toBe('default');
    expect(pretendCommand({ ...r, makeConf: { ...r.makeConf, EMERGE_DEFAULT_OPTS: '--getbinpkg --jobs=2' } }).network).toBe('default');
    const network = (makeConf: Record<string, string>) => pretendCommand({ ...r, makeConf: { ...r.makeConf, ...makeConf } }).network;
    // -g bundled with other short options reads a binhost; --getbinpkg=n does not.
    expect(network({ EMERGE_DEFAULT_OPTS: '-uDNg' })).toBe('default');
    expect(network({ EMERGE_DEFAULT_OPTS: '--getbinpkg=n' })).toBe('none');
    // FEATURES is incremental: the last mention wins.
    expect(network({ FEATURES: 'getbinpkg -getbinpkg' })).toBe('none');
    expect(network({ FEATURES: '-getbinpkg getbinpkg', EMERGE_DEFAULT_OPTS: '-j3' })).toBe('default');
  });
});
