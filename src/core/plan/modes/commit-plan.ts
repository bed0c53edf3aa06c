// commit mode: emerge into a container from the base, then commit it with the image config.
import { basePlan, smokeTestStep, type PlanInput } from '../base-plan.js';
import type { BuildPlan, ContainerStep, FinishStep } from '../plan-types.js';
import { emergeArgv, emergeEnv } from '../shared-pieces.js';

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
