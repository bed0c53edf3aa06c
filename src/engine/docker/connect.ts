// One call from flags to a ready engine: resolve the endpoint, identify the engine, and return a
// client pinned to the negotiated API version. Fully identified (EngineInfo: /_ping, /version, /info)
// or, for commands that need only the kind and the API version, from /_ping alone (EngineBasics).
import type Dockerode from 'dockerode';
import { dockerFor, resolveProcessEndpoint, type EndpointFlags } from './client.js';
import type { Endpoint } from './endpoint-types.js';
import { identifyEngine, identifyEngineBasics, type EngineBasics, type EngineInfo } from './engine-info.js';
import { rememberEngineKind } from './engine-kind.js';
import { EngineError, toEngineError } from './errors.js';

/** A client ready for use, with where it points and what answered. */
export interface EngineConnection {
  docker: Dockerode;
  endpoint: Endpoint;
  info: EngineInfo;
}

/** A client ready for use, identified from /_ping alone: kind and API version, no /version or /info. */
export interface BasicEngineConnection {
  docker: Dockerode;
  endpoint: Endpoint;
  basics: EngineBasics;
}

export interface ConnectOptions extends EndpointFlags {
  env?: NodeJS.ProcessEnv;
  /** Give up when the engine has not answered within this long (default 10 s). */
  timeoutMs?: number;
}

/** Connect to the engine the user's flags and environment name; throws EngineError with advice. */
export async function connectEngine(options: ConnectOptions = {}): Promise<EngineConnection> {
  const resolution = resolveProcessEndpoint(options, options.env ?? process.env);
  if (!resolution.ok) throw new EngineError('endpoint', resolution.error.message, resolution.error.hint);
  return connectToEndpoint(resolution.endpoint, options.timeoutMs);
}

/** Identify the engine at an already resolved endpoint and pin the API version. */
export async function connectToEndpoint(endpoint: Endpoint, timeoutMs = 10_000): Promise<EngineConnection> {
  const { docker, identity } = await identified(endpoint, timeoutMs, identifyEngine);
  return { docker, endpoint, info: identity };
}

/** Like connectToEndpoint, but identified from /_ping alone (the API version check applies the same). */
export async function connectToEndpointBasics(endpoint: Endpoint, timeoutMs = 10_000): Promise<BasicEngineConnection> {
  const { docker, identity } = await identified(endpoint, timeoutMs, identifyEngineBasics);
  return { docker, endpoint, basics: identity };
}

async function identified<T extends EngineBasics>(endpoint: Endpoint, timeoutMs: number, identify: (docker: Dockerode, signal: AbortSignal) => Promise<T>): Promise<{ docker: Dockerode; identity: T }> {
  const probe = dockerFor(endpoint, { connectionTimeoutMs: timeoutMs });
  const signal = AbortSignal.timeout(timeoutMs);
  let identity: T;
  try {
    identity = await identify(probe, signal);
  } catch (err) {
    const timedOut = signal.aborted;
    throw toEngineError(timedOut ? Object.assign(new Error('timeout'), { code: 'TIMEOUT' }) : err, {
      action: 'connect to the engine',
      host: endpoint.host,
    });
  }
  const docker = dockerFor(endpoint, { apiVersion: identity.apiVersion });
  rememberEngineKind(docker, identity.kind);
  return { docker, identity };
}
