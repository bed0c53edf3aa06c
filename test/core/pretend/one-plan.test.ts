// One plan per mode: pretend's command, `build --plan`'s printout and the exported Dockerfile all come
// from the plan MODE_PLANNERS makes, so none of them can drift from what the build runs.
import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../src/core/inspect/dockerfile/generate-dockerfile.js';
import { execForm } from '../../../src/core/inspect/dockerfile/dockerfile-text.js';
import { MODE_PLANNERS, planBuild, type PlanInput } from '../../../src/core/plan/build-plan.js';
import { recipeForBuild } from '../../../src/core/plan/build-request.js';
import { formatPlan } from '../../../src/core/plan/format-plan.js';
import type { BuildPlan } from '../../../src/core/plan/plan-types.js';
import { pretendCommand } from '../../../src/core/pretend/pretend-plan.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { BUILD_MODES, recipeSchema, type BuildModeKind, type Recipe } from '../../../src/core/recipe/recipe-schema.js';

const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: ['/lib64/libc.so.6', '/lib64/ld-linux-x86-64.so.2'], libcPackage: 'sys-libs/glibc-2.40-r5' };
const sandbox = { unshare: false };

function recipe(mode: BuildModeKind): Recipe {
  const r = newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages: ['net-misc/hurl'], mode, sizing: { jobs: 3, makeopts: '-j3' }, portageImage: 'gentoo/portage:latest' });
  return recipeSchema.parse({ ...r, mode: { kind: mode } });
}

function modePlan(r: Recipe): BuildPlan {
  const planner = MODE_PLANNERS[r.mode.kind];
  if (!planner) throw new Error(`no planner for ${r.mode.kind}`);
  const input: PlanInput = { recipe: r, base, sandbox };
  return planner(input);
}

/** The exec-form argv of every RUN instruction (continuation lines joined). */
function runLines(dockerfile: string): string[] {
  const out: string[] = [];
  const lines = dockerfile.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('RUN ')) continue;
    let line = lines[i]!;
    while (line.endsWith(' \\')) line = lines[++i]!;
    out.push(line.slice(line.indexOf('["')));
  }
  return out;
}

/** The plan's steps as the Dockerfile must run them. */
function stepLines(plan: BuildPlan): string[] {
  return plan.steps.map((s) => {
    const env = Object.entries(s.env).map(([k, v]) => `${k}=${v}`);
    return execForm(env.length > 0 ? ['env', ...env, ...s.argv] : s.argv);
  });
}

const emergeStep = (plan: BuildPlan, r: Recipe) => plan.steps.find((s) => s.output === 'emerge' && r.packages.every((a) => s.argv.includes(a)))!;

describe.each(BUILD_MODES)('%s mode: one plan', (mode) => {
  const r = recipe(mode);
  const plan = modePlan(r);

  it('pretend runs the plan\'s merge step with --pretend, in the plan\'s image, env and /etc/portage files', () => {
    const cmd = pretendCommand(r, { base, sandbox });
    const step = emergeStep(plan, r);
    expect(step).toBeDefined();
    expect(cmd.image).toBe(plan.container.image);
    // The step's own options and atoms, in its order, behind the pretend options; only the option that
    // hides Portage's USE change requests goes. --verbose and --color=n (what the pretend reader needs)
    // come from the step itself.
    expect(cmd.argv).toEqual(['emerge', '--pretend', '--autounmask=y', '--autounmask-write=n', ...step.argv.slice(1).filter((a) => !a.startsWith('--binpkg-respect-use'))]);
    expect(cmd.argv).toEqual(expect.arrayContaining(['--verbose', '--color=n']));
    expect(cmd.argv.slice(-r.packages.length)).toEqual(r.packages);
    expect(cmd.env).toEqual({ ...plan.container.env, ...step.env });
    expect(cmd.files).toEqual(plan.files.filter((f) => f.path.startsWith('/etc/portage/')));
    expect(cmd.caches).toEqual(plan.container.mounts.filter((m) => m.kind === 'volume'));
  });

  it('build --plan prints the plan of the recipe as the build plans it', () => {
    const planned = planBuild({ recipe: recipeForBuild(r, {}), sandbox, base });
    expect(planned.ok && formatPlan(planned.plan)).toBe(formatPlan(plan));
  });

  it('the Dockerfile runs the plan\'s steps, in order: the build record\'s plan, or MODE_PLANNERS\' plan without one', () => {
    expect(runLines(generateDockerfile({ recipe: r, plan, toolVersion: '0.1.0' }))).toEqual(stepLines(plan));
    const noBase = planBuild({ recipe: r, sandbox, base: { chost: 'unknown', libcFiles: [], libcPackage: null } });
    expect(noBase.ok).toBe(true);
    if (noBase.ok) expect(runLines(generateDockerfile({ recipe: r, plan: null, toolVersion: '0.1.0' }))).toEqual(stepLines(noBase.plan));
  });

  it('build --plan honours --no-cache like the build: no cache volumes, no binary packages', () => {
    const planned = planBuild({ recipe: recipeForBuild(r, { noCache: true }), sandbox, base });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    expect(planned.plan.container.mounts.filter((m) => m.kind === 'volume')).toEqual([]);
    for (const s of planned.plan.steps) expect(s.argv).not.toContain('--usepkg');
    const text = formatPlan(planned.plan);
    expect(text).not.toMatch(/volume gentoo-wb-/);
    expect(text).not.toContain('--usepkg');
  });
});

describe('recipeForBuild', () => {
  it('--tag replaces the tags; nothing else changes without --no-cache', () => {
    const r = recipe('commit');
    expect(recipeForBuild(r, {})).toEqual(r);
    expect(recipeForBuild(r, { tags: ['x/y:1'] }).image.tags).toEqual(['x/y:1']);
    expect(recipeForBuild(r, { noCache: true }).caches).toEqual({ distfiles: false, binpkgs: false, ccache: false });
  });
});
