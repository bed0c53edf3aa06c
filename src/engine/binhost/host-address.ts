// The address other hosts use to reach a port published by the engine: the engine's own host name
// for a tcp:// or ssh:// endpoint, else (a local socket) this machine's first outward IPv4 address.
import { hostname, networkInterfaces } from 'node:os';
import type Dockerode from 'dockerode';

/** Interfaces the engine makes for containers: their addresses are not reachable from other hosts. */
const CONTAINER_INTERFACE = /^(docker\d*|br-|veth|cni|podman|virbr|lo)/;

interface ModemAddress { socketPath?: unknown; host?: unknown }

/** A host name or address other machines can use for ports the engine publishes. */
export function engineHostAddress(docker: Dockerode): string {
  const modem = docker.modem as ModemAddress;
  const remote = typeof modem.host === 'string' && modem.socketPath === undefined ? modem.host : null;
  if (remote !== null && remote !== '' && remote !== 'localhost' && remote !== '127.0.0.1' && remote !== '::1') return remote;
  return localAddress() ?? hostname();
}

function localAddress(): string | null {
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    if (CONTAINER_INTERFACE.test(name)) continue;
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

/** `http://HOST:PORT/`, with brackets around an IPv6 address. */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}
