// Docker client factory: resolve the endpoint from this process's flags, environment and files,
// then build a dockerode client whose every connection field comes from us, not from docker-modem's
// own reading of DOCKER_HOST and friends.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type Dockerode from 'dockerode';
import { loadDockerode } from './dockerode-loader.js';
import { resolveEndpoint } from './endpoint.js';
import type { Endpoint, EndpointResolution, FileReader } from './endpoint-types.js';
import { EngineError } from './errors.js';
import { modemOptionsFor, type ModemTuning } from './modem-options.js';

export type { Endpoint, EndpointSource } from './endpoint-types.js';

export interface DockerConnection {
  docker: Dockerode;
  endpoint: Endpoint;
}

/** The real file system as a FileReader. */
export const realFiles: FileReader = {
  read(path) {
    try {
      return { ok: true, data: readFileSync(path) };
    } catch (err) {
      return { ok: false, code: (err as NodeJS.ErrnoException).code ?? 'EIO' };
    }
  },
};

/** Where the user asked us to connect (gentoo-wb's global flags). */
export interface EndpointFlags {
  host?: string | undefined;
  context?: string | undefined;
}

/** Resolve the endpoint for this process: flags, then environment, then the docker config folder. */
export function resolveProcessEndpoint(flags: EndpointFlags = {}, env: NodeJS.ProcessEnv = process.env): EndpointResolution {
  return resolveEndpoint({ flagHost: flags.host, flagContext: flags.context, env, homeDir: env.HOME ?? os.homedir(), files: realFiles });
}

/** Like resolveProcessEndpoint, but throws an EngineError (kind `endpoint`) when resolution fails. */
export function resolveBasicEndpoint(flagHost?: string, env: NodeJS.ProcessEnv = process.env, flagContext?: string): Endpoint {
  const resolution = resolveProcessEndpoint({ host: flagHost, context: flagContext }, env);
  if (!resolution.ok) throw new EngineError('endpoint', resolution.error.message, resolution.error.hint);
  return resolution.endpoint;
}

// docker-modem's constructor reads these from process.env even when options are explicit, can throw
// on a malformed DOCKER_HOST and reads files named by DOCKER_CERT_PATH.
const MODEM_ENV_KEYS = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_PATH_PREFIX', 'DOCKER_CLIENT_TIMEOUT'] as const;

/** Build a dockerode client for an endpoint (optionally pinned to an API version). */
export function dockerFor(endpoint: Endpoint, tuning: ModemTuning = {}): Dockerode {
  const options = modemOptionsFor(endpoint, tuning);
  const saved = new Map<string, string | undefined>();
  for (const key of MODEM_ENV_KEYS) {
    saved.set(key, process.env[key]);
    delete process.env[key];
  }
  try {
    // The constructor is synchronous, so nothing else observes the trimmed environment.
    return new (loadDockerode())(options as Dockerode.DockerOptions);
  } finally {
    for (const [key, value] of saved) if (value !== undefined) process.env[key] = value;
  }
}

export type PingResult = { ok: true } | { ok: false; code: string; message: string };

/** Ping the engine with a deadline; the error code (ENOENT, EACCES, ECONNREFUSED, TIMEOUT) drives the advice. */
export async function pingEngine(docker: Dockerode, timeoutMs = 3000): Promise<PingResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PingResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, code: 'TIMEOUT', message: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const ping = docker
    .ping()
    .then((): PingResult => ({ ok: true }))
    .catch((err: NodeJS.ErrnoException): PingResult => ({ ok: false, code: err.code ?? 'ERROR', message: err.message }));
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
