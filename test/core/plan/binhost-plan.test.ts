import { describe, expect, it } from 'vitest';
import { profileParts, resolveBinhosts } from '../../../src/core/plan/binhost-plan.js';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import { formatPlan } from '../../../src/core/plan/format-plan.js';
import { buildCacheKey } from '../../../src/core/plan/shared-pieces.js';
import { planPretend } from '../../../src/core/pretend/pretend-plan.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';

// A Gentoo stage3's make.profile link, as `readlink /etc/portage/make.profile` prints it.
const PROFILE = '../../var/db/repos/gentoo/profiles/default/linux/amd64/23.0/systemd';
const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: 'sys-libs/glibc-2.40-r5', makeConf: null, profile: PROFILE };

function recipe(binaries: Recipe['binaries'], binpkgs = true): Recipe {
  const r = newRecipe({ name: 'hello', base: 'gentoo/stage3:amd64-systemd', packages: ['app-misc/hello'], sizing: { jobs: 2, makeopts: '-j2' } });
  r.makeConf.FEATURES = '';
  return { ...r, binaries, caches: { ...r.caches, binpkgs } };
}

function plan(r: Recipe, served = {}) {
  const result = planBuild({ recipe: r, base, sandbox: { unshare: true }, served });
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

const file = (p: ReturnType<typeof plan>, path: string) => p.files.find((f) => f.path === path)?.content;

describe('profile parts', () => {
  it('reads architecture and version from a make.profile link or an emerge --info profile', () => {
    expect(profileParts(PROFILE)).toEqual({ arch: 'amd64', version: '23.0' });
    expect(profileParts('default/linux/arm64/23.0/split-usr (stable)')).toEqual({ arch: 'arm64', version: '23.0' });
    expect(profileParts('../../var/db/repos/gentoo/profiles/test/amd64')).toBeNull();
    expect(profileParts(null)).toBeNull();
  });
});

describe("Gentoo's official binhost", () => {
  it('renders the stage3 file layout with priority, sync-uri and verify-signature, runs getuto first, and fetches with --getbinpkg', () => {
    const p = plan(recipe({ hosts: [{ kind: 'gentoo', variant: 'x86-64-v3' }], onMissing: 'compile' }, false));
    expect(file(p, '/etc/portage/binrepos.conf/gentoobinhost.conf')).toBe(
      '# Written by gentoo-wb from the recipe; edit the recipe, not this file.\n'
      + '[gentoobinhost]\npriority = 10\nsync-uri = https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64-v3/\nverify-signature = true\n',
    );
    expect(p.steps.map((s) => s.id)).toEqual(['getuto', 'emerge']);
    expect(p.steps[0]!.argv).toEqual(['getuto']);
    expect(p.steps[1]!.argv).toEqual(['emerge', '--verbose', '--jobs=2', '--keep-going', '--getbinpkg', '--binpkg-respect-use=y', '--color=n', 'app-misc/hello']);
    // The only binary source is signed: Portage may insist on signatures for every package.
    expect(p.steps[1]!.env.FEATURES).toBe('getbinpkg binpkg-request-signature');
    expect(p.container.network).toBeNull();
  });

  it('leaves binpkg-request-signature out when unsigned packages (the local cache) are also used', () => {
    const p = plan(recipe({ hosts: [{ kind: 'gentoo', variant: 'x86-64' }], onMissing: 'fail' }, true));
    expect(p.steps[1]!.env.FEATURES).toBe('getbinpkg');
    expect(p.steps[1]!.argv).toEqual(expect.arrayContaining(['--usepkg', '--buildpkg', '--getbinpkg', '--getbinpkgonly']));
    expect(file(p, '/etc/portage/binrepos.conf/gentoobinhost.conf')).toContain('/23.0/x86-64/\nverify-signature = true\n');
  });

  it('refuses a base whose profile names no version, and a non-amd64 profile', () => {
    const r = recipe({ hosts: [{ kind: 'gentoo', variant: 'x86-64' }], onMissing: 'compile' });
    const noVersion = planBuild({ recipe: r, base: { ...base, profile: '../../var/db/repos/gentoo/profiles/test/amd64' }, sandbox: { unshare: true } });
    expect(noVersion.ok).toBe(false);
    expect(!noVersion.ok && noVersion.problem).toMatch(/profile "\.\.\/\.\.\/var\/db\/repos\/gentoo\/profiles\/test\/amd64" names no architecture and profile version/);
    const arm = planBuild({ recipe: r, base: { ...base, profile: 'default/linux/arm64/23.0' }, sandbox: { unshare: true } });
    expect(!arm.ok && arm.problem).toMatch(/for amd64, and the base's profile is for arm64/);
  });
});

describe('binhosts of your own', () => {
  it('writes one unsigned section per URL, first listed preferred, and replaces the stage3 gentoobinhost.conf', () => {
    const p = plan(recipe({ hosts: [{ kind: 'url', url: 'http://binhost.lan:8080/amd64/' }, { kind: 'url', url: 'https://mirror.example.org/bin' }], onMissing: 'compile' }));
    expect(file(p, '/etc/portage/binrepos.conf/gentoo-wb-binhost.lan-8080.conf')).toBe(
      '# Written by gentoo-wb from the recipe; edit the recipe, not this file.\n[binhost.lan-8080]\npriority = 20\nsync-uri = http://binhost.lan:8080/amd64/\nverify-signature = false\n',
    );
    expect(file(p, '/etc/portage/binrepos.conf/gentoo-wb-mirror.example.org.conf')).toContain('priority = 10\n');
    expect(file(p, '/etc/portage/binrepos.conf/gentoobinhost.conf')).not.toContain('[');
    expect(p.steps.map((s) => s.id)).toEqual(['emerge']);
    expect(p.steps[0]!.env).toEqual({ FEATURES: 'getbinpkg' });
  });

  it('a served binhost becomes its URL in its network; pretend uses the same files, argv and network', () => {
    const r = recipe({ hosts: [{ kind: 'served', name: 'lan' }], onMissing: 'fail' });
    const served = { lan: { name: 'lan', key: buildCacheKey(r, base), running: true, url: 'http://gwb-binhost-lan:8200/', network: 'gwb-net' } };
    const p = plan(r, served);
    expect(p.container.network).toBe('gwb-net');
    expect(formatPlan(p)).toContain("  network: gwb-net (a served binhost's)\nBinhosts (binrepos.conf, most preferred first):\n  [served-lan] http://gwb-binhost-lan:8200/\nFiles uploaded:");
    expect(p.binhosts).toEqual([{ section: 'served-lan', url: 'http://gwb-binhost-lan:8200/', source: { kind: 'served', name: 'lan' } }]);
    expect(file(p, '/etc/portage/binrepos.conf/gentoo-wb-served-lan.conf')).toContain('[served-lan]\npriority = 10\nsync-uri = http://gwb-binhost-lan:8200/\nverify-signature = false\n');
    const pretend = planPretend(r, { base, served, sandbox: { unshare: true } });
    expect(pretend.ok).toBe(true);
    if (!pretend.ok) return;
    expect(pretend.command.network).toBe('gwb-net');
    expect(pretend.command.argv).toEqual(expect.arrayContaining(['--getbinpkg', '--getbinpkgonly']));
    expect(pretend.command.files.map((f) => f.path)).toEqual(p.files.filter((f) => f.path.startsWith('/etc/portage/')).map((f) => f.path));
  });

  it('refuses a served binhost that is missing, stopped or of another cache key, saying why', () => {
    const r = recipe({ hosts: [{ kind: 'served', name: 'lan' }], onMissing: 'compile' });
    const key = buildCacheKey(r, base);
    const resolve = (found: Parameters<typeof resolveBinhosts>[0]['served'][string]) => resolveBinhosts({ binaries: r.binaries, profile: PROFILE, cacheKey: key, served: { lan: found } });
    expect(resolve(null)).toEqual({ ok: false, problem: expect.stringMatching(/no binhost called "lan" is served here/) });
    expect(resolve({ name: 'lan', key, running: false, url: 'http://x:1/', network: null })).toEqual({ ok: false, problem: expect.stringMatching(/"lan" is not running/) });
    expect(resolve({ name: 'lan', key: 'abcdef123456', running: true, url: 'http://x:1/', network: null })).toEqual({ ok: false, problem: expect.stringMatching(/another CHOST\/CFLAGS \(cache key abcdef123456; this build's is [0-9a-f]{12}\); its packages would install wrong binaries/) });
  });

  it('pretend without a binhost keeps no network', () => {
    const pretend = planPretend(recipe({ hosts: [], onMissing: 'compile' }), { base });
    expect(pretend.ok && pretend.command.network).toBe('none');
    const withUrl = planPretend(recipe({ hosts: [{ kind: 'url', url: 'http://h/' }], onMissing: 'compile' }), { base });
    expect(withUrl.ok && withUrl.command.network).toBe('default');
  });
});
