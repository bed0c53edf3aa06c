// Typed promise wrappers around docker-modem's dial, for the few endpoints dockerode does not
// cover the way we need (response headers, libpod routes, query arrays, abort signals).
import type { IncomingMessage } from 'node:http';
import type Dockerode from 'dockerode';
import type DockerModem from 'docker-modem';

export interface DialRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Path without query, e.g. `/images/create`. */
  path: string;
  /** Query parameters; arrays repeat the key. */
  query?: Record<string, string | number | boolean | string[] | undefined>;
  /** JSON body (POST). */
  body?: unknown;
  /** Request body stream or buffer (tar uploads). */
  file?: NodeJS.ReadableStream | Buffer;
  headers?: Record<string, string>;
  /** Status codes that count as success; others become errors with the daemon's message. */
  ok?: number[];
  signal?: AbortSignal | undefined;
}

function modemOf(docker: Dockerode): DockerModem {
  return docker.modem as DockerModem;
}

function toDialOptions(req: DialRequest, isStream: boolean): DockerModem.DialOptions {
  const query: Record<string, string | number | boolean | string[]> = {};
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query[k] = v;
  const statusCodes: DockerModem.StatusCodes = { 400: 'bad parameter', 404: 'not found', 409: 'conflict', 500: 'server error' };
  for (const code of req.ok ?? [200, 201, 204]) statusCodes[code] = true;
  const hasQuery = Object.keys(query).length > 0;
  return {
    path: `${req.path}?`,
    method: req.method,
    // docker-modem serialises `_query` into the URL and `_body` as JSON for POSTs.
    options: { _query: hasQuery ? query : {}, _body: req.body ?? {} },
    file: req.file,
    headers: req.headers,
    isStream,
    statusCodes,
    abortSignal: req.signal,
    allowEmpty: req.body !== undefined,
  };
}

/** Send a request and get the parsed JSON (or raw buffer) response. */
export function dialJson<T>(docker: Dockerode, req: DialRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    modemOf(docker).dial(toDialOptions(req, false), (err, data) => (err ? reject(err) : resolve(data as T)));
  });
}

/** Send a request and get the response stream, headers included. */
export function dialStream(docker: Dockerode, req: DialRequest): Promise<IncomingMessage> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    modemOf(docker).dial(toDialOptions(req, true), (err, data) => (err ? reject(err) : resolve(data as IncomingMessage)));
  });
}

/** Read a whole response stream into one buffer. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
