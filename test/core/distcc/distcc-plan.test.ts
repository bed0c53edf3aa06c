import { describe, expect, it } from 'vitest';
import { distccSettings } from '../../../src/core/distcc/distcc-hosts.js';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import type { BuildPlan } from '../../../src/core/plan/plan-types.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { BuildModeKind } from '../../../src/core/recipe/recipe-schema.js';

const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: 'sys-libs/glibc-2.40-r5', makeConf: null };
const settings = distccSettings([{ engine: 'second', address: '10.213.0.2', port: 49153, jobs: 2 }], 2, 0);

function plan(packages: string[], mode: BuildModeKind = 'commit', withDistcc = true): BuildPlan {
  const recipe = newRecipe({ name: 'x', base: 'b:1', packages, mode });
  const result = planBuild({ recipe, base, sandbox: { unshare: false }, ...(withDistcc ? { distcc: settings } : {}) });
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

describe('distcc in the plan', () => {
  it('installs distcc first, gives every emerge step FEATURES=distcc, DISTCC_HOSTS, MAKEOPTS and a DISTCC_DIR the runner removes, and unmerges it last', () => {
    const p = plan(['app-misc/newtool']);
    expect(p.steps.map((s) => s.id)).toEqual(['distcc-install', 'emerge', 'distcc-remove']);
    const [install, emerge, remove] = p.steps;
    expect(install!.argv).toEqual(['/bin/sh', '-c', '[ -e /var/cache/edb/vdb_blockers.pickle ] || : > /var/lib/gentoo-wb/distcc-no-blocker-cache; exec "$@"', 'sh', 'emerge', '--oneshot', '--verbose', '--color=n', '--usepkg', '--buildpkg', 'sys-devel/distcc']);
    expect(install!.env.FEATURES ?? '').not.toContain('distcc');
    expect(emerge!.env).toMatchObject({ DISTCC_HOSTS: '10.213.0.2:49153/2', MAKEOPTS: '-j9 -l2', DISTCC_DIR: '/var/lib/gentoo-wb/distcc' });
    // The recipe's make.conf already turns the sandboxes off: Portage adds env FEATURES to make.conf's.
    expect(emerge!.env.FEATURES).toBe('distcc');
    expect(remove!.argv).toEqual(['/bin/sh', '-c', 'if portageq has_version / sys-devel/distcc; then emerge --unmerge --color=n sys-devel/distcc || exit; rmdir /var/tmp/portage/._unmerge_ 2>/dev/null; fi; if [ -e /var/lib/gentoo-wb/distcc-no-blocker-cache ]; then rm -f /var/cache/edb/vdb_blockers.pickle /var/lib/gentoo-wb/distcc-no-blocker-cache; fi; exit 0']);
    expect(remove!.env).toEqual({ CLEAN_DELAY: '0' });
    expect(p.notes).toContain('distcc: DISTCC_HOSTS="10.213.0.2:49153/2" MAKEOPTS="-j9 -l2" for the emerge steps');
  });

  it('build --plan without helpers yet: the note says when DISTCC_HOSTS and MAKEOPTS are known', () => {
    const recipe = { ...newRecipe({ name: 'x', base: 'b:1', packages: ['app-misc/newtool'] }), distcc: { engines: ['second'], helpers: 1, localJobs: 0 } };
    const result = planBuild({ recipe, base, sandbox: { unshare: false } });
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan.steps.map((s) => s.id)).toEqual(['emerge']);
    expect(result.plan.notes.join('\n')).toMatch(/^distcc: distccd helpers start on second when the build does/);
  });

  it('keeps distcc out of make.conf and the container environment (a commit would copy them into the image)', () => {
    const p = plan(['app-misc/newtool']);
    const makeConf = p.files.find((f) => f.path === '/etc/portage/make.conf')!.content;
    expect(makeConf).not.toMatch(/distcc|DISTCC/);
    expect(makeConf).toContain('MAKEOPTS="-j1"');
    expect(p.container.env).toEqual({});
  });

  it('keeps distcc in the image when the recipe builds it, and leaves plans without the option as they were', () => {
    expect(plan(['sys-devel/distcc', 'app-misc/newtool']).steps.map((s) => s.id)).toEqual(['distcc-install', 'emerge']);
    const without = plan(['app-misc/newtool'], 'commit', false);
    expect(without.steps.map((s) => s.id)).toEqual(['emerge']);
    expect(JSON.stringify(without.steps)).not.toMatch(/distcc/i);
  });

  it('wraps every mode: the remove step is the last container step', () => {
    for (const mode of ['scratch', 'stage4', 'minimal'] as const) {
      const ids = plan(['app-misc/newtool'], mode).steps.map((s) => s.id);
      expect(ids[0]).toBe('distcc-install');
      expect(ids.at(-1)).toBe('distcc-remove');
    }
  });
});
