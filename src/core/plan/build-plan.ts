// Recipe → plan. Each build mode has its own pure planner (modes/*-plan.ts, on the shared base in
// base-plan.ts); `planBuild` is the one entry the runner, pretend, `build --plan` and the Dockerfile call.
import type { Recipe } from '../recipe/recipe-schema.js';
import type { ModePlanner, PlanInput, PlanResult } from './base-plan.js';
import { planCommit } from './modes/commit-plan.js';
import { planMinimal } from './modes/minimal-plan.js';
import { planScratch } from './modes/scratch-plan.js';
import { planStage4 } from './modes/stage4-plan.js';

export type { ModePlanner, PlanInput, PlanResult } from './base-plan.js';

/** The planner of every mode: pretend, the build, `build --plan` and the Dockerfile all plan through it. */
export const MODE_PLANNERS: Record<Recipe['mode']['kind'], ModePlanner> = { commit: planCommit, scratch: planScratch, stage4: planStage4, minimal: planMinimal };

/** The plan for a recipe, or why there is none. */
export function planBuild(input: PlanInput): PlanResult {
  const planner = MODE_PLANNERS[input.recipe.mode.kind];
  if (!planner) return { ok: false, problem: `build mode "${input.recipe.mode.kind}" has no planner in this version` };
  try {
    return { ok: true, plan: planner(input) };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}
