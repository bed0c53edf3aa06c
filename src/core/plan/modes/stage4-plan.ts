// stage4 mode: the whole system rebuilt for one CPU: CFLAGS with -march (native or a named level)
// and -O2/-Os, `emerge --emptytree @world` (optionally a second pass with the rebuilt toolchain),
// then a commit labelled with the -march and the CPU flags it means. SYS_PTRACE only when the
// C library is rebuilt and the user agreed.
import { LABEL } from '../../labels.js';
import { recipeHash } from '../../recipe/recipe-hash.js';
import { basePlan, smokeTestStep, type PlanInput } from '../base-plan.js';
import type { BuildPlan, ContainerStep, FinishStep } from '../plan-types.js';
import { emergeArgv, emergeEnv } from '../shared-pieces.js';
import { helperFiles, helperPath } from './helper-scripts.js';
import { CPU_FACTS_PATH } from './mode-paths.js';
import { baselineMarch, marchProblem, targetMakeConf } from './stage4-cpu.js';

const PTRACE_REASON =
  'SYS_PTRACE is added because the C library (glibc) is rebuilt: its build and Portage\'s sandbox trace processes (ptrace); it lets processes in the build container inspect and control each other, nothing outside it';

/** The plan of a stage4-mode recipe. */
export function planStage4(input: PlanInput): BuildPlan {
  const { recipe, base, sandbox } = input;
  if (recipe.mode.kind !== 'stage4') throw new Error(`planStage4 got a ${recipe.mode.kind}-mode recipe`);
  const mode = recipe.mode;
  const problem = marchProblem(mode.march);
  if (problem) throw new Error(problem);
  // The rewritten make.conf is what the build uploads and what keys the binary package cache.
  const target = { ...recipe, makeConf: targetMakeConf(recipe.makeConf, mode.march, mode.optimize) };
  const env = emergeEnv(target, sandbox);
  const atoms = ['@world', ...recipe.packages];
  const baseline = baselineMarch(base.chost);
  const steps: ContainerStep[] = [
    {
      id: 'cpu-facts',
      title: `Which CPU -march=${mode.march} means on this machine`,
      argv: [helperPath('cpu-facts'), CPU_FACTS_PATH, mode.march, ...(baseline ? [baseline] : [])],
      env: {},
      output: 'plain',
      okExitCodes: [],
    },
    {
      id: 'emerge',
      title: `emerge --emptytree ${atoms.join(' ')} (-march=${mode.march} ${mode.optimize})`,
      argv: emergeArgv(target, { extra: ['--emptytree'], atoms }),
      env,
      output: 'emerge',
      okExitCodes: [],
    },
  ];
  if (mode.passes === 2) {
    // The second pass rebuilds everything with the toolchain of the first: binary packages would defeat it.
    steps.push({
      id: 'emerge-pass2',
      title: `Second pass with the rebuilt toolchain: emerge --emptytree ${atoms.join(' ')} (no binary packages)`,
      argv: emergeArgv(target, { extra: ['--emptytree'], atoms }).filter((a) => !['--usepkg', '--usepkgonly', '--getbinpkg', '--getbinpkgonly'].includes(a)),
      env,
      output: 'emerge',
      okExitCodes: [],
    });
  }
  const finish: FinishStep[] = [
    { kind: 'commit-cpu', id: 'commit', title: `Commit the container as the image, labelled with -march=${mode.march} and its CPU flags`, config: recipe.image, factsPath: CPU_FACTS_PATH },
    ...smokeTestStep(recipe),
  ];
  const rebuilt = basePlan({ ...input, recipe: target }, steps, finish);
  const notes = [`the image is built for -march=${mode.march}: it needs a CPU with the same instruction sets (labels ${LABEL.march} and ${LABEL.cpuFlags} say which)`];
  const glibc = base.libcPackage?.startsWith('sys-libs/glibc-') ?? false;
  const capAdd: string[] = [];
  if (glibc && mode.allowPtrace) {
    capAdd.push('SYS_PTRACE');
    notes.push(PTRACE_REASON);
  } else if (glibc) {
    notes.push('the C library (glibc) is rebuilt without SYS_PTRACE; if its build fails on ptrace, allow it in the recipe (mode.allowPtrace)');
  } else if (mode.allowPtrace) {
    notes.push(`SYS_PTRACE is not added: the C library (${base.libcPackage ?? 'unknown'}) does not need it`);
  }
  return {
    ...rebuilt,
    recipeHash: recipeHash(recipe),
    container: { ...rebuilt.container, capAdd },
    files: [...rebuilt.files, ...helperFiles(['cpu-facts'])],
    notes: [...rebuilt.notes, ...notes],
  };
}
