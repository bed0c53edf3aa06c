// Engine facts for the checks: resolve the endpoint like the docker CLI, identify the engine, and
// read the /info fields the rules need. Built on src/engine/docker (endpoint, client, engine-info);
// everything the checks use goes through the EngineGatherer type so it can be swapped in tests.
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type Dockerode from 'dockerode';
import { dockerFor, resolveProcessEndpoint } from '../docker/client.js';
import type { Endpoint } from '../docker/endpoint-types.js';
import { identifyEngine, type EngineInfo } from '../docker/engine-info.js';
import type { EndpointFacts, EngineFacts, EngineFactsReachable } from '../../core/host/facts.js';

/** The engine as the checks see it, plus a client for the container probe. */
export interface EngineSession {
  facts: EngineFacts;
  /** A client pinned to the negotiated API version; null when the engine did not answer. */
  docker: Dockerode | null;
  /** The endpoint's socket path for unix endpoints. */
  socketPath: string | null;
}

export interface EngineGatherOptions {
  host?: string | undefined;
  context?: string | undefined;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export type EngineGatherer = (options: EngineGatherOptions) => Promise<EngineSession>;

const LIMIT_FIELDS = ['MemoryLimit', 'SwapLimit', 'CpuCfsQuota', 'CpuCfsPeriod', 'CPUShares', 'CPUSet', 'PidsLimit'] as const;

function endpointFacts(e: Endpoint, engine?: string): EndpointFacts {
  const facts: EndpointFacts = { host: e.host, source: e.source, context: e.context, warnings: e.warnings.map((w) => w.message) };
  return engine === undefined ? facts : { ...facts, source: 'engine', engine };
}

function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function driverStatus(v: unknown): Array<[string, string]> {
  if (!Array.isArray(v)) return [];
  return v.filter((p): p is [unknown, unknown] => Array.isArray(p) && p.length >= 2).map(([k, val]) => [String(k), String(val)]);
}

async function diskOf(dir: string): Promise<{ path: string; freeBytes: number; totalBytes: number } | null> {
  try {
    const s = await statfs(dir);
    return { path: dir, freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) };
  } catch {
    return null;
  }
}

/** Turn EngineInfo into the checks' facts; `local` says the engine keeps its data on this machine. */
async function engineFactsFrom(info: EngineInfo, endpoint: EndpointFacts, local: boolean): Promise<EngineFactsReachable> {
  const raw = info.rawInfo;
  const limits = Object.fromEntries(LIMIT_FIELDS.map((k) => [k, bool(raw[k])]));
  return {
    reachable: true,
    endpoint,
    kind: info.kind,
    version: info.version,
    apiVersion: info.apiVersion,
    daemonApiVersion: info.daemonApiVersion,
    daemonMinApiVersion: info.daemonMinApiVersion,
    rootless: info.rootless,
    storageDriver: info.storageDriver,
    driverStatus: driverStatus(raw.DriverStatus),
    cgroupVersion: info.cgroupVersion,
    cgroupDriver: info.cgroupDriver,
    rootDir: info.rootDir,
    warnings: info.warnings,
    securityOptions: info.securityOptions,
    ipv4Forwarding: bool(raw.IPv4Forwarding),
    limits,
    kernelVersion: info.kernelVersion,
    os: info.os,
    arch: info.arch,
    ncpu: num(raw.NCPU),
    memTotalBytes: num(raw.MemTotal),
    components: info.components,
    disk: local && info.rootDir ? await diskOf(info.rootDir) : null,
  };
}

/** Resolve, connect and identify; failures become unreachable facts with the errno as code. */
export const gatherEngine: EngineGatherer = async ({ host, context, env, timeoutMs }) => {
  const resolution = resolveProcessEndpoint({ host, context }, env);
  if (!resolution.ok) {
    const e = resolution.error;
    return {
      facts: { reachable: false, endpoint: null, code: 'endpoint', message: `${e.message} (${e.hint})` },
      docker: null,
      socketPath: null,
    };
  }
  return gatherAt(resolution.endpoint, timeoutMs);
};

/** The gatherer for a configured engine whose endpoint is resolved already (the workbench's engine). */
export function namedEngineGatherer(name: string, endpoint: Endpoint): EngineGatherer {
  return ({ timeoutMs }) => gatherAt(endpoint, timeoutMs, name);
}

async function gatherAt(endpoint: Endpoint, timeoutMs: number, engine?: string): Promise<EngineSession> {
  const socketPath = endpoint.address.kind === 'unix' ? endpoint.address.socketPath : null;
  const probe = dockerFor(endpoint, { connectionTimeoutMs: timeoutMs });
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const info = await identifyEngine(probe, signal);
    // A unix socket whose engine reports our own kernel keeps its data on this machine.
    const local = socketPath !== null && info.kernelVersion === os.release();
    return {
      facts: await engineFactsFrom(info, endpointFacts(endpoint, engine), local),
      docker: dockerFor(endpoint, { apiVersion: info.apiVersion }),
      socketPath,
    };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const code = signal.aborted ? 'TIMEOUT' : typeof e.code === 'string' ? e.code : 'ERROR';
    return {
      facts: { reachable: false, endpoint: endpointFacts(endpoint, engine), code, message: e.message || String(err) },
      docker: null,
      socketPath,
    };
  }
}
