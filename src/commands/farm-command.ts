// The body of `gentoo-wb build R1 R2 … --engines a,b`: every refusal before any work (usage, the
// recipes, the engine names, a recipe whose `engine` field names an engine not in --engines), then the farm run, each build's events prefixed with its recipe and
// engine (--plain lines, or JSON lines carrying `recipe` and `engine`), the farm's own steps on stderr,
// and one summary at the end. Ctrl-C, SIGTERM and SIGHUP cancel every build (the farm's order and
// publishing live in this process, so it does not detach) and stop the binhost it started.
import { sanitizeText } from '../core/format/sanitize.js';
import { pinnedEngineProblem, PINNED_ENGINE_HINT } from '../core/farm/farm-schedule.js';
import { farmSummaryText } from '../core/farm/farm-summary.js';
import { formatProblem } from '../core/recipe/recipe-problems.js';
import { buildEnvFrom } from '../engine/build/build-env.js';
import { currentNamespace } from '../engine/docker/object-names.js';
import { connectFarmEngines, engineListProblem } from '../engine/farm/farm-engines.js';
import type { FarmRecipe } from '../engine/farm/farm-facts.js';
import { runFarm } from '../engine/farm/run-farm.js';
import { loadRecipeFile } from '../engine/recipes/recipe-store.js';
import { openSettings } from '../engine/settings/settings-store.js';
import type { BuildFlags } from './build-flags.js';
import { eventPrinter } from './build-events-printer.js';
import { engineFlagsFor } from './recipe-engine.js';
import { dropSelfSentSignals, reportFailure } from './output.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './usage-error.js';

/** The usage mistakes of a farm call, found from the arguments alone. */
function farmUsageProblem(recipes: readonly string[], flags: BuildFlags): string | null {
  if (flags.engines === undefined) return recipes.length > 1 ? `${recipes.length} recipes are built as a farm: say on which engines with --engines a,b (gentoo-wb engines list)` : null;
  if (recipes.length < 2) return 'a farm (--engines) builds two recipes or more; build one recipe on one engine with --engine NAME';
  if (flags.engine !== undefined) return '--engine and --engines exclude each other: a farm chooses the engine of each recipe among --engines';
  if (flags.host !== undefined || flags.context !== undefined) return '--engines excludes -H/--host and --context ("local" in --engines is the default engine)';
  if (flags.plain && flags.json) return 'choose one of --plain and --json';
  if (flags.tag !== undefined) return '--tag would give every recipe of a farm the same tag; set each recipe\'s tags in the recipe';
  if (flags.plan) return '--plan shows one build\'s plan: run `gentoo-wb build RECIPE --plan` for each recipe';
  if (flags.cache === false) return '--no-cache cannot be used in a farm: the shared binhost is the binary package cache';
  const twice = recipes.find((r, i) => recipes.indexOf(r) !== i);
  if (twice !== undefined) return `${twice} is given twice`;
  return null;
}

/** A line sink that puts `[recipe@engine] ` before every line. */
function prefixed(prefix: string): NodeJS.WritableStream {
  return { write: (text: string) => process.stdout.write(text.split('\n').filter((l) => l !== '').map((l) => `${prefix}${l}\n`).join('')) } as unknown as NodeJS.WritableStream;
}

export async function runFarmCommand(files: string[], flags: BuildFlags): Promise<void> {
  const problem = farmUsageProblem(files, flags);
  if (problem !== null) throw new UsageError(problem);
  const names = flags.engines!.split(',').map((n) => n.trim());
  const store = openSettings();
  const bad = engineListProblem(names, store);
  if (bad !== null) throw new UsageError(`${bad.message}; ${bad.hint}`);
  const recipes: FarmRecipe[] = [];
  for (const file of files) {
    const loaded = await loadRecipeFile(file);
    if (!loaded.ok) throw new UsageError(`${file} is not a usable recipe:\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\nnothing was built`);
    // The recipe's engine names (`engine`, `distcc.engines`) checked as `build` checks them, then the
    // `engine` field against --engines: a recipe is never moved off the engine it names.
    await engineFlagsFor(loaded.recipe, {}, file);
    const pinned = pinnedEngineProblem(loaded.recipe, names);
    if (pinned !== null) throw new UsageError(`${sanitizeText(pinned)} (${file}): ${PINNED_ENGINE_HINT}; nothing was built`);
    recipes.push({ file, recipe: loaded.recipe });
  }
  const namespace = currentNamespace();

  const controller = new AbortController();
  let stopping = false;
  const onSignal = (name: string) => () => {
    if (stopping) {
      process.stderr.write('still stopping the farm: cancelling its builds and removing what they made, then gentoo-wb exits\n');
      return;
    }
    stopping = true;
    process.stderr.write(`\n${name === 'SIGINT' ? 'interrupted' : name}: cancelling every build of the farm (stopping and removing what they made)\n`);
    controller.abort();
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((name) => [name, onSignal(name)] as const);
  const restoreKill = dropSelfSentSignals();
  for (const [name, handler] of handlers) process.on(name, handler);
  const note = (line: string) => process.stderr.write(`farm: ${sanitizeText(line)}\n`);
  try {
    const engines = await connectFarmEngines(names, store, namespace, { ...(flags.host ? { host: flags.host } : {}), ...(flags.context ? { context: flags.context } : {}) });
    if (controller.signal.aborted) {
      process.stderr.write('interrupted before the farm started; nothing was built\n');
      process.exitCode = EXIT_INTERRUPTED;
      return;
    }
    const summary = await runFarm({
      recipes, engines, namespace, containerEnv: buildEnvFrom(process.env), signal: controller.signal, note,
      eventsFor: (item, engine, buildId) => {
        if (flags.json) return (events) => process.stdout.write(events.map((e) => `${JSON.stringify({ recipe: item.recipe.name, engine: engine.name, build: buildId, ...e })}\n`).join(''));
        return eventPrinter('plain', prefixed(`[${item.recipe.name}@${engine.name}] `));
      },
    });
    if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'farm-summary', ...summary })}\n`);
    else process.stdout.write(farmSummaryText(summary).split('\n').map((l) => sanitizeText(l)).join('\n'));
    process.exitCode = controller.signal.aborted ? EXIT_INTERRUPTED : summary.ok ? EXIT_OK : EXIT_FAILED;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = reportFailure(err);
    process.exitCode = controller.signal.aborted ? EXIT_INTERRUPTED : code;
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
    restoreKill();
  }
}
