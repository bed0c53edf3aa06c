// Where the build container reaches a distccd helper, and which networks that helper lets in.
// A helper on the build's own engine is reached at its container address on the network the build
// container joins (the engine's bridge, or a served binhost's network: a container on a user-defined
// network cannot reach the default bridge), nothing published, and allows that network's subnets. A helper on another engine publishes
// container port 3632 on that engine's host address (a port the engine picks) and allows only the
// address the build's traffic arrives from: this machine's address toward the helper's host when the
// build engine is on this machine (the engine masquerades its containers behind it), else the build
// engine's host.
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type Dockerode from 'dockerode';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import type { EngineConnection } from '../docker/index.js';
import { currentNamespace } from '../docker/object-names.js';
import { engineHostAddress } from '../binhost/host-address.js';
import { resolveServedBinhosts } from '../build/prepare-build.js';

/** The host of a tcp:// or ssh:// engine; for a local socket, this machine's outward address. */
export function engineHost(conn: Pick<EngineConnection, 'docker' | 'endpoint'>): string {
  const address = conn.endpoint.address;
  return address.kind === 'unix' ? engineHostAddress(conn.docker) : address.host;
}

/** True when the engine is reached through a socket on this machine. */
export function isLocalSocket(conn: Pick<EngineConnection, 'endpoint'>): boolean {
  return conn.endpoint.address.kind === 'unix';
}

/** A host name's address (an address stays itself); null when it does not resolve. */
export async function addressOf(host: string): Promise<string | null> {
  if (isIP(host) !== 0) return host;
  return (await lookup(host).catch(() => null))?.address ?? null;
}

/** This machine's source address for traffic to `host` (the route's; no packet is sent), or null. */
export async function sourceAddressToward(host: string): Promise<string | null> {
  const target = await addressOf(host);
  if (target === null) return null;
  const socket = dgram.createSocket(isIP(target) === 6 ? 'udp6' : 'udp4');
  try {
    return await new Promise<string | null>((resolve) => {
      socket.once('error', () => resolve(null));
      socket.connect(9, target, () => resolve(socket.address().address));
    });
  } finally {
    socket.close();
  }
}

/** An address as a one-host network for distccd's --allow. */
export function hostNetwork(address: string): string {
  return isIP(address) === 6 ? `${address}/128` : `${address}/32`;
}

/** The subnets of a network of the engine (default: its bridge, where build containers run). */
export async function bridgeSubnets(docker: Dockerode, network = 'bridge'): Promise<string[]> {
  const net = (await docker.getNetwork(network).inspect()) as { IPAM?: { Config?: { Subnet?: string }[] | null } };
  return (net.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : []));
}

/**
 * The network the recipe's build container joins instead of the default bridge: the one its served
 * binhosts are reached in (the plan takes it from them, core/plan/binhost-plan.ts, and refuses binhosts
 * on two networks), or null.
 */
export async function builderNetwork(docker: Dockerode, recipe: Recipe): Promise<string | null> {
  if (!recipe.binaries.hosts.some((h) => h.kind === 'served')) return null;
  const served = await resolveServedBinhosts(docker, recipe, currentNamespace());
  const networks = [...new Set(Object.values(served).flatMap((b) => (b?.network ? [b.network] : [])))];
  return networks.length === 1 ? networks[0]! : null;
}

/** The address a published port binds to: the engine's host when it is an address, else every address. */
export function publishAddress(host: string): string {
  return isIP(host) === 0 ? '' : host;
}
