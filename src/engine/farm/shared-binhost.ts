// The farm's one shared binhost: the binary package cache of the recipes' key on one engine, served
// by `binhost serve`'s own machinery (emaint binhost --fix, then python3 -m http.server, labelled),
// or a binhost already serving that cache, which the farm then leaves as it found it. Every other
// engine gets a URL it can route to: the serving engine's host as that engine sees it.
import { createSocket } from 'node:dgram';
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { binhostContainerName, binpkgVolumeOfKey } from '../binhost/binhost-names.js';
import { findServedBinhost, listServedBinhosts, type ServedBinhost } from '../binhost/find-served-binhost.js';
import { httpUrl } from '../binhost/host-address.js';
import { serveBinhost } from '../binhost/serve-binhost.js';
import { stopBinhost } from '../binhost/stop-binhost.js';
import { createVolume, EngineError, inspectVolume } from '../docker/index.js';
import type { FarmEngine } from './farm-engines.js';

export interface SharedBinhost {
  engine: FarmEngine;
  binhost: ServedBinhost;
  key: string;
  volume: string;
  /** The image the farm's helper containers on the serving engine run (python3, Portage). */
  image: string;
  startedByFarm: boolean;
}

/** The cache volume exists (labelled as a cache, as a build makes it): a farm may start before any build filled it. */
async function ensureCacheVolume(docker: Dockerode, volume: string, namespace: string | null): Promise<void> {
  try {
    await inspectVolume(docker, volume);
  } catch (err) {
    if (!(err instanceof EngineError) || (err.kind !== 'volume-not-found' && err.kind !== 'not-found')) throw err;
    await createVolume(docker, { name: volume, labels: gentooWbLabels({ version: appVersion(), role: 'cache', cacheKey: 'binpkgs', namespace }) });
  }
}

/** A running binhost of `key` on the engine, or a new one named farm-KEY started from `image`. */
export async function startSharedBinhost(engine: FarmEngine, key: string, image: string, namespace: string | null): Promise<SharedBinhost> {
  const volume = binpkgVolumeOfKey(key, namespace);
  const existing = (await listServedBinhosts(engine.docker, namespace)).find((b) => b.key === key && b.running && b.hostUrl !== null);
  if (existing) return { engine, binhost: existing, key, volume, image, startedByFarm: false };
  const name = `farm-${key}`;
  const stale = await findServedBinhost(engine.docker, name, namespace);
  if (stale !== null) {
    throw new EngineError('conflict', `a binhost called ${name} (${binhostContainerName(name, namespace)}) exists on engine ${engine.name} but is not serving`, `remove it (gentoo-wb binhost stop ${name}${engine.buildEngine ? ` --engine ${engine.buildEngine}` : ''}) and run the farm again`);
  }
  await ensureCacheVolume(engine.docker, volume, namespace);
  const served = await serveBinhost(engine.docker, { name, key, volume, image, port: 0, network: null, namespace });
  return { engine, binhost: served.binhost, key, volume, image, startedByFarm: true };
}

/** Stop the binhost when the farm started it; one that served before the farm stays. */
export async function stopSharedBinhost(shared: SharedBinhost): Promise<void> {
  if (shared.startedByFarm) await stopBinhost(shared.engine.docker, shared.binhost);
}

/** The local address this machine sends from towards `host` (the kernel's route choice; no packet is sent). */
function sourceAddressTowards(host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const done = (value: string | null) => {
      socket.close();
      resolve(value);
    };
    socket.on('error', () => done(null));
    socket.connect(9, host, () => {
      try {
        done(socket.address().address);
      } catch {
        done(null);
      }
    });
  });
}

/**
 * The URL `engine`'s builds fetch from ('' for the serving engine: its builds mount the served cache
 * itself). A served engine on this machine (a unix socket) is reached by a remote engine at the
 * address this machine uses towards it; otherwise at the serving engine's published host address.
 */
export async function binhostUrlFor(shared: SharedBinhost, engine: FarmEngine): Promise<string> {
  if (engine.name === shared.engine.name) return '';
  const servingAddress = shared.engine.connection.endpoint.address;
  const target = engine.connection.endpoint.address;
  if (servingAddress.kind === 'unix' && target.kind !== 'unix') {
    const source = await sourceAddressTowards(target.host);
    if (source !== null) return httpUrl(source, shared.binhost.port);
  }
  if (shared.binhost.hostUrl === null) throw new EngineError('engine', `the shared binhost ${shared.binhost.name} on engine ${shared.engine.name} has no published port`, 'see `gentoo-wb binhost status` on that engine');
  return shared.binhost.hostUrl;
}
