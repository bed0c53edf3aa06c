// `engines check` / `engines list`: is each configured engine reachable (or one sentence saying
// why not), and what is it — kind, version, API, architecture, CPUs, memory, free disk of its data
// root (when that folder is on this machine), rootless, cgroups; on request, what the host checks' container
// probe meets in a container there (namespaces for Portage's sandboxes, ptrace, tmpfs). All engines are asked at once, each with a
// deadline, so one dead host delays the list by the timeout, not by its TCP retries.
import { statfs } from 'node:fs/promises';
import type { EngineInfo } from '../docker/engine-info.js';
import type { Endpoint, EndpointResolution } from '../docker/endpoint-types.js';
import { resolveProcessEndpoint, type EndpointFlags } from '../docker/client.js';
import { connectToEndpoint } from '../docker/connect.js';
import { EngineError, toEngineError } from '../docker/errors.js';
import { resolveEngineEndpoint } from './engine-endpoint.js';
import { LOCAL_ENGINE, type EngineEntry } from './engine-spec.js';
import { quietSshUrlWarning } from './quiet-ssh-warning.js';
import type { ProbeFacts } from '../../core/host/facts.js';
import { runContainerProbe } from '../host/container-probe.js';

/** What a reachable engine said about itself. */
export interface EngineFacts {
  kind: 'docker' | 'podman';
  version: string;
  /** The API version gentoo-wb uses with it (the lower of ours and the daemon's). */
  apiVersion: string;
  daemonApiVersion: string;
  os: string;
  /** The engine host's distribution, e.g. "Debian GNU/Linux 12 (bookworm)". */
  operatingSystem: string | null;
  arch: string;
  kernelVersion: string;
  cpus: number | null;
  memoryBytes: number | null;
  rootDir: string | null;
  /** Free bytes where the engine keeps images; null when that folder is not readable from here. */
  freeDiskBytes: number | null;
  /** Why freeDiskBytes is null. */
  freeDiskNote: string | null;
  rootless: boolean;
  storageDriver: string;
  /** The engine host's name. */
  hostname: string | null;
  /** "1" or "2" as the engine reports it (null when it does not say), and its cgroup driver. */
  cgroupVersion: string | null;
  cgroupDriver: string | null;
}

/** One engine's check: reachable with facts, or the reason it is not. */
export interface EngineCheck {
  name: string;
  url: string;
  /** The endpoint in normal form, when it could be resolved. */
  host: string | null;
  reachable: boolean;
  error: string | null;
  hint: string | null;
  warnings: string[];
  facts: EngineFacts | null;
  /** What a probe container on that engine met (namespaces, ptrace, tmpfs); absent unless asked for. */
  probe?: ProbeFacts;
  elapsedMs: number;
}

export interface CheckOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Also run the host checks' container probe on the engine (a tiny labelled container, always removed). */
  probe?: boolean;
}

/** Check one configured engine; never throws. */
export async function checkEngine(entry: EngineEntry, options: CheckOptions = {}): Promise<EngineCheck> {
  return checkResolved(entry.name, entry.url, resolveEngineEndpoint(entry, options.env ?? process.env), options.timeoutMs, options.probe ?? false);
}

/** Check the default endpoint (-H, --context, DOCKER_HOST, the docker context) under the name `local`; never throws. */
export function checkDefaultEngine(flags: EndpointFlags, options: CheckOptions = {}): Promise<EngineCheck> {
  const resolved = resolveProcessEndpoint(flags, options.env ?? process.env);
  return checkResolved(LOCAL_ENGINE, resolved.ok ? resolved.endpoint.host : (flags.host ?? flags.context ?? ''), resolved, options.timeoutMs);
}

async function checkResolved(name: string, url: string, resolved: EndpointResolution, timeout: number | undefined, probe = false): Promise<EngineCheck> {
  const started = performance.now();
  const timeoutMs = timeout ?? 10_000;
  const base: EngineCheck = { name, url, host: null, reachable: false, error: null, hint: null, warnings: [], facts: null, elapsedMs: 0 };
  const done = (part: Partial<EngineCheck>): EngineCheck => ({ ...base, ...part, elapsedMs: Math.round(performance.now() - started) });
  if (!resolved.ok) return done({ error: resolved.error.message, hint: resolved.error.hint });
  const endpoint = resolved.endpoint;
  if (endpoint.address.kind === 'ssh') quietSshUrlWarning();
  Object.assign(base, { host: endpoint.host, warnings: endpoint.warnings.map((w) => w.message) });
  try {
    const { docker, info } = await withDeadline(connectToEndpoint(endpoint, timeoutMs), timeoutMs + 1000, endpoint);
    const facts = { ...factsOf(info), ...(await freeDisk(endpoint, info)) };
    if (!probe) return done({ reachable: true, facts });
    return done({ reachable: true, facts, probe: await runContainerProbe(docker, { timeoutMs }) });
  } catch (err) {
    const e = explainFailure(err, endpoint);
    return done({ error: e.message, hint: e.hint });
  }
}

