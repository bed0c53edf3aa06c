// An image archive (GET /images/get) asked for on a plain socket of its own, and the engine's answer
// read by hand. Asked in HTTP/1.0, the engine sends the body as it is until it closes the connection,
// with no chunked framing, so there is nothing for an HTTP client to do. Without that framing an engine
// that dies midway would look like a clean end: the body must end as every tar does (two zero blocks)
// or the answer fails. The archive is then read as a stream (raw-archive.ts) or written straight to a
// file (raw-archive-file.ts).
import net, { type Socket } from 'node:net';
import type Dockerode from 'dockerode';
import { EngineError } from './errors.js';

interface ModemAddress {
  socketPath?: unknown;
  protocol?: unknown;
  host?: unknown;
  port?: unknown;
  version?: unknown;
  headers?: unknown;
  connectionTimeout?: unknown;
}

/** What a reader of the answer does with it; each is called at most once except `body`. */
export interface RawAnswerHandlers {
  /** The engine said 200 and the plain archive follows. */
  started(): void;
  /** Archive bytes. Only valid during the call: with `readInto` they are a view of that buffer. */
  body(chunk: Buffer): void;
  /** The engine answered in chunked framing, which is not read here (docker-modem reads it); the socket is closed. */
  chunked(): void;
  /** The answer is over: null after a whole archive, otherwise why not (an error before `started` included). */
  ended(err: Error | null): void;
}

/** The socket, for a reader that must wait (a stream's back-pressure) or stops reading. */
export interface RawConnection {
  pause(): void;
  resume(): void;
  /** Close it; no handler is called after. */
  destroy(): void;
}

export interface RawAnswerOptions {
  signal?: AbortSignal | undefined;
  /** Read every chunk into this one buffer (Node's `onread`) instead of a new one each time. */
  readInto?: Buffer;
}

/** Where a plain connection reaches the engine; null for TLS and SSH endpoints (docker-modem serves those). */
function plainAddress(docker: Dockerode): net.NetConnectOpts | null {
  const m = docker.modem as ModemAddress;
  if (typeof m.socketPath === 'string' && m.socketPath !== '') return { path: m.socketPath };
  if (m.protocol === 'http' && typeof m.host === 'string') return { host: m.host, port: typeof m.port === 'number' ? m.port : Number(m.port ?? 2375) };
  return null;
}

function requestText(docker: Dockerode, refs: string[]): string {
  const m = docker.modem as ModemAddress;
  const query = new URLSearchParams();
  for (const ref of refs) query.append('names', ref);
  const prefix = typeof m.version === 'string' && m.version !== '' ? `/${m.version}` : '';
  const extra = Object.entries((m.headers ?? {}) as Record<string, string>).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `GET ${prefix}/images/get?${query.toString()} HTTP/1.0\r\nHost: docker\r\n${extra}\r\n`;
}

const TAR_END = 1024;
const MAX_HEAD = 64 * 1024;
const MAX_ERROR_BODY = 1024 * 1024;

/** The engine's answer other than 200, shaped like docker-modem's errors so toEngineError reads it. */
function statusError(status: number, reason: string, body: string): Error {
  let json: unknown = body;
  try {
    json = JSON.parse(body);
  } catch {
    // A plain-text body is the message itself.
  }
  return Object.assign(new Error(`(HTTP code ${status}) ${reason} - ${body.trim()}`), { statusCode: status, json });
}

/**
 * Ask for the archive of `refs` on a plain socket and hand its answer to `handlers`; null (and nothing
 * asked) when the endpoint needs docker-modem (TLS, SSH).
 */
