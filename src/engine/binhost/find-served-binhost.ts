// Served binhosts (`gentoo-wb binhost serve`) found by their labels: the one place that reads a
// binhost container back into facts (name, cache key, volume, ports, network, URLs). The recipe
// side resolves a recipe's `--binhost NAME` through findServedBinhost.
import type Dockerode from 'dockerode';
import { gentooWbLabelFilters, inNamespace, LABEL } from '../../core/labels.js';
import { dialJson } from '../docker/dial.js';
import { toEngineError } from '../docker/errors.js';
import { listContainers } from '../docker/containers.js';
import { engineHostAddress, httpUrl } from './host-address.js';
import { shortId } from '../../core/format/short-id.js';

/** A binhost container of a namespace, as other code needs it. */
export interface ServedBinhost {
  name: string;
  /** The binary package cache key (binpkgCacheKey: CHOST + CFLAGS). */
  key: string;
  /** The cache volume served (mounted read-only). */
  volume: string;
  /**
   * The port on the engine's host (what hostUrl uses); while the container is stopped and the engine
   * picked the port, the port the server listens on inside the container.
   */
  port: number;
  /** The user-defined Docker network the container joined, or null. */
  network: string | null;
  containerName: string;
  /** `http://<container name>:<port inside>/` for containers on `network`; null without one. */
  urlInNetwork: string | null;
  /** `http://<engine host address>:<published port>/`; null while no host port is known (stopped, engine-picked). */
  hostUrl: string | null;
  running: boolean;
}

interface RawInspect {
  Name: string;
  Config?: { Labels?: Record<string, string> | null };
  State?: { Running?: boolean };
  HostConfig?: { PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null };
  NetworkSettings?: { Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null };
}

/** The binhost called `name` in `namespace` (null: the default namespace), or null when none is served. */
export async function findServedBinhost(docker: Dockerode, name: string, namespace: string | null): Promise<ServedBinhost | null> {
  const found = await servedBinhostIds(docker, namespace, name);
  if (found.length === 0) return null;
  return describeBinhost(docker, found[0]!);
}

/** Every binhost container of `namespace`, sorted by name. */
export async function listServedBinhosts(docker: Dockerode, namespace: string | null): Promise<ServedBinhost[]> {
  const ids = await servedBinhostIds(docker, namespace);
  const all = await Promise.all(ids.map((id) => describeBinhost(docker, id).catch(() => null)));
  return all.filter((b): b is ServedBinhost => b !== null).sort((a, b) => a.name.localeCompare(b.name));
}

async function servedBinhostIds(docker: Dockerode, namespace: string | null, name?: string): Promise<string[]> {
  const filters = gentooWbLabelFilters({ role: 'binhost', namespace });
  if (name !== undefined) filters.push(`${LABEL.binhostName}=${name}`);
  const containers = await listContainers(docker, filters);
  return containers.filter((c) => inNamespace(c.labels, namespace)).map((c) => c.id);
}

/** Read one binhost container's labels and port bindings into a ServedBinhost (null: gone meanwhile). */
async function describeBinhost(docker: Dockerode, id: string): Promise<ServedBinhost | null> {
  let raw: RawInspect;
  try {
    raw = await dialJson<RawInspect>(docker, { method: 'GET', path: `/containers/${id}/json` });
  } catch (err) {
    const e = toEngineError(err, { action: `inspect binhost container ${shortId(id)}`, notFound: 'container', subject: shortId(id) });
    if (e.kind === 'container-not-found') return null;
    throw e;
  }
  const labels = raw.Config?.Labels ?? {};
  const containerName = raw.Name.replace(/^\//, '');
  const insidePort = Number(labels[LABEL.binhostPort] ?? '');
  const network = labels[LABEL.binhostNetwork] ? labels[LABEL.binhostNetwork]! : null;
  const running = raw.State?.Running ?? false;
  const key = `${insidePort}/tcp`;
  const published = hostPortOf(raw.NetworkSettings?.Ports?.[key]) ?? hostPortOf(raw.HostConfig?.PortBindings?.[key]);
  return {
    name: labels[LABEL.binhostName] ?? containerName,
    key: labels[LABEL.binhostKey] ?? '',
    volume: labels[LABEL.binhostVolume] ?? '',
    port: published ?? insidePort,
    network,
    containerName,
    urlInNetwork: network !== null && Number.isInteger(insidePort) && insidePort > 0 ? httpUrl(containerName, insidePort) : null,
    hostUrl: published !== null ? httpUrl(engineHostAddress(docker), published) : null,
    running,
  };
}

/** The first real host port of a binding list ("0" or "" mean the engine has not picked one yet). */
function hostPortOf(bindings: { HostPort?: string }[] | null | undefined): number | null {
  for (const b of bindings ?? []) {
    const port = Number(b.HostPort ?? '');
    if (Number.isInteger(port) && port > 0) return port;
  }
  return null;
}
