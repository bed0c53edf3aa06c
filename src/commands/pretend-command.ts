// The body of `gentoo-wb pretend`: load the recipe, connect, run emerge --pretend in a throwaway
// container, print the report (or JSON), optionally write Portage's changes into the recipe and
// check again. Exit 0 when Portage accepts the list, 1 when it refuses, 2 for usage mistakes.
import { applyPretendChanges, describeApplied } from '../core/pretend/apply-changes.js';
import { formatProblem } from '../core/recipe/recipe-problems.js';
import type { Recipe } from '../core/recipe/recipe-schema.js';
import { buildEnvFrom } from '../engine/build/build-env.js';
import type { EngineConnection } from '../engine/docker/index.js';
import { pretendJson } from '../core/forecast/forecast-json.js';
import type { PretendRun } from '../engine/pretend/run-pretend.js';
import { runForecast, type ForecastRun } from '../engine/forecast/run-forecast.js';
import { loadRecipeFile, saveRecipeFile } from '../engine/recipes/recipe-store.js';
import { pretendReport } from './pretend-report.js';
import { connectForCommand, printJson, runCommand, type EngineFlags } from './output.js';
import { engineFlagsFor } from './recipe-engine.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './usage-error.js';

export interface PretendFlags extends EngineFlags {
  json?: boolean;
  tree?: boolean;
  apply?: boolean;
}

/** Exit code for a finished run: Portage accepted the list, or it did not. */
function exitCodeForRun(run: PretendRun): number {
  return run.verdict.kind === 'mergeable' || run.verdict.kind === 'nothing-to-merge' ? EXIT_OK : EXIT_FAILED;
}

async function once(connection: EngineConnection, recipe: Recipe, flags: PretendFlags, signal: AbortSignal): Promise<ForecastRun> {
  if (!flags.json) process.stderr.write(`pretend: ${recipe.base.image}: emerge --pretend ${recipe.packages.join(' ') || `(${recipe.mode.kind} mode)`} …\n`);
  const forecast = await runForecast(connection.docker, { recipe, tree: flags.tree ?? false, containerEnv: buildEnvFrom(process.env), signal });
  if (!flags.json) process.stderr.write(`pretend: emerge exited with ${forecast.run.exitCode} after ${(forecast.run.elapsedMs / 1000).toFixed(1)} s\n`);
  return forecast;
}

export async function runPretendCommand(recipePath: string, flags: PretendFlags): Promise<void> {
  const loaded = await loadRecipeFile(recipePath);
  if (!loaded.ok) throw new UsageError(`${recipePath} is not a usable recipe:\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  let recipe = loaded.recipe;
  // The engine the build would run on (--engine, -H/--context, else the recipe's): its tree and caches decide.
  const engineFlags = await engineFlagsFor(recipe, flags, recipePath);
  await runCommand(async (signal) => {
    const connection = await connectForCommand(engineFlags);
    let forecast = await once(connection, recipe, flags, signal);
    let run = forecast.run;
    if (flags.apply) {
      if (run.result.changes.length === 0) {
        process.stderr.write('pretend: Portage asked for no changes; the recipe is unchanged\n');
      } else {
        const applied = applyPretendChanges(recipe, run.result.changes);
        for (const line of describeApplied(applied.applied)) process.stderr.write(`pretend: ${line}\n`);
        if (applied.changed) {
          await saveRecipeFile(recipePath, applied.recipe);
          process.stderr.write(`pretend: wrote ${recipePath}; checking again\n`);
          recipe = applied.recipe;
          forecast = await once(connection, recipe, flags, signal);
          run = forecast.run;
        }
      }
    }
    if (flags.json) printJson(pretendJson(run.result, forecast.forecast));
    else process.stdout.write(pretendReport(run, recipe, Math.max(60, process.stdout.columns ?? 100), forecast.forecast));
    process.exitCode = exitCodeForRun(run);
  });
}
