// What every mode's plan starts from: the planner's input, the container, files and caches of the
// recipe, and the smoke test that closes every mode. The mode planners (modes/*-plan.ts) build on it.
import type { DistccSettings } from '../distcc/distcc-hosts.js';
import { distccNotes, withDistccSteps } from '../distcc/distcc-plan.js';
import { recipeHash } from '../recipe/recipe-hash.js';
import { renderPortageFiles } from '../recipe/render-portage-files.js';
import type { Recipe } from '../recipe/recipe-schema.js';
import { withBinaryFallback } from './binary-fallback.js';
import { binreposFiles, getutoStep, resolveBinhosts, usesOfficialBinhost, type ServedBinhostFacts } from './binhost-plan.js';
import type { BuildPlan, ContainerStep, FinishStep } from './plan-types.js';
import { buildCacheKey, sharedMounts, type BaseFacts, type SandboxFacts } from './shared-pieces.js';
import { stepRunnerFiles } from './step-runner.js';
import { baseImageRef } from '../recipe/base-image-ref.js';

export interface PlanInput {
  recipe: Recipe;
  base: BaseFacts;
  sandbox: SandboxFacts;
  /** The namespace (GENTOO_WB_NAMESPACE) the build's named objects belong to; null or absent: the default. */
  namespace?: string | null;
  /** Served binhosts the recipe names, as the engine found them (null: not served); absent: none looked up. */
  served?: Record<string, ServedBinhostFacts | null>;
  /** DISTCC_HOSTS and MAKEOPTS of the distccd helpers started for this build (recipe.distcc); absent: no distcc. */
  distcc?: DistccSettings;
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
  const own = input.distcc ? withDistccSteps(recipe, input.sandbox, modeSteps, input.distcc) : modeSteps;
  const fallback = withBinaryFallback(recipe, usesOfficialBinhost(recipe) ? [getutoStep(), ...own] : own);
  const steps = fallback.steps;
  return {
    mode: recipe.mode.kind,
    recipeHash: recipeHash(recipe),
    container: {
      image: baseImageRef(recipe),
      env: {},
      mounts: sharedMounts(recipe, base, input.namespace ?? null),
      portageSnapshotImage: recipe.portage.source === 'snapshot' ? recipe.portage.image : null,
      capAdd: [],
      securityOpt: [],
      network: binhosts.network,
    },
    files: [...renderPortageFiles(recipe, base.makeConf), ...binreposFiles(binhosts.hosts), ...stepRunnerFiles(steps), ...fallback.files],
    steps,
    finish,
    tags: recipe.image.tags,
    binhosts: binhosts.hosts.map((h) => ({ section: h.section, url: h.url, source: h.source })),
    notes: distccNotes(recipe, input.distcc),
  };
}

export type ModePlanner = (input: PlanInput) => BuildPlan;

