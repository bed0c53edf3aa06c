// Docker client factory. Endpoint choice lives in endpoint.ts; this file only turns a chosen
// endpoint into a dockerode client with every field explicit (docker-modem otherwise merges
// DOCKER_HOST and friends under options we pass).
import Dockerode from 'dockerode';

export type EndpointSource = 'flag' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default';

/** Where the engine is and which rule chose it. */
export interface Endpoint {
  host: string;
  source: EndpointSource;
  context: string | null;
}

export interface DockerConnection {
  docker: Dockerode;
  endpoint: Endpoint;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** The minimal rule set: an explicit host, else DOCKER_HOST, else the default socket. */
export function resolveBasicEndpoint(flagHost?: string, env: NodeJS.ProcessEnv = process.env): Endpoint {
  if (flagHost) return { host: flagHost, source: 'flag', context: null };
  if (env.DOCKER_HOST) return { host: env.DOCKER_HOST, source: 'DOCKER_HOST', context: null };
  return { host: `unix://${DEFAULT_SOCKET}`, source: 'default', context: 'default' };
}

/** Build a dockerode client for a unix:// or tcp:// endpoint without TLS. */
export function dockerFor(endpoint: Endpoint): Dockerode {
  const url = endpoint.host;
  if (url.startsWith('unix://')) {
    const socketPath = url.slice('unix://'.length) || DEFAULT_SOCKET;
    return new Dockerode({ socketPath, protocol: undefined, host: undefined, port: undefined } as Dockerode.DockerOptions);
  }
  const parsed = new URL(url.includes('://') ? url : `tcp://${url}`);
  return new Dockerode({
    protocol: 'http',
    host: parsed.hostname,
    port: Number(parsed.port || 2375),
    socketPath: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
  } as Dockerode.DockerOptions);
}

export function connectDocker(flagHost?: string, env: NodeJS.ProcessEnv = process.env): DockerConnection {
  const endpoint = resolveBasicEndpoint(flagHost, env);
  return { docker: dockerFor(endpoint), endpoint };
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
