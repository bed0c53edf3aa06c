// The body of `gentoo-wb build`: load the recipe, connect, probe, run, print, exit 0/1/2/130.
import { formatPlan } from '../core/plan/format-plan.js';
import { recipeForBuild } from '../core/plan/build-request.js';
import { formatProblem } from '../core/recipe/recipe-problems.js';
import { prepareBuild } from '../engine/build/prepare-build.js';
import { startBuild, type BuildOutcome } from '../engine/build/runner.js';
import { buildEnvFrom } from '../engine/build/build-env.js';
import { probeSandbox } from '../engine/build/sandbox-facts.js';
import { loadRecipeFile } from '../engine/recipes/recipe-store.js';
import type { BuildFlags } from './build.js';
import { eventPrinter } from './build-events-printer.js';
import { connectForCommand, reportFailure } from './output.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './usage-error.js';

/** Exit code for a build's outcome. */
export function exitCodeFor(outcome: BuildOutcome): number {
  if (outcome.kind === 'succeeded') return EXIT_OK;
  if (outcome.kind === 'cancelled') return EXIT_INTERRUPTED;
  return EXIT_FAILED;
}

export async function runBuildCommand(recipePath: string, flags: BuildFlags): Promise<void> {
  if (flags.plain && flags.json) throw new UsageError('choose one of --plain and --json');
  const loaded = await loadRecipeFile(recipePath);
  if (!loaded.ok) throw new UsageError(`${recipePath} is not a usable recipe:\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  const recipe = loaded.recipe;
  let conn;
  try {
    conn = await connectForCommand(flags);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    process.exitCode = reportFailure(err);
    return;
  }
  const docker = conn.docker;

  if (flags.plan) {
    try {
      // The recipe the build would plan from: --tag and --no-cache applied as the runner applies them.
      const planned = recipeForBuild(recipe, { ...(flags.tag ? { tags: flags.tag } : {}), noCache: flags.cache === false });
      const sandbox = await probeSandbox(docker, recipe.base.image);
      // The build's own preparation (base facts, the base's make.conf, namespace), without creating caches.
      const { plan } = await prepareBuild(docker, planned, sandbox, { planOnly: true });
      process.stdout.write(`${formatPlan(plan)}\n`);
    } catch (err) {
      process.exitCode = reportFailure(err);
    }
    return;
  }

  const print = eventPrinter(flags.json ? 'json' : 'plain');
  const sandbox = await probeSandbox(docker, recipe.base.image);
  const session = startBuild({
    docker,
    recipe,
    recipePath,
    ...(flags.tag ? { tags: flags.tag } : {}),
    noCache: flags.cache === false,
    sandbox,
    containerEnv: buildEnvFrom(process.env),
    onEvents: print,
  });
  if (!flags.json) process.stderr.write(`build ${session.id}: logs in ${session.files.dir}\n`);
  // Ctrl-C cancels (nothing tagged); a dropped SSH session (SIGHUP) detaches and the build goes on.
  const onInt = () => {
    process.stderr.write('\ninterrupted: stopping and removing the build container (nothing is tagged)\n');
    void session.cancel();
  };
  const onHup = () => session.detach();
  process.once('SIGINT', onInt);
  process.once('SIGHUP', onHup);
  try {
    const outcome = await session.outcome;
    if (outcome.kind === 'detached') process.stderr.write(`detached: the build goes on; follow it with gentoo-wb attach ${session.id}\n`);
    if (outcome.kind === 'failed' && !flags.json) process.stderr.write(`gentoo-wb: build failed: ${outcome.message}\n`);
    if (outcome.kind === 'lost') process.stderr.write(`gentoo-wb: ${outcome.message}\n`);
    process.exitCode = outcome.kind === 'detached' ? EXIT_OK : exitCodeFor(outcome);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGHUP', onHup);
  }
}
