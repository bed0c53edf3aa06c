// The body of `gentoo-wb build`: load the recipe, connect, probe, run, print, exit 0/1/2/130.
import { formatPlan } from '../core/plan/format-plan.js';
import { recipeForBuild } from '../core/plan/build-request.js';
import { formatProblem } from '../core/recipe/recipe-problems.js';
import { prepareBuild } from '../engine/build/prepare-build.js';
import { startBuild, type BuildOutcome } from '../engine/build/runner.js';
import { buildEnvFrom } from '../engine/build/build-env.js';
import { probeSandbox } from '../engine/build/sandbox-facts.js';
import { loadRecipeFile } from '../engine/recipes/recipe-store.js';
import type { BuildFlags } from './build-flags.js';
import { forecastVsActual, totalsLines, type ForecastVsActual } from '../core/forecast/forecast-vs-actual.js';
import { buildHistory } from '../core/portage/eta/eta.js';
import { forecastBuild, type BuildForecast } from '../engine/forecast/build-forecast.js';
import { eventPrinter } from './build-events-printer.js';
import { connectForCommand, dropSelfSentSignals, reportFailure } from './output.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './usage-error.js';
import { engineFlagsFor } from './recipe-engine.js';

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
  // --engine (or -H/--context) wins; else the recipe's engine. Unknown engine names stop here.
  flags = await engineFlagsFor(recipe, flags, recipePath);
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

  // The forecast runs beside the build (a pretend of the same recipe): ETA lines, the record, the end document.
  let forecast: BuildForecast | null = null;
  const print = eventPrinter(flags.json ? 'json' : 'plain', process.stdout, () => forecast ?? { forecast: null, history: buildHistory([]), jobs: recipe.jobs.emerge });
  const sandbox = await probeSandbox(docker, recipe.base.image);
  const session = startBuild({
    docker,
    recipe,
    recipePath,
    ...(flags.tag ? { tags: flags.tag } : {}),
    noCache: flags.cache === false,
    ...(flags.engine === undefined ? {} : { engine: flags.engine }),
    sandbox,
    containerEnv: buildEnvFrom(process.env),
    onEvents: print,
  });
  const forecastStop = new AbortController();
  forecast = forecastBuild(docker, recipe, session.files, { containerEnv: buildEnvFrom(process.env), signal: forecastStop.signal });
  if (!flags.json) process.stderr.write(`build ${session.id}: logs in ${session.files.dir}\n`);
  // Ctrl-C cancels (what the build made is removed, nothing tagged); a dropped SSH session (SIGHUP) and a
  // SIGTERM detach, and the build goes on. Every signal is answered for the whole build: a second Ctrl-C
  // while the cancel removes the container says so instead of killing this process half-way.
  let stopping: 'cancel' | 'detach' | null = null;
  const onInt = () => {
    if (stopping === 'cancel') {
      process.stderr.write('still stopping the build: removing what it made, then gentoo-wb exits\n');
      return;
    }
    stopping = 'cancel';
    forecastStop.abort();
    process.stderr.write(`\ninterrupted: cancelling build ${session.id} (stopping and removing what it made)\n`);
    void session.cancel();
  };
  let terminated = false;
  const detachOn = (name: 'SIGHUP' | 'SIGTERM') => () => {
    if (stopping !== null) return;
    stopping = 'detach';
    forecastStop.abort();
    terminated = name === 'SIGTERM';
    process.stderr.write(`\n${name}: detaching from build ${session.id}\n`);
    session.detach();
  };
  const onHup = detachOn('SIGHUP');
  const onTerm = detachOn('SIGTERM');
  const restoreKill = dropSelfSentSignals();
  process.on('SIGINT', onInt);
  process.on('SIGHUP', onHup);
  process.on('SIGTERM', onTerm);
  try {
    const outcome = await session.outcome;
    if (outcome.kind !== 'detached') {
      // A forecast still running when the build ended (a binhost that does not answer) gets a little longer, then stops.
      const late = setTimeout(() => forecastStop.abort(), FORECAST_GRACE_MS);
      await forecast.ready;
      clearTimeout(late);
      const compared = forecastVsActual(forecast.forecast, print.timings());
      // The --json stream ends with the forecast next to what happened (the record keeps the same).
      if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'forecast-summary', ...compared, ...(forecast.problem ? { problem: forecast.problem } : {}) })}\n`);
      else process.stderr.write(forecastNote(compared, forecast.problem));
    }
    process.stderr.write(outcomeNote(outcome, session.id, flags.json === true, stopping === 'cancel'));
    process.exitCode = outcome.kind === 'detached' ? (terminated ? EXIT_TERMINATED : EXIT_OK) : exitCodeFor(outcome);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGHUP', onHup);
    process.off('SIGTERM', onTerm);
    restoreKill();
  }
}

/** One line after a --plain build: the forecast total against the actual one. */
function forecastNote(compared: ForecastVsActual, problem: string | null): string {
  if (!compared.forecast) return problem ? `forecast: none was made (${problem})\n` : '';
  return totalsLines(compared).map((l) => `${l}\n`).join('');
}

/** How long a build's end waits for a forecast still being made. */
const FORECAST_GRACE_MS = 30_000;

/** 128 + SIGTERM: the build was detached because this process was told to end. */
const EXIT_TERMINATED = 143;

/** The closing line on stderr: what happened to the build, in words that stay true. */
export function outcomeNote(outcome: BuildOutcome, id: string, json: boolean, interrupted: boolean): string {
  switch (outcome.kind) {
    case 'detached':
      return `detached: the build goes on; follow it with gentoo-wb attach ${id}\n`;
    case 'cancelled':
      return `${outcome.message ?? 'cancelled; nothing is tagged'}\n`;
    case 'failed':
      return json ? '' : `gentoo-wb: build failed: ${outcome.message}\n`;
    case 'lost':
      return `gentoo-wb: ${outcome.message}\n`;
    case 'succeeded':
      // A Ctrl-C that came after the image was tagged and recorded: the build stands, and says so.
      return interrupted ? `the build had already finished before the interrupt: ${outcome.image ? `image ${outcome.image.id.replace(/^sha256:/, '').slice(0, 12)} is tagged ${outcome.image.tags.join(', ') || '(no tags)'}` : 'it made no image'}\n` : '';
  }
}
