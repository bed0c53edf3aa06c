// `gentoo-wb builds` and `gentoo-wb attach`: what is running or ran, and following a build again.
import { sanitizeText } from '../core/format/sanitize.js';
import { wrapLine } from '../core/format/wrap.js';
import type { BuildListing } from '../engine/build/build-list.js';
import { chooseAttachTarget } from './attach-target.js';
import { engineOfBuild, listBuildsEverywhere, type EngineBuildListing } from '../engine/engines/engine-builds.js';
import { LOCAL_ENGINE } from '../engine/engines/engine-spec.js';
import { findEngine, unknownEngine } from '../engine/engines/engine-store.js';
import { attachBuild } from '../engine/build/runner.js';
import { buildFiles, readForecast } from '../engine/build/build-store.js';
import { buildHistory } from '../core/portage/eta/eta.js';
import { currentNamespace } from '../engine/docker/object-names.js';
import type { BuildFlags } from './build-flags.js';
import type { CommandContext } from './command-context.js';
import { exitCodeFor, outcomeNote } from './build-command.js';
import { eventPrinter } from './build-events-printer.js';
import { connectForCommand, formatTable, humanAge, printJson, reportFailure, type EngineFlags } from './output.js';
import { EXIT_OK, UsageError } from './usage-error.js';

/** Builds this machine knows on every engine (or flags.engine's), each engine said in one line on stderr when it does not answer. */
async function buildListings(flags: EngineFlags): Promise<EngineBuildListing[]> {
  const { builds, unreachable } = await listBuildsEverywhere({ connectLocal: async () => (await connectForCommand({ ...flags, engine: undefined })).docker, only: await onlyEngine(flags.engine) });
  for (const u of unreachable) process.stderr.write(`gentoo-wb: ${u.engine === LOCAL_ENGINE ? 'the engine' : `engine "${u.engine}"`} does not answer (${sanitizeText(u.why)}); its ${u.builds} build${u.builds === 1 ? ' is' : 's are'} listed as their state files say\n`);
  return builds;
}

/** `--engine NAME` checked against the settings before anything is listed (`local`: the default endpoint). */
async function onlyEngine(name: string | undefined): Promise<string | undefined> {
  if (name === undefined || name === LOCAL_ENGINE) return name;
  const { openSettings } = await import('../engine/settings/settings-store.js');
  const store = openSettings();
  const refused = findEngine(store, name) === null ? unknownEngine(store, name) : null;
  if (refused) throw new UsageError(`${refused.message}; ${refused.hint}`);
  return name;
}

/** True when GENTOO_WB_NAMESPACE is usable; otherwise says why and sets the exit code. */
function namespaceUsable(): boolean {
  try {
    currentNamespace();
    return true;
  } catch (err) {
    process.exitCode = reportFailure(err);
    return false;
  }
}

export async function runBuildsCommand(flags: EngineFlags & { json?: boolean }): Promise<void> {
  if (!namespaceUsable()) return;
  const builds = await buildListings(flags);
  if (flags.json) {
    printJson(builds);
    return;
  }
  if (builds.length === 0) {
    process.stdout.write('no builds yet (gentoo-wb build RECIPE starts one)\n');
    return;
  }
  process.stdout.write(
    formatTable(
      ['BUILD ID', 'ENGINE', 'RECIPE', 'MODE', 'STATUS', 'CONTAINER', 'STARTED', 'IMAGE / MESSAGE'],
      builds.map((b) => [b.id, b.engine, b.recipe, b.mode, b.status, b.container, humanAge(b.createdAt), b.image ? `${b.image.replace(/^sha256:/, '').slice(0, 12)} ${b.tags.join(' ')}` : (b.message ?? '')]),
    ),
  );
}

/** The build `attach` without an ID follows (saying which on stderr). */
async function defaultTarget(flags: EngineFlags): Promise<string> {
  const everywhere = await buildListings(flags.host !== undefined || flags.context !== undefined ? { ...flags, engine: LOCAL_ENGINE } : flags);
  const { id, note } = chooseAttachTarget(everywhere.filter((b): b is EngineBuildListing & BuildListing => b.status !== 'unknown'));
  // On a terminal, wrapped to its width, so each line is whole where the live view then starts.
  const columns = process.stderr.columns || 80;
  process.stderr.write(process.stderr.isTTY ? note.split('\n').map((line) => wrapLine(line, columns, '  ').join('\n')).join('\n') : note);
  return id;
}

export async function runAttachCommand(id: string | undefined, flags: BuildFlags, context: CommandContext): Promise<void> {
  if (flags.plain && flags.json) throw new UsageError('choose one of --plain and --json');
  if (!namespaceUsable()) return;
  let target: string;
  try {
    target = id ?? (await defaultTarget(flags));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    process.exitCode = reportFailure(err);
    return;
  }
  // Without -H/--context/--engine, the engine the build was started on (its state names it).
  const engine = flags.engine ?? (flags.host === undefined && flags.context === undefined ? await engineOfBuild(target) : undefined);
  if (!flags.plain && !flags.json && process.stdin.isTTY && process.stdout.isTTY) {
    // The workbench opens on the build's engine (a configured one, or -H/--context's endpoint).
    await context.startTui({ attachBuild: target, host: flags.host, context: flags.context, ...(engine === undefined || engine === LOCAL_ENGINE ? {} : { engine }) });
    return;
  }
  try {
    const { docker } = await connectForCommand({ ...flags, engine: engine === LOCAL_ENGINE ? undefined : engine });
    // The forecast the build's starter saved gives the attached follower the same ETA lines.
    const forecast = await readForecast(buildFiles(target));
    const eta = { forecast, history: buildHistory([]), jobs: forecast?.totals.jobs ?? 1 };
    const session = await attachBuild(target, { docker, onEvents: eventPrinter(flags.json ? 'json' : 'plain', process.stdout, () => eta) });
    // Any of Ctrl-C, SIGHUP, SIGTERM stops following; the build goes on in its container.
    let signalled: NodeJS.Signals | null = null;
    const onSignal = (name: NodeJS.Signals) => {
      if (signalled) return;
      signalled = name;
      process.stderr.write(`\n${name}: detaching from build ${target}\n`);
      session.detach();
    };
    const signals: NodeJS.Signals[] = ['SIGHUP', 'SIGINT', 'SIGTERM'];
    for (const name of signals) process.on(name, onSignal);
    let outcome;
    try {
      outcome = await session.outcome;
    } finally {
      for (const name of signals) process.off(name, onSignal);
    }
    if (outcome.kind === 'failed') process.stderr.write(`gentoo-wb: ${outcome.message}\n`);
    else process.stderr.write(outcomeNote(outcome, target, flags.json === true, false));
    process.exitCode = outcome.kind === 'detached' ? (signalled === 'SIGTERM' ? 143 : EXIT_OK) : exitCodeFor(outcome);
  } catch (err) {
    process.exitCode = reportFailure(err);
  }
}
