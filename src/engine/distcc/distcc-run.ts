// A build's distcc from start to end: the recipe's engines checked and connected, the base brought to
// each (copied from the build's engine when missing), the helper image made or reused there, the distccd
// helpers started, DISTCC_HOSTS and MAKEOPTS computed from their CPUs, their jobs polled from distccd's
// log for the live pane, and every helper removed when the build ends (also on failure and cancel).
import type Dockerode from 'dockerode';
import { distccSettings, jobsPerHelper, type DistccSettings } from '../../core/distcc/distcc-hosts.js';
import { LOCAL_ENGINE_WORD } from '../../core/distcc/distcc-recipe.js';
import type { DistccHelperStatus } from '../../core/distcc/distcc-status.js';
import type { BuildEvent } from '../../core/events.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { connectEngine, EngineError, imageExists, loadImages, openImageArchive, type EngineConnection } from '../docker/index.js';
import { connectNamedEngine } from '../engines/connect-named.js';
import { addressOf, bridgeSubnets, builderNetwork, engineHost, hostNetwork, isLocalSocket, publishAddress, sourceAddressToward } from './helper-address.js';
import { ensureHelperImage } from './helper-image.js';
import { helperStatus, removeHelper, startHelper, type RunningHelper } from './distccd-helpers.js';
import { unknownRecipeEngines } from './known-engines.js';
import { openSettings } from '../settings/settings-store.js';

export interface DistccRunOptions {
  /** The build's engine connection. */
  docker: Dockerode;
  recipe: Recipe;
  buildId: string;
  /** The build's configured engine (`--engine`), undefined for the default endpoint. */
  buildEngine: string | undefined;
  env?: NodeJS.ProcessEnv;
  emit: (events: BuildEvent[]) => void;
  signal?: AbortSignal;
}

export interface DistccRun {
  settings: DistccSettings;
  helpers: RunningHelper[];
  /** Read the helpers' logs and emit their status when it changed. */
  poll(): Promise<void>;
  /** Poll every `ms` until stop(). */
  follow(ms: number): void;
  /** Remove every helper (once); sentences of what could not be removed. */
  stop(): Promise<string[]>;
}

const POLL_MS = 5000;
export { POLL_MS as DISTCC_POLL_MS };

interface EngineInfoFacts { id: string; cpus: number; arch: string }

async function facts(docker: Dockerode): Promise<EngineInfoFacts> {
  const info = (await docker.info()) as { ID?: string; NCPU?: number; DockerRootDir?: string; Name?: string; Architecture?: string };
  // Docker 20.10 derives ID from /etc/docker/key.json, which two daemons of one host share: the data root tells them apart.
  return { id: info.ID ? `${info.ID} ${info.Name ?? ''} ${info.DockerRootDir ?? ''}` : '', cpus: info.NCPU ?? 1, arch: info.Architecture ?? '' };
}

async function connectByName(name: string, env: NodeJS.ProcessEnv): Promise<EngineConnection> {
  return name === LOCAL_ENGINE_WORD ? connectEngine({ env }) : connectNamedEngine(name, { env });
}

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('aborted', 'cancelled while starting the distccd helpers', 'nothing to do');
}

