// What a build of the open recipe will do, as label/value lines for the idle Build screen: the
// recipe's facts, then the plan's steps (planning is pure and cheap; base facts refine it when the
// Base step has read them).
import { planBuild } from '../../../core/plan/build-plan.js';
import type { SandboxFacts } from '../../../core/plan/shared-pieces.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { BaseInfo } from '../../../engine/base/inspect-base.js';

export interface SummaryLine {
  label: string;
  value: string;
}

/** The recipe as the Build screen states it before building. */
export function recipeSummary(recipe: Recipe, path: string | null, dirty: boolean): SummaryLine[] {
  const lines: SummaryLine[] = [
    { label: 'Recipe', value: `${recipe.name}${path ? `  (${path}${dirty ? ', unsaved changes are built as shown' : ''})` : dirty ? '  (not saved yet)' : ''}` },
    { label: 'Base', value: recipe.base.digest ? `${recipe.base.image}@${recipe.base.digest.slice(0, 19)}` : recipe.base.image },
    { label: 'Mode', value: recipe.mode.kind },
    { label: 'Packages', value: recipe.packages.length > 0 ? `${recipe.packages.join(' ')}  (${recipe.packages.length})` : 'none' },
    { label: 'Jobs', value: `emerge --jobs ${recipe.jobs.emerge}${recipe.jobs.loadAverage ? ` --load-average ${recipe.jobs.loadAverage}` : ''}${recipe.jobs.keepGoing ? ' --keep-going' : ''}${recipe.makeConf.MAKEOPTS ? `, MAKEOPTS="${recipe.makeConf.MAKEOPTS}"` : ''}` },
    { label: 'Tags', value: recipe.image.tags.length > 0 ? recipe.image.tags.join(', ') : 'none (the image is kept by ID)' },
  ];
  return lines;
}

export type PlanSummary = { ok: true; steps: string[]; finish: string[] } | { ok: false; problem: string };

/** The plan's steps in the builder container and the finishing steps after it. */
export function planSummary(recipe: Recipe, base: BaseInfo | null, sandbox: SandboxFacts | null): PlanSummary {
  // Steps and finishing do not depend on the base facts; mounts do, and they are not shown here.
  const result = planBuild({
    recipe,
    base: { chost: base?.chost ?? 'unknown', libcFiles: base?.libcFiles ?? [], libcPackage: base?.libcPackage ?? null },
    sandbox: sandbox ?? { unshare: false },
  });
  if (!result.ok) return { ok: false, problem: result.problem };
  return { ok: true, steps: result.plan.steps.map((s) => s.title), finish: result.plan.finish.map((f) => f.title) };
}