export function requestRawArchive(docker: Dockerode, refs: string[], action: string, handlers: RawAnswerHandlers, options: RawAnswerOptions = {}): RawConnection | null {
  const address = plainAddress(docker);
  if (address === null) return null;
  const { signal, readInto } = options;
  let head: Buffer | null = Buffer.alloc(0) as Buffer;
  let failed: { status: number; reason: string; chunks: Buffer[]; bytes: number } | null = null;
  // A copy: with `readInto` the chunk it came from is overwritten by the next read.
  let tail: Buffer = Buffer.alloc(0);
  let bytes = 0;
  let over = false;
  // No handler is called after this: the answer is over, or its reader stopped.
  const close = () => {
    over = true;
    signal?.removeEventListener('abort', onAbort);
  };
  const end = (err: Error | null) => {
    if (over) return;
    close();
    handlers.ended(err);
  };

  const deliver = (chunk: Buffer) => {
    if (chunk.length === 0) return;
    bytes += chunk.length;
    tail = Buffer.from(Buffer.concat([tail, chunk.subarray(-TAR_END)]).subarray(-TAR_END));
    handlers.body(chunk);
  };
  const readHead = (chunk: Buffer) => {
    head = Buffer.concat([head!, chunk]);
    const headEnd = head.indexOf('\r\n\r\n');
    if (headEnd < 0) {
      if (head.length > MAX_HEAD) socket.destroy(new EngineError('engine', `${action}: the engine's answer has no end of headers`, 'check that the endpoint is a Docker or Podman engine'));
      return;
    }
    const lines = head.toString('latin1', 0, headEnd).split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
    const rest = head.subarray(headEnd + 4);
    head = null;
    socket.setTimeout(0);
    if (!status) {
      socket.destroy(new EngineError('engine', `${action}: the engine answered "${(lines[0] ?? '').slice(0, 80)}"`, 'check that the endpoint is a Docker or Podman engine'));
      return;
    }
    if (lines.some((l) => /^transfer-encoding:\s*chunked/i.test(l))) {
      close();
      socket.destroy();
      handlers.chunked();
      return;
    }
    if (status[1] !== '200') {
      failed = { status: Number(status[1]), reason: status[2] ?? '', chunks: [rest], bytes: rest.length };
      return;
    }
    handlers.started();
    deliver(rest);
  };
  const take = (chunk: Buffer) => {
    if (over) return;
    if (failed) {
      if (failed.bytes < MAX_ERROR_BODY) failed.chunks.push(Buffer.from(chunk));
      failed.bytes += chunk.length;
    } else if (head !== null) readHead(chunk);
    else deliver(chunk);
  };

  const socket: Socket = readInto
    ? net.connect({ ...address, onread: { buffer: readInto, callback: (n: number, buf: Uint8Array) => { take(Buffer.from(buf.buffer, buf.byteOffset, n)); return true; } } })
    : net.connect(address);
  if (!readInto) socket.on('data', take);
  // Like docker-modem: a bound on reaching the engine and its first answer, none on the body.
  const { connectionTimeout } = docker.modem as ModemAddress;
  if (typeof connectionTimeout === 'number' && connectionTimeout > 0) {
    socket.setTimeout(connectionTimeout, () => socket.destroy(Object.assign(new Error('the engine did not answer in time'), { code: 'ETIMEDOUT' })));
  }
  const onAbort = () => socket.destroy(Object.assign(new Error('aborted'), { name: 'AbortError' }));
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();

  socket.on('connect', () => socket.write(requestText(docker, refs)));
  socket.on('end', () => {
    if (failed) end(statusError(failed.status, failed.reason, Buffer.concat(failed.chunks).toString('utf8')));
    else if (head !== null) end(new EngineError('engine', `${action}: the engine closed the connection without answering`, 'check the engine\'s log; try again'));
    else if (bytes % 512 !== 0 || bytes < TAR_END || tail.some((b) => b !== 0)) {
      end(new EngineError('engine', `${action}: the engine ended the archive early (${bytes} bytes, no end-of-archive blocks)`, 'run it again; if it repeats, the engine\'s log says why'));
    } else end(null);
  });
  socket.on('error', (err) => end(err));
  return {
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    destroy: () => {
      close();
      socket.destroy();
    },
  };
}
