// The steps a Dockerfile runs in its builder stage: exactly the plan's container steps (the same argv
// the runner executes). The plan is the one the build ran, or — for a build record without one — the
// plan MODE_PLANNERS makes for the recipe now; the Dockerfile never restates a mode's steps itself.
import { planBuild } from '../../plan/build-plan.js';
import type { BuildPlan, PlanFile } from '../../plan/plan-types.js';
import { RUNNER_DIR, RUNNER_SCRIPT } from '../../plan/step-runner.js';
import type { Recipe } from '../../recipe/recipe-schema.js';

export interface RunStep {
  title: string;
  argv: string[];
  env: Record<string, string>;
}

export type DockerfilePlan = { ok: true; plan: BuildPlan } | { ok: false; problem: string };

/**
 * The plan a Dockerfile reproduces. Without base facts the binary package cache is keyed by CFLAGS
 * only and a scratch image gets no C library copied in (the plan's notes say so); without sandbox
 * facts the sandboxes are off, as BuildKit's RUN refuses unshare like an unprivileged container.
 */
export function dockerfilePlan(recipe: Recipe, plan: BuildPlan | null): DockerfilePlan {
  if (plan) return { ok: true, plan };
  return planBuild({ recipe, sandbox: { unshare: false }, base: { chost: 'unknown', libcFiles: [], libcPackage: null } });
}

/** The plan's container steps as RUN steps. */
export function builderSteps(plan: BuildPlan): RunStep[] {
  return plan.steps.map((s) => ({ title: s.title, argv: s.argv, env: s.env }));
}

/** Files the builder needs: the plan's, minus the step runner and its step folders (RUN lines replace them). */
export function builderFiles(plan: BuildPlan): PlanFile[] {
  return plan.files.filter((f) => f.path !== RUNNER_SCRIPT && !f.path.startsWith(`${RUNNER_DIR}/steps/`));
}

/** The mounts of the builder's RUN lines: the plan's caches and the Portage tree. */
export function runMounts(recipe: Recipe, plan: BuildPlan): { flags: string[]; notes: string[] } {
  const flags: string[] = [];
  const notes: string[] = [];
  for (const m of plan.container.mounts) {
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
