import { describe, expect, it } from 'vitest';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import { formatPlan } from '../../../src/core/plan/format-plan.js';
import { binpkgVolume, effectiveMakeConf } from '../../../src/core/plan/shared-pieces.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';

const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: 'sys-libs/glibc-2.40-r5' };

function recipe() {
  const r = newRecipe({ name: 'hello', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello', 'net-misc/curl'], tags: ['me/hello:1'], portageImage: 'gentoo/portage:latest', sizing: { jobs: 3, makeopts: '-j3 -l4' }, entrypoint: ['/usr/bin/hello'] });
  r.makeConf.FEATURES = '';
  return r;
}

describe('commit-mode plan', () => {
  it('emerges the packages with jobs, binary packages and keep-going, then commits and smoke-tests', () => {
    const result = planBuild({ recipe: recipe(), base, sandbox: { unshare: false } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const plan = result.plan;
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]!.argv).toEqual([
      'emerge', '--verbose', '--jobs=3', '--keep-going', '--usepkg', '--buildpkg', '--binpkg-respect-use=y', '--color=n', 'app-misc/hello', 'net-misc/curl',
    ]);
    expect(plan.steps[0]!.env).toEqual({ FEATURES: '-ipc-sandbox -network-sandbox -pid-sandbox' });
    expect(plan.finish.map((f) => f.kind)).toEqual(['commit', 'smoke-test']);
    expect(plan.container.portageSnapshotImage).toBe('gentoo/portage:latest');
    expect(plan.container.mounts.map((m) => m.target)).toEqual(['/var/cache/distfiles', '/var/cache/binpkgs']);
    expect(plan.files.map((f) => f.path)).toContain('/etc/portage/make.conf');
    expect(plan.files.map((f) => f.path)).toContain('/var/lib/gentoo-wb/steps/01-emerge/argv');
    expect(formatPlan(plan)).toMatch(/1\. emerge app-misc\/hello net-misc\/curl\n {5}FEATURES='-ipc-sandbox -network-sandbox -pid-sandbox' emerge --verbose --jobs=3/);
  });

  it('leaves the sandboxes alone when unshare works', () => {
    const result = planBuild({ recipe: recipe(), base, sandbox: { unshare: true } });
    expect(result.ok && result.plan.steps[0]!.env).toEqual({});
  });

  it('keys the binary package volume by CHOST and the expanded CFLAGS', () => {
    const r = recipe();
    const vol = (cflags: string) => binpkgVolume('x86_64-pc-linux-gnu', cflags);
    const result = planBuild({ recipe: r, base, sandbox: { unshare: true } });
    const mount = result.ok ? result.plan.container.mounts.find((m) => m.kind === 'volume' && m.role === 'binpkgs') : undefined;
    expect(mount && mount.kind === 'volume' && mount.name).toBe(vol('-O2 -pipe'));
    expect(vol('-O2 -pipe')).not.toBe(vol('-march=native -O2 -pipe'));
    expect(binpkgVolume('aarch64-unknown-linux-gnu', '-O2 -pipe')).not.toBe(vol('-O2 -pipe'));
    expect(effectiveMakeConf({ A: '-O2', CFLAGS: '${A} -pipe $A' }).CFLAGS).toBe('-O2 -pipe -O2');
  });

  it('a planner that refuses a recipe becomes a problem instead of a plan (every mode has a planner now)', () => {
    const r = recipe();
    r.mode = { kind: 'stage4', march: 'not a march', optimize: '-O2', passes: 1, allowPtrace: false };
    const result = planBuild({ recipe: r, base, sandbox: { unshare: true } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(/is not a -march value/);
  });
});
