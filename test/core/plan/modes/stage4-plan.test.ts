import { describe, expect, it } from 'vitest';
import { planBuild } from '../../../../src/core/plan/build-plan.js';
import { formatPlan } from '../../../../src/core/plan/format-plan.js';
import { CPU_FACTS_PATH } from '../../../../src/core/plan/modes/mode-paths.js';
import type { BuildPlan } from '../../../../src/core/plan/plan-types.js';
import type { BaseFacts } from '../../../../src/core/plan/shared-pieces.js';
import { binpkgVolume } from '../../../../src/core/plan/shared-pieces.js';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import { recipeHash } from '../../../../src/core/recipe/recipe-hash.js';
import { recipeSchema, type Recipe } from '../../../../src/core/recipe/recipe-schema.js';

const base = { chost: 'x86_64-pc-linux-gnu', libcPackage: 'sys-libs/glibc-2.40-r5', libcFiles: [] };

function stage4(mode: Record<string, unknown> = {}): Recipe {
  const r = newRecipe({ name: 's4', base: 'gentoo/stage3', packages: ['app-misc/hello'], tags: ['me/s4:1'], sizing: { jobs: 2, makeopts: '-j2' }, cmd: ['/usr/bin/hello'] });
  return recipeSchema.parse({ ...r, mode: { kind: 'stage4', ...mode } });
}

function plan(r: Recipe, b: BaseFacts = base): BuildPlan {
  const result = planBuild({ recipe: r, base: b, sandbox: { unshare: true } });
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

describe('stage4-mode plan', () => {
  it('reads the CPU facts, rebuilds @world and the packages with --emptytree, commits with CPU labels', () => {
    const r = stage4({ march: 'x86-64-v3', optimize: '-Os' });
    const p = plan(r);
    expect(p.steps.map((s) => s.id)).toEqual(['cpu-facts', 'emerge']);
    expect(p.steps[0]!.argv).toEqual(['/var/lib/gentoo-wb/helpers/cpu-facts', CPU_FACTS_PATH, 'x86-64-v3', 'x86-64']);
    expect(p.steps[1]!.argv).toEqual(['emerge', '--verbose', '--jobs=2', '--keep-going', '--usepkg', '--buildpkg', '--binpkg-respect-use=y', '--color=n', '--emptytree', '@world', 'app-misc/hello']);
    expect(p.finish).toEqual([
      { kind: 'commit-cpu', id: 'commit', title: 'Commit the container as the image, labelled with -march=x86-64-v3 and its CPU flags', config: r.image, factsPath: CPU_FACTS_PATH },
      { kind: 'smoke-test', id: 'smoke-test', title: 'Smoke test: run the image once', argv: null },
    ]);
    // make.conf as uploaded: COMMON_FLAGS retargeted, CFLAGS follows it.
    const makeConf = p.files.find((f) => f.path === '/etc/portage/make.conf')!.content;
    expect(makeConf).toContain('COMMON_FLAGS="-pipe -march=x86-64-v3 -Os"');
    expect(makeConf).toContain('CFLAGS="${COMMON_FLAGS}"');
    // The binary packages of this CPU target never mix with generic ones; the hash is the recipe's own.
    const volume = p.container.mounts.find((m) => m.kind === 'volume' && m.role === 'binpkgs');
    expect(volume && volume.kind === 'volume' && volume.name).toBe(binpkgVolume('x86_64-pc-linux-gnu', '-pipe -march=x86-64-v3 -Os'));
    expect(p.recipeHash).toBe(recipeHash(r));
    expect(p.notes.join('\n')).toMatch(/built for -march=x86-64-v3: it needs a CPU with the same instruction sets \(labels org.gentoo-wb.march and org.gentoo-wb.cpu-flags/);
  });

  it('a second pass rebuilds from source with the new toolchain', () => {
    const p = plan(stage4({ passes: 2 }));
    expect(p.steps.map((s) => s.id)).toEqual(['cpu-facts', 'emerge', 'emerge-pass2']);
    expect(p.steps[2]!.argv).not.toContain('--usepkg');
    expect(p.steps[2]!.argv).toContain('--buildpkg');
    expect(formatPlan(p)).toMatch(/3\. Second pass with the rebuilt toolchain: emerge --emptytree @world app-misc\/hello \(no binary packages\)/);
  });

  it('adds SYS_PTRACE only for a glibc rebuild the user agreed to, and says why either way', () => {
    expect(plan(stage4()).container.capAdd).toEqual([]);
    expect(plan(stage4()).notes.join('\n')).toMatch(/rebuilt without SYS_PTRACE; if its build fails on ptrace, allow it in the recipe \(mode.allowPtrace\)/);
    const agreed = plan(stage4({ allowPtrace: true }));
    expect(agreed.container.capAdd).toEqual(['SYS_PTRACE']);
    expect(agreed.notes.join('\n')).toMatch(/SYS_PTRACE is added because the C library \(glibc\) is rebuilt/);
    expect(formatPlan(agreed)).toContain('capabilities: SYS_PTRACE');
    const musl = plan(stage4({ allowPtrace: true }), { chost: 'x86_64-gentoo-linux-musl', libcPackage: 'sys-libs/musl-1.2.5', libcFiles: [] });
    expect(musl.container.capAdd).toEqual([]);
    expect(musl.notes.join('\n')).toMatch(/SYS_PTRACE is not added: the C library \(sys-libs\/musl-1.2.5\) does not need it/);
  });

  it('sets CFLAGS outright when the recipe has none, and refuses a -march that is not one', () => {
    const r = stage4();
    r.makeConf = { MAKEOPTS: '-j2' };
    const text = plan(r).files.find((f) => f.path === '/etc/portage/make.conf')!.content;
    expect(text).toContain('CFLAGS="-pipe -march=native -O2"');
    expect(text).toContain('CXXFLAGS="-pipe -march=native -O2"');
    const bad = planBuild({ recipe: stage4({ march: 'native; rm -rf /' }), base, sandbox: { unshare: true } });
    expect(bad).toEqual({ ok: false, problem: 'mode.march "native; rm -rf /" is not a -march value (e.g. native, x86-64-v3, znver4)' });
  });
});
