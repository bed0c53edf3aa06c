// The bodies of `gentoo-wb binhost serve|status|stop`.
import { formatProblem } from '../core/recipe/recipe-problems.js';
import { binhostNameProblem, cacheKeyProblem, DEFAULT_BINHOST_NAME, DEFAULT_HOST_PORT, parsePort } from '../engine/binhost/binhost-names.js';
import { binhostSourceOfKey, binhostSourceOfRecipe } from '../engine/binhost/binhost-source.js';
import { binhostStatuses } from '../engine/binhost/binhost-status.js';
import { serveBinhost, type ServeStep } from '../engine/binhost/serve-binhost.js';
import { chooseBinhost, stopBinhost } from '../engine/binhost/stop-binhost.js';
import { listServedBinhosts } from '../engine/binhost/find-served-binhost.js';
import { currentNamespace } from '../engine/docker/object-names.js';
import { loadRecipeFile } from '../engine/recipes/recipe-store.js';
import { serveDocument, serveText, STATUS_HEADER, statusRows } from './binhost-text.js';
import { connectForCommand, formatTable, printJson, runCommand, type EngineFlags } from './output.js';
import { EXIT_OK, UsageError } from './usage-error.js';
import { sanitizeLines } from '../core/format/sanitize.js';

export interface ServeFlags extends EngineFlags {
  recipe?: string;
  key?: string;
  name?: string;
  port?: string;
  network?: string;
  image?: string;
  json?: boolean;
}

const STEP_TEXT: Record<ServeStep, string> = {
  check: 'checking the request',
  index: 'refreshing the Packages index (emaint binhost --fix)',
  start: 'starting the HTTP server',
  probe: 'asking it for /Packages',
};

export async function runServeCommand(flags: ServeFlags): Promise<void> {
  await runCommand(async () => {
    // Usage mistakes first: nothing is asked of the engine for a request that cannot be right.
    if ((flags.recipe === undefined) === (flags.key === undefined)) throw new UsageError('give one of --recipe FILE and --key CACHEKEY (which binary package cache to serve)');
    const name = flags.name ?? DEFAULT_BINHOST_NAME;
    const nameProblem = binhostNameProblem(name);
    if (nameProblem !== null) throw new UsageError(`--name: ${nameProblem}`);
    const port = parsePort(flags.port ?? String(DEFAULT_HOST_PORT));
    if (!port.ok) throw new UsageError(port.problem);
    if (flags.key !== undefined) {
      const keyProblem = cacheKeyProblem(flags.key);
      if (keyProblem !== null) throw new UsageError(`--key: ${keyProblem}`);
    }
    if (flags.network !== undefined && flags.network.trim() === '') throw new UsageError('--network needs a network name');
    const namespace = currentNamespace();
    let recipe = null;
    if (flags.recipe !== undefined) {
      const loaded = await loadRecipeFile(flags.recipe);
      if (!loaded.ok) throw new UsageError(`${flags.recipe} is not a usable recipe:\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
      recipe = loaded.recipe;
    }
    const { docker } = await connectForCommand(flags);
    const source = recipe !== null ? await binhostSourceOfRecipe(docker, recipe, namespace, flags.image) : await binhostSourceOfKey(flags.key!, namespace, flags.image);
    const result = await serveBinhost(docker, { name, key: source.key, volume: source.volume, image: source.image, port: port.port, network: flags.network ?? null, namespace }, (step) => {
      if (!flags.json) process.stderr.write(`${STEP_TEXT[step]} …\n`);
    });
    const { binhost, probe } = result;
    // serveBinhost returns only a binhost whose /Packages answered.
    if (flags.json) printJson(serveDocument(binhost, result.image, probe.packages, probe.answers));
    else process.stdout.write(sanitizeLines(serveText(binhost, result.image, probe.packages)));
    process.exitCode = EXIT_OK;
  });
}

export async function runStatusCommand(flags: EngineFlags & { json?: boolean }): Promise<void> {
  await runCommand(async () => {
    const namespace = currentNamespace();
    const { docker } = await connectForCommand(flags);
    const list = await binhostStatuses(docker, namespace);
    if (flags.json) {
      printJson(list.map((b) => ({ ...b, answers: b.probe?.answers === true && b.probe.problem === null, packages: b.probe?.packages ?? null })));
      return;
    }
    if (list.length === 0) {
      process.stdout.write('no binhost is served (gentoo-wb binhost serve --recipe FILE starts one)\n');
      return;
    }
    process.stdout.write(formatTable(STATUS_HEADER, statusRows(list)));
  });
}

export async function runStopCommand(name: string | undefined, flags: EngineFlags): Promise<void> {
  await runCommand(async () => {
    const namespace = currentNamespace();
    const { docker } = await connectForCommand(flags);
    const binhost = chooseBinhost(await listServedBinhosts(docker, namespace), name);
    await stopBinhost(docker, binhost);
    process.stdout.write(sanitizeLines(`stopped binhost ${binhost.name} (removed container ${binhost.containerName}; the cache volume ${binhost.volume} stays)\n`));
  });
}
