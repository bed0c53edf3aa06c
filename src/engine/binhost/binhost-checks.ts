// Everything `binhost serve` refuses for a simple reason, found before any work: a bad name, a name
// already served, a cache no build has filled, a missing image, a network that is not a user-defined
// one, a port someone holds. Each is one sentence with what to do.
import type Dockerode from 'dockerode';
import { dialJson } from '../docker/dial.js';
import { EngineError, toEngineError } from '../docker/errors.js';
import { inspectImage, inspectVolume } from '../docker/index.js';
import { binhostNameProblem } from './binhost-names.js';
import { findServedBinhost } from './find-served-binhost.js';
import { PORT_IN_USE_HINT, portHolder, portInUseMessage } from './port-check.js';

export interface ServeChecks {
  name: string;
  key: string;
  volume: string;
  image: string;
  /** Host port; 0: the engine picks. */
  port: number;
  network: string | null;
  namespace: string | null;
}

/** Networks every engine has: on them container names do not resolve, or there is no network at all. */
const ENGINE_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

/** Throw the first reason not to serve; return the network's own name (a given ID resolved) when all is well. */
export async function checkServeRequest(docker: Dockerode, req: ServeChecks): Promise<{ network: string | null }> {
  const nameProblem = binhostNameProblem(req.name);
  if (nameProblem !== null) throw new EngineError('bad-request', nameProblem, 'choose another --name');
  const served = await findServedBinhost(docker, req.name, req.namespace);
  if (served !== null) {
    throw new EngineError('conflict', `a binhost called ${req.name} is already served (container ${served.containerName}, key ${served.key}${served.hostUrl ? `, ${served.hostUrl}` : ''})`,
      `stop it first (gentoo-wb binhost stop ${req.name}) or choose another --name`);
  }
  try {
    await inspectVolume(docker, req.volume);
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'volume-not-found') {
      throw new EngineError('not-found', `no binary packages to serve for key ${req.key}: the cache volume ${req.volume} does not exist (no build has filled it yet)`,
        'build a recipe with that base and CFLAGS and caches.binpkgs on first (gentoo-wb build RECIPE), then serve it');
    }
    throw err;
  }
  try {
    await inspectImage(docker, req.image);
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'image-not-found') {
      throw new EngineError('image-not-found', `the image to serve from, ${req.image}, is not here`, 'pull or import it first, or name another image with python3 with --image');
    }
    throw err;
  }
  const network = req.network === null ? null : await userNetwork(docker, req.network);
  if (req.port !== 0) {
    const holder = await portHolder(docker, req.port);
    if (holder !== null) throw new EngineError('conflict', portInUseMessage(req.port, holder), PORT_IN_USE_HINT);
  }
  return { network };
}

/** The name of a user-defined network, or why it cannot be used. */
async function userNetwork(docker: Dockerode, network: string): Promise<string> {
  if (ENGINE_NETWORKS.has(network)) {
    throw new EngineError('bad-request', `--network ${network} is one of the engine's own networks, where containers cannot reach the binhost by name`,
      'create a network of your own (docker network create NAME) and give that; builds join it to fetch packages');
  }
  let raw: { Name?: string };
  try {
    raw = await dialJson<{ Name?: string }>(docker, { method: 'GET', path: `/networks/${encodeURIComponent(network)}` });
  } catch (err) {
    const e = toEngineError(err, { action: `inspect network ${network}` });
    if (e.kind === 'not-found') throw new EngineError('not-found', `there is no Docker network ${network}`, `create it (docker network create ${network}) or give an existing one (docker network ls)`);
    throw e;
  }
  const name = raw.Name ?? network;
  if (ENGINE_NETWORKS.has(name)) return userNetwork(docker, name);
  return name;
}