/** Check several engines in parallel, in the given order. */
export function checkEngines(entries: readonly EngineEntry[], options: CheckOptions = {}): Promise<EngineCheck[]> {
  return Promise.all(entries.map((e) => checkEngine(e, options)));
}

function factsOf(info: EngineInfo): Omit<EngineFacts, 'freeDiskBytes' | 'freeDiskNote'> {
  const raw = info.rawInfo;
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    kind: info.kind,
    version: info.version,
    apiVersion: info.apiVersion,
    daemonApiVersion: info.daemonApiVersion,
    os: info.os,
    operatingSystem: text(raw.OperatingSystem),
    arch: info.arch,
    kernelVersion: info.kernelVersion,
    cpus: num(raw.NCPU),
    memoryBytes: num(raw.MemTotal),
    rootDir: info.rootDir,
    rootless: info.rootless,
    storageDriver: info.storageDriver,
    hostname: text(raw.Name),
    cgroupVersion: info.cgroupVersion,
    cgroupDriver: info.cgroupDriver,
  };
}

/** statfs of the data root, for engines on this machine (a unix socket); a remote engine's is out of reach. */
async function freeDisk(endpoint: Endpoint, info: EngineInfo): Promise<Pick<EngineFacts, 'freeDiskBytes' | 'freeDiskNote'>> {
  if (info.rootDir === null) return { freeDiskBytes: null, freeDiskNote: 'the engine did not say where it keeps its data' };
  if (endpoint.address.kind !== 'unix') return { freeDiskBytes: null, freeDiskNote: `${info.rootDir} is on the engine's host, not readable from here` };
  try {
    const s = await statfs(info.rootDir);
    return { freeDiskBytes: s.bavail * s.bsize, freeDiskNote: null };
  } catch (err) {
    return { freeDiskBytes: null, freeDiskNote: `${info.rootDir} is not readable here (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

/** connectToEndpoint has its own timeout; this one also covers a transport that ignores it (an SSH handshake). */
function withDeadline<T>(work: Promise<T>, ms: number, endpoint: Endpoint): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(toEngineError(Object.assign(new Error('timeout'), { code: 'TIMEOUT' }), { action: 'connect to the engine', host: endpoint.host })), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

const TLS_CODE = /CERT|TLS|SSL|SIGNATURE|ISSUER/;

/** One sentence and a hint; TLS and SSH login failures get advice of their own. */
function explainFailure(err: unknown, endpoint: Endpoint): { message: string; hint: string } {
  const e = err instanceof EngineError ? err : toEngineError(err, { action: 'connect to the engine', host: endpoint.host });
  const cause = (e.cause ?? {}) as { code?: unknown; message?: unknown; level?: unknown };
  const code = typeof cause.code === 'string' ? cause.code : '';
  const said = oneLine(typeof cause.message === 'string' ? cause.message : e.message);
  if (endpoint.address.kind === 'tcp' && TLS_CODE.test(code)) {
    return {
      message: `TLS with ${endpoint.host} failed: ${said} (${code})`,
      hint: `check that ca.pem in ${endpoint.tls?.certDir ?? 'the TLS folder'} signed the daemon's certificate, that the certificate names this address (subjectAltName), and that the daemon trusts cert.pem`,
    };
  }
  if (endpoint.address.kind === 'ssh' && (cause.level === 'client-authentication' || /\bagent\b/i.test(said))) {
    return {
      message: `SSH to ${endpoint.host} failed: ${said}`,
      hint: 'check that your SSH agent (SSH_AUTH_SOCK) holds a key the host accepts for that user, and that `docker` runs there for that user',
    };
  }
  return { message: oneLine(e.message), hint: oneLine(e.hint) };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ').trim();
}
