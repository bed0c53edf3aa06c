// Parsing of docker host strings the way the docker CLI reads them (opts.ParseHost):
// empty unix:// means the default socket, no scheme means tcp, tcp defaults to localhost:2375.
import type { HostAddress } from './endpoint-types.js';

const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
const DEFAULT_UNIX_HOST = `unix://${DEFAULT_UNIX_SOCKET}`;
/** The CLI's default when TLS is on and no host is given. */
export const DEFAULT_TLS_HOST = 'tcp://localhost:2376';
const DEFAULT_TCP_PORT = 2375;
const DEFAULT_SSH_PORT = 22;

export type ParsedHost = { ok: true; address: HostAddress; host: string } | { ok: false; code: 'bad-host' | 'unsupported-scheme'; message: string };

/** Parse a `-H`/DOCKER_HOST/context host string into an address and its normal form. */
export function parseDockerHost(raw: string): ParsedHost {
  const value = raw.trim();
  if (value === '') return { ok: true, address: { kind: 'unix', socketPath: DEFAULT_UNIX_SOCKET }, host: DEFAULT_UNIX_HOST };
  const schemeEnd = value.indexOf('://');
  const scheme = schemeEnd < 0 ? 'tcp' : value.slice(0, schemeEnd).toLowerCase();
  const rest = schemeEnd < 0 ? value : value.slice(schemeEnd + 3);
  switch (scheme) {
    case 'unix': {
      const socketPath = rest === '' ? DEFAULT_UNIX_SOCKET : rest;
      return { ok: true, address: { kind: 'unix', socketPath }, host: `unix://${socketPath}` };
    }
    case 'tcp':
      return parseTcp(rest, raw);
    case 'ssh':
      return parseSsh(rest, raw);
    case 'npipe':
    case 'fd':
      return { ok: false, code: 'unsupported-scheme', message: `${scheme}:// endpoints (${raw}) exist only on Windows or for systemd-activated daemons; gentoo-wb on Linux connects over unix://, tcp:// or ssh://` };
    default:
      return { ok: false, code: 'unsupported-scheme', message: `unknown scheme "${scheme}://" in ${raw}; use unix://, tcp:// or ssh://` };
  }
}

function parseTcp(rest: string, raw: string): ParsedHost {
  // The CLI fills a missing host with localhost (`tcp://:2376`, `tcp://`).
  const withHost = rest === '' || rest.startsWith(':') ? `localhost${rest}` : rest;
  let url: URL;
  try {
    url = new URL(`tcp://${withHost}`);
  } catch {
    return { ok: false, code: 'bad-host', message: `cannot read "${raw}" as a host (expected tcp://HOST:PORT)` };
  }
  if (url.pathname !== '' && url.pathname !== '/') {
    return { ok: false, code: 'bad-host', message: `"${raw}" has a path (${url.pathname}); a tcp:// host is only HOST:PORT` };
  }
  const host = stripBrackets(url.hostname) || 'localhost';
  const port = url.port === '' ? DEFAULT_TCP_PORT : Number(url.port);
  return { ok: true, address: { kind: 'tcp', host, port }, host: `tcp://${formatHost(host)}:${port}` };
}

function parseSsh(rest: string, raw: string): ParsedHost {
  let url: URL;
  try {
    url = new URL(`ssh://${rest}`);
  } catch {
    return { ok: false, code: 'bad-host', message: `cannot read "${raw}" as an ssh host (expected ssh://[user@]host[:port])` };
  }
  const host = stripBrackets(url.hostname);
  if (host === '') return { ok: false, code: 'bad-host', message: `"${raw}" names no host (expected ssh://[user@]host[:port])` };
  if (url.password !== '') {
    return { ok: false, code: 'bad-host', message: `"${raw}" carries a password; passwords in ssh:// URLs are not supported, use an SSH key in your agent` };
  }
  const port = url.port === '' ? DEFAULT_SSH_PORT : Number(url.port);
  const username = url.username === '' ? null : decodeURIComponent(url.username);
  const remotePath = url.pathname === '' || url.pathname === '/' ? null : decodeURIComponent(url.pathname);
  const user = username === null ? '' : `${username}@`;
  return {
    ok: true,
    address: { kind: 'ssh', host, port, username, remotePath },
    host: `ssh://${user}${formatHost(host)}:${port}${remotePath ?? ''}`,
  };
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
