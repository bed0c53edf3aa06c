// Recipe → plan. Each build mode has its own pure builder; they share the step runner, caches,
// tree source and finishing steps. `planBuild` is the one entry the runner and `build --plan` call.
import { recipeHash } from '../recipe/recipe-hash.js';
import { renderPortageFiles } from '../recipe/render-portage-files.js';
import type { Recipe } from '../recipe/recipe-schema.js';
import { binreposFiles, getutoStep, resolveBinhosts, usesOfficialBinhost, type ServedBinhostFacts } from './binhost-plan.js';
import type { BuildPlan, ContainerStep, FinishStep } from './plan-types.js';
import { buildCacheKey, emergeArgv, emergeEnv, sharedMounts, type BaseFacts, type SandboxFacts } from './shared-pieces.js';
import { stepRunnerFiles } from './step-runner.js';
import { planMinimal } from './modes/minimal-plan.js';
import { planScratch } from './modes/scratch-plan.js';
import { planStage4 } from './modes/stage4-plan.js';

export interface PlanInput {
  recipe: Recipe;
  base: BaseFacts;
  sandbox: SandboxFacts;
  /** The namespace (GENTOO_WB_NAMESPACE) the build's named objects belong to; null or absent: the default. */
  namespace?: string | null;
  /** Served binhosts the recipe names, as the engine found them (null: not served); absent: none looked up. */
  served?: Record<string, ServedBinhostFacts | null>;
}

export type PlanResult = { ok: true; plan: BuildPlan } | { ok: false; problem: string };

/** The smoke test closing every mode: the recipe's command, else the image's entrypoint/cmd, else none. */
export function smokeTestStep(recipe: Recipe): FinishStep[] {
  const argv = recipe.smokeTest?.argv ?? null;
  if (!argv && !recipe.image.entrypoint && !recipe.image.cmd) return [];
  return [{ kind: 'smoke-test', id: 'smoke-test', title: argv ? `Smoke test: ${argv.join(' ')}` : 'Smoke test: run the image once', argv }];
}

/** The parts every mode starts from: container, files, the emerge step of the recipe's packages. */
export function basePlan(input: PlanInput, modeSteps: ContainerStep[], finish: FinishStep[]): BuildPlan {
  const { recipe, base } = input;
  const binhosts = resolveBinhosts({ binaries: recipe.binaries, profile: base.profile, cacheKey: base.chost === 'unknown' ? null : buildCacheKey(recipe, base), served: input.served ?? {} });
  if (!binhosts.ok) throw new Error(binhosts.problem);
  // Gentoo documents getuto before the first emerge that fetches its signed packages.
  const steps = usesOfficialBinhost(recipe) ? [getutoStep(), ...modeSteps] : modeSteps;
  return {
    mode: recipe.mode.kind,
    recipeHash: recipeHash(recipe),
    container: {
      image: recipe.base.digest ? `${recipe.base.image.split('@')[0]}@${recipe.base.digest}` : recipe.base.image,
      env: {},
      mounts: sharedMounts(recipe, base, input.namespace ?? null),
      portageSnapshotImage: recipe.portage.source === 'snapshot' ? recipe.portage.image : null,
      capAdd: [],
      securityOpt: [],
      network: binhosts.network,
    },
    files: [...renderPortageFiles(recipe, base.makeConf), ...binreposFiles(binhosts.hosts), ...stepRunnerFiles(steps)],
    steps,
    finish,
    tags: recipe.image.tags,
    binhosts: binhosts.hosts.map((h) => ({ section: h.section, url: h.url, source: h.source })),
    notes: [],
  };
}

/** commit mode: emerge into a container from the base, then commit it with the image config. */
export function planCommit(input: PlanInput): BuildPlan {
  const { recipe, sandbox } = input;
  const emerge: ContainerStep = {
    id: 'emerge',
    title: `emerge ${recipe.packages.join(' ')}`,
    argv: emergeArgv(recipe, { atoms: recipe.packages }),
    env: emergeEnv(recipe, sandbox),
    output: 'emerge',
    okExitCodes: [],
  };
  const finish: FinishStep[] = [{ kind: 'commit', id: 'commit', title: 'Commit the container as the image', config: recipe.image }, ...smokeTestStep(recipe)];
  return basePlan(input, [emerge], finish);
}

export type ModePlanner = (input: PlanInput) => BuildPlan;

/** Planners by mode; the modes issue adds scratch, stage4 and minimal here. */
export const MODE_PLANNERS: Partial<Record<Recipe['mode']['kind'], ModePlanner>> = { commit: planCommit, scratch: planScratch, stage4: planStage4, minimal: planMinimal };

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
