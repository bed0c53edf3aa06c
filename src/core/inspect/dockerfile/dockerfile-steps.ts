// The steps a Dockerfile runs in its builder stage. With a plan, exactly the plan's container steps
// (the same argv the runner executes); without one (modes whose planner is not there yet), the
// steps the recipe implies: emerge, then for scratch images the unmerge and strip steps into ROOT.
import { emergeArgv, emergeEnv } from '../../plan/shared-pieces.js';
import type { BuildPlan, PlanMount } from '../../plan/plan-types.js';
import type { Recipe } from '../../recipe/recipe-schema.js';

/** Where a scratch build puts its root in the builder (the seeds' `ROOT=` form). */
export const SCRATCH_ROOT = '/destination';

export interface RunStep {
  title: string;
  argv: string[];
  env: Record<string, string>;
}

const STRIP_PATHS: Record<string, string[]> = {
  docs: ['usr/share/doc'],
  man: ['usr/share/man'],
  info: ['usr/share/info'],
  headers: ['usr/include'],
  pkgconfig: ['usr/lib/pkgconfig', 'usr/lib64/pkgconfig', 'usr/share/pkgconfig'],
  locales: ['usr/share/locale'],
  packageDb: ['var/db/pkg'],
  portageState: ['var/lib/portage', 'var/cache/edb'],
};

/** The builder steps for a recipe (from the plan when there is one). */
export function builderSteps(recipe: Recipe, plan: BuildPlan | null): RunStep[] {
  if (plan) return plan.steps.map((s) => ({ title: s.title, argv: s.argv, env: s.env }));
  const env = emergeEnv(recipe, { unshare: false });
  const mode = recipe.mode;
  if (mode.kind !== 'scratch') {
    return [{ title: `emerge ${recipe.packages.join(' ')}`, argv: emergeArgv(recipe, { atoms: recipe.packages }), env }];
  }
  const rootEnv = { ...env, ROOT: SCRATCH_ROOT };
  const steps: RunStep[] = [{ title: `emerge into ROOT=${SCRATCH_ROOT}`, argv: emergeArgv(recipe, { atoms: recipe.packages }), env: rootEnv }];
  if (mode.unmerge.length > 0) steps.push({ title: 'force-remove unwanted packages from ROOT', argv: ['emerge', '--unmerge', '--color=n', ...mode.unmerge], env: rootEnv });
  const strip = Object.entries(STRIP_PATHS).filter(([key]) => mode.strip[key as keyof typeof mode.strip]).flatMap(([, paths]) => paths);
  if (strip.length > 0) steps.push({ title: 'strip what a runtime image does not need', argv: ['rm', '-rf', ...strip.map((p) => `${SCRATCH_ROOT}/${p}`)], env: {} });
  if (mode.strip.staticLibs) steps.push({ title: 'remove static libraries', argv: ['find', SCRATCH_ROOT, '-name', '*.a', '-type', 'f', '-delete'], env: {} });
  steps.push({ title: 'rebuild the dynamic linker cache of ROOT', argv: ['ldconfig', '-r', SCRATCH_ROOT], env: {} });
  return steps;
}

/** The mounts of the builder's RUN lines: caches and the Portage tree. */
export function runMounts(recipe: Recipe, plan: BuildPlan | null): { flags: string[]; notes: string[] } {
  const flags: string[] = [];
  const notes: string[] = [];
  const mounts: PlanMount[] = plan?.container.mounts ?? [
    ...(recipe.caches.distfiles ? [{ kind: 'volume', name: 'gentoo-wb-distfiles', target: '/var/cache/distfiles', role: 'distfiles' } as const] : []),
    ...(recipe.caches.binpkgs ? [{ kind: 'volume', name: 'gentoo-wb-binpkgs', target: '/var/cache/binpkgs', role: 'binpkgs' } as const] : []),
    ...(recipe.caches.ccache ? [{ kind: 'volume', name: 'gentoo-wb-ccache', target: '/var/cache/ccache', role: 'ccache' } as const] : []),
  ];
  for (const m of mounts) {
    if (m.kind === 'volume') flags.push(`--mount=type=cache,id=${m.name},target=${m.target}`);
    else if (m.kind === 'tmpfs') flags.push(`--mount=type=tmpfs,target=${m.target}`);
  }
  if (recipe.portage.source === 'snapshot') {
    flags.push(`--mount=type=bind,from=${recipe.portage.image},source=/var/db/repos/gentoo,target=/var/db/repos/gentoo`);
  } else if (recipe.portage.source === 'host') {
    flags.push('--mount=type=bind,from=portage,target=/var/db/repos/gentoo');
    notes.push(`The recipe reads the Portage tree from ${recipe.portage.path} on the host: build with --build-context portage=${recipe.portage.path}`);
  }
  return { flags, notes };
}