/** Start the recipe's helpers; whatever fails or is cancelled removes the helpers made so far. */
export async function startDistccRun(o: DistccRunOptions): Promise<DistccRun> {
  const distcc = o.recipe.distcc!;
  const env = o.env ?? process.env;
  const unknown = unknownRecipeEngines({ ...o.recipe, engine: undefined }, openSettings(env));
  if (unknown.length > 0) throw new EngineError('endpoint', `${unknown.map((u) => `${u.field}: ${u.message}`).join('; ')}`, unknown[0]!.hint);
  const started = Date.now();
  // A step of its own in the stream: copying a base and making a helper image can take a minute.
  o.emit([{ type: 'step-started', step: 'distcc-helpers', title: `Start distccd helpers on ${distcc.engines.join(', ')} (the base copied and the helper image made where missing)` }]);
  const stepEnd = (ok: boolean) => o.emit([{ type: 'step-finished', step: 'distcc-helpers', ok, seconds: (Date.now() - started) / 1000 }]);
  const buildName = o.buildEngine ?? LOCAL_ENGINE_WORD;
  const helpers: RunningHelper[] = [];
  const removeAll = async () => (await Promise.all(helpers.splice(0).map(removeHelper))).filter((m): m is string => m !== null);
  let build: EngineInfoFacts = { id: '', cpus: 1, arch: '' };
  try {
    build = await facts(o.docker);
    // The build container joins a served binhost's network when the recipe has one: helpers on the
    // build's engine join it too (the default bridge does not reach into it).
    const network = await builderNetwork(o.docker, o.recipe);
    for (const name of distcc.engines) {
      aborted(o.signal);
      const conn = name === buildName ? null : await connectByName(name, env);
      const docker = conn?.docker ?? o.docker;
      const engine = conn ? await facts(docker) : build;
      const same = engine.id !== '' && engine.id === build.id;
      // The helpers run the build's base: its compiler must run there, and produce the build's machine code.
      if (engine.arch !== '' && build.arch !== '' && engine.arch !== build.arch) {
        throw new EngineError('bad-request', `engine "${name}" is ${engine.arch} and the build's engine ${build.arch}: its distccd helpers cannot run the build's base`, 'list engines of the build\'s architecture in distcc.engines (gentoo-wb engines list shows each one\'s)');
      }
      if (!same && !(await imageExists(docker, o.recipe.base.image))) {
        o.emit([{ type: 'log', text: `distcc: copying the base ${o.recipe.base.image} to engine "${name}" for its helpers` }]);
        await loadImages(docker, await openImageArchive(o.docker, [o.recipe.base.image], o.signal), o.signal ? { signal: o.signal } : {});
      }
      aborted(o.signal);
      const image = await ensureHelperImage(docker, o.recipe.base.image, o.recipe.portage, name, o.signal);
      if (image.made) o.emit([{ type: 'log', text: `distcc: made the helper image on engine "${name}" (${o.recipe.base.image} plus sys-devel/distcc) in ${image.seconds.toFixed(0)} s` }]);
      let allow: string[];
      let publishOn: string | null = null;
      let publishedHost = '';
      if (same) {
        allow = await bridgeSubnets(docker, network ?? 'bridge');
      } else {
        publishedHost = engineHost(conn!);
        publishOn = publishAddress(publishedHost);
        // The build's containers arrive from this machine's address toward that host (a build engine on
        // this machine masquerades them behind it), or from the build engine's own host.
        const local = isBuildLocal(o.docker);
        const buildHost = local ? null : buildHostOf(o.docker);
        const from = local ? await sourceAddressToward(publishedHost) : buildHost && (await addressOf(buildHost));
        allow = from ? [hostNetwork(from)] : [];
        // Another engine on this machine (rootless Docker, Podman) may see the build's bridge addresses.
        if (local && isLocalSocket(conn!)) allow.push(...(await bridgeSubnets(o.docker, network ?? 'bridge')));
      }
      if (allow.length === 0) throw new EngineError('engine', `cannot tell which address the build reaches engine "${name}" from, so its distccd could not be limited to it`, 'check that this machine has a route to that engine\'s host');
      const jobs = jobsPerHelper(engine.cpus, distcc.helpers);
      for (let i = 0; i < distcc.helpers; i++) {
        aborted(o.signal);
        helpers.push(await startHelper({ docker, engine: name, image: image.id, buildId: o.buildId, index: helpers.length, jobs, allow, publishOn, publishedHost, network: same ? network : null }));
      }
    }
  } catch (err) {
    stepEnd(false);
    const left = await removeAll();
    if (left.length > 0 && err instanceof Error) err.message += `; could not remove ${left.join(', ')}`;
    throw err;
  }
  stepEnd(true);
  const settings = distccSettings(helpers, build.cpus, distcc.localJobs);
  let statuses: DistccHelperStatus[] = helpers.map((h) => ({ engine: h.engine, address: h.address, port: h.port, jobs: h.jobs, compiles: null, otherJobs: 0, state: 'running' }));
  const emitStatus = () => o.emit([{ type: 'distcc', helpers: statuses, hosts: settings.hosts, makeopts: settings.makeopts }]);
  emitStatus();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();
  const poll = async () => {
    const next = await Promise.all(helpers.map((h, i) => helperStatus(h, statuses[i] ?? null)));
    if (JSON.stringify(next) !== JSON.stringify(statuses)) {
      statuses = next;
      emitStatus();
    }
  };
  const all = [...helpers];
  return {
    settings,
    helpers: all,
    poll: () => (polling = polling.then(poll)),
    follow(ms) {
      if (timer || stopped) return;
      timer = setInterval(() => void (polling = polling.then(poll)), ms);
      timer.unref();
    },
    async stop() {
      if (stopped) return [];
      stopped = true;
      if (timer) clearInterval(timer);
      await polling.catch(() => undefined);
      // The jobs they did, read once more before they go.
      await poll().catch(() => undefined);
      const left = await Promise.all(all.map(removeHelper));
      statuses = statuses.map((s, i) => ({ ...s, state: left[i] === null ? 'stopped' : s.state }));
      emitStatus();
      return left.filter((m): m is string => m !== null);
    },
  };
}

/** The build engine is reached through a socket on this machine. */
function isBuildLocal(docker: Dockerode): boolean {
  return typeof (docker.modem as { socketPath?: unknown }).socketPath === 'string';
}

/** The build engine's host for a tcp:// connection (ssh:// keeps it out of dockerode's modem: null). */
function buildHostOf(docker: Dockerode): string | null {
  const host = (docker.modem as { host?: unknown }).host;
  return typeof host === 'string' && host !== '' ? host : null;
}
