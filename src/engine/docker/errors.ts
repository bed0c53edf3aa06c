// Engine failures as values a user can act on: a kind the caller can branch on, a message that
// says what failed and why, and a hint that says what to do.
import { isPermissionErrno, noAnswerReason } from '../../core/connect-failure.js';

export type EngineErrorKind =
  | 'endpoint'
  | 'no-engine'
  | 'permission-denied'
  | 'timeout'
  | 'image-not-found'
  | 'container-not-found'
  | 'volume-not-found'
  | 'not-found'
  | 'conflict'
  | 'bad-request'
  | 'disk-full'
  | 'aborted'
  | 'engine';

/** A failed engine operation, with advice. */
export class EngineError extends Error {
  override readonly name = 'EngineError';

  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    /** What the user can do about it. */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What we know about the operation when an error is classified. */
export interface ErrorContext {
  /** What was being done, e.g. `inspect image gentoo/stage3` (starts the message). */
  action: string;
  /** Which endpoint was used, for connection errors. */
  host?: string | undefined;
  /** What a 404 means here. */
  notFound?: 'image' | 'container' | 'volume' | undefined;
  /** Name of the missing object, for the message. */
  subject?: string | undefined;
}

interface ErrorLike {
  code?: unknown;
  statusCode?: unknown;
  json?: unknown;
  message?: unknown;
  name?: unknown;
}

/** The daemon's own explanation from a docker-modem error, without the "(HTTP code …)" wrapper. */
function daemonMessage(err: unknown): string {
  const e = (err ?? {}) as ErrorLike;
  const json = e.json;
  if (typeof json === 'object' && json !== null) {
    const m = (json as Record<string, unknown>).message ?? (json as Record<string, unknown>).cause;
    if (typeof m === 'string' && m !== '') return m.trim();
  }
  if (typeof json === 'string' && json.trim() !== '') return json.trim();
  if (Buffer.isBuffer(json) && json.length > 0) return json.toString('utf8').trim();
  const message = typeof e.message === 'string' ? e.message : String(err);
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/** Turn whatever dockerode/docker-modem/node threw into an EngineError with advice. */
export function toEngineError(err: unknown, ctx: ErrorContext): EngineError {
  if (err instanceof EngineError) return err;
  const e = (err ?? {}) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const where = ctx.host ?? 'the engine';
  if (e.name === 'AbortError' || code === 'ABORT_ERR') {
    return new EngineError('aborted', `${ctx.action}: cancelled`, 'nothing was left half-written; run the command again when ready', { cause: err });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new EngineError('disk-full', `${ctx.action}: the disk is full (${code})`, 'free some space (or write to another disk) and try again; the partial file was removed', { cause: err });
  }
  if (isPermissionErrno(code)) {
    return permissionDenied(ctx, where, err);
  }
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND' || code === 'EPIPE') {
    return noEngine(ctx, where, code, err);
  }
  if (code === 'ETIMEDOUT' || code === 'TIMEOUT') {
    return new EngineError('timeout', `${ctx.action}: ${where} did not answer in time`, 'check that the engine is running and reachable; a remote endpoint may be slow or firewalled', { cause: err });
  }
  const said = daemonMessage(err);
  if (status === 404) {
    const what = ctx.notFound;
    const subject = ctx.subject === undefined ? '' : ` ${ctx.subject}`;
    if (what === 'image') return new EngineError('image-not-found', `${ctx.action}: no image${subject} (${said})`, 'list local images with `gentoo-wb images`; check the name and tag', { cause: err });
    if (what === 'container') return new EngineError('container-not-found', `${ctx.action}: no container${subject} (${said})`, 'it may have been removed already', { cause: err });
    if (what === 'volume') return new EngineError('volume-not-found', `${ctx.action}: no volume${subject} (${said})`, 'it may have been removed already', { cause: err });
    return new EngineError('not-found', `${ctx.action}: not found (${said})`, 'check the name', { cause: err });
  }
  if (status === 409) return new EngineError('conflict', `${ctx.action}: ${said}`, 'the object is in use or already exists; stop or remove what holds it, or pick another name', { cause: err });
  if (status === 400) return new EngineError('bad-request', `${ctx.action}: the engine refused the request (${said})`, 'check the values given (names, changes, paths)', { cause: err });
  if (/no space left on device/i.test(said)) {
    return new EngineError('disk-full', `${ctx.action}: the engine's disk is full (${said})`, 'free space where the engine keeps its data (`docker system df`, remove unused images)', { cause: err });
  }
  return new EngineError('engine', `${ctx.action}: ${said}`, 'see the engine\'s message above; its logs may say more', { cause: err });
}

function noEngine(ctx: ErrorContext, where: string, code: string, err: unknown): EngineError {
  const local = where.startsWith('unix://');
  const hint = local
    ? `start the engine: \`rc-service docker start\` (OpenRC), \`systemctl start docker\` (systemd), \`systemctl --user start docker\` (rootless Docker) or \`systemctl --user enable --now podman.socket\` (Podman); \`gentoo-wb endpoint\` lists other sockets found on this machine`
    : 'check that the engine runs on that host and the address and port are right; `gentoo-wb endpoint` shows which rule chose it';
  return new EngineError('no-engine', `${ctx.action}: no engine answers at ${where} (${noAnswerReason(code)})`, hint, { cause: err });
}

function permissionDenied(ctx: ErrorContext, where: string, err: unknown): EngineError {
  const rootlessHint = 'or use rootless Docker/Podman (a socket under $XDG_RUNTIME_DIR) and point -H at it';
  const hint = where.includes('/var/run/docker.sock') || where.includes('/run/docker.sock')
    ? `join the docker group (\`usermod -aG docker $USER\`, then log out and in or \`newgrp docker\`), ${rootlessHint}. Note: the docker group is root-equivalent — a container can mount the host's /.`
    : `check the socket's owner and mode (\`ls -l\` on it), ${rootlessHint}`;
  return new EngineError('permission-denied', `${ctx.action}: permission denied on ${where}`, hint, { cause: err });
}
