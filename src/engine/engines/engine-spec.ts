// What `engines add NAME URL [--tls-dir DIR]` accepts, checked before anything is saved: a name
// scripts can pass to `--engine`, and a URL the docker CLI would understand (a context, ssh://,
// tcp:// with TLS files, unix://). The endpoint itself is resolved by src/engine/docker/endpoint.ts.
import path from 'node:path';
import { ENGINE_NAME } from '../../core/distcc/distcc-recipe.js';

/** One configured engine as the settings file keeps it. */
// A type, not an interface: it must fit the settings schema's open object (index signature).
export type EngineEntry = {
  name: string;
  /** As given (normalised): `context:NAME`, `ssh://…`, `tcp://…`, `unix:///…`. */
  url: string;
  /** Absolute folder with ca.pem, cert.pem and key.pem (tcp:// only). */
  tlsDir?: string | undefined;
};

/** Where a URL points, before any file is read. */
export type EngineTarget =
  | { kind: 'context'; context: string }
  | { kind: 'host'; scheme: 'ssh' | 'tcp' | 'unix'; host: string };

export type SpecResult<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };

/** The word for the default endpoint where an engine name is expected (`copy --from local`, the ENGINE column). */
export const LOCAL_ENGINE = 'local';

// The rule recipes' `engine` and `distcc.engines` are checked with too.
const NAME_RE = ENGINE_NAME;
// The docker CLI's own rule for context names (cli/context/store: restrictedNamePattern).
const CONTEXT_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/;

/** A name for `--engine`: lower-case letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export function checkEngineName(name: string): SpecResult<string> {
  if (name === LOCAL_ENGINE) return { ok: false, message: `"${LOCAL_ENGINE}" is reserved`, hint: `"${LOCAL_ENGINE}" names the default endpoint (-H, DOCKER_HOST, the docker context) in \`builds\` and \`copy\`; pick another name` };
  if (NAME_RE.test(name)) return { ok: true, value: name };
  const shown = JSON.stringify(name);
  return {
    ok: false,
    message: `${shown} is not a valid engine name`,
    hint: 'use 1 to 63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. build-arm64)',
  };
}

/**
 * Read an engine URL: `context:NAME` or a bare docker context name, `ssh://[user@]host[:port]`,
 * `tcp://host:port`, `unix:///absolute/path` (Docker's, rootless Docker's or Podman's socket).
 */
export function parseEngineUrl(raw: string): SpecResult<EngineTarget> {
  const url = raw.trim();
  if (url === '') return bad('the engine URL is empty', USAGE_HINT);
  if (url.startsWith('context:')) return contextTarget(url.slice('context:'.length), raw);
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) {
    if (CONTEXT_RE.test(url) && !url.includes(':')) return contextTarget(url, raw);
    return bad(`cannot read ${JSON.stringify(raw)} as an engine URL`, USAGE_HINT);
  }
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  const rest = url.slice(schemeEnd + 3);
  switch (scheme) {
    case 'unix':
      if (!path.isAbsolute(rest)) return bad(`${JSON.stringify(raw)} names no absolute socket path`, 'write unix:///path/to/docker.sock (three slashes)');
      return { ok: true, value: { kind: 'host', scheme, host: `unix://${path.normalize(rest)}` } };
    case 'tcp':
      if (rest === '' || rest.startsWith(':')) return bad(`${JSON.stringify(raw)} names no host`, 'write tcp://HOST:PORT (2376 is the usual TLS port)');
      return { ok: true, value: { kind: 'host', scheme, host: url } };
    case 'ssh':
      // The user is saved with the engine: the same login whichever account or script runs gentoo-wb later.
      if (!/^[^@/]+@/.test(rest)) return bad(`${JSON.stringify(raw)} names no user`, 'write ssh://USER@HOST[:PORT] (the account whose `docker` reaches the engine)');
      return { ok: true, value: { kind: 'host', scheme, host: url } };
    default:
      return bad(`unsupported scheme "${scheme}://" in ${JSON.stringify(raw)}`, USAGE_HINT);
  }
}

const USAGE_HINT = 'give context:NAME (a `docker context ls` name), ssh://USER@HOST[:PORT], tcp://HOST:PORT with --tls-dir DIR, or unix:///PATH/TO/SOCKET';

function contextTarget(name: string, raw: string): SpecResult<EngineTarget> {
  if (!CONTEXT_RE.test(name)) return bad(`${JSON.stringify(raw)} does not name a docker context`, 'write context:NAME with a name from `docker context ls`');
  return { ok: true, value: { kind: 'context', context: name } };
}

function bad<T>(message: string, hint: string): SpecResult<T> {
  return { ok: false, message, hint };
}

/** The URL as the settings keep it (`context:NAME` for contexts). */
export function normalEngineUrl(target: EngineTarget): string {
  return target.kind === 'context' ? `context:${target.context}` : target.host;
}
