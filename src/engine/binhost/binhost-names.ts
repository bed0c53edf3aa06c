// What a binhost may be called and where it lives: its name rules, container name, the cache volume of a
// key, and the ports. Pure; the serve command checks a request with these before any engine call.
import { objectNamePrefix } from '../../core/labels.js';
import { parseBinhostWord, SERVED_NAME } from '../../core/recipe/binhost-sources.js';

/** The name `binhost serve` gives when none is asked for (a recipe then says `--binhost default`). */
export const DEFAULT_BINHOST_NAME = 'default';

/** The port the server listens on inside its container when the host port is left to the engine (`--port 0`). */
const DEFAULT_INSIDE_PORT = 8000;

/** The host port published when none is asked for (python's http.server default). */
export const DEFAULT_HOST_PORT = 8000;

/**
 * Why `name` cannot name a binhost, or null. The rule is the recipe's (`--binhost NAME`): names become part
 * of a container name and a host name on a Docker network; the words a recipe reads as Gentoo's official
 * binhost (gentoo, gentoo-v3, …) are taken.
 */
export function binhostNameProblem(name: string): string | null {
  const word = parseBinhostWord(name);
  if (word.ok && word.source.kind === 'gentoo') return `"${name}" is reserved: in a recipe, --binhost ${name} means Gentoo's official binhost`;
  if (SERVED_NAME.test(name)) return null;
  if (name.length === 0 || name.length > 32) return `a binhost name has 1 to 32 characters ("${name}" has ${name.length})`;
  return `"${name}" is not a binhost name: use lowercase letters, digits and "-" (not first or last), e.g. default or team-x86`;
}

/** The binary package cache keys binpkgCacheKey makes: 12 lowercase hex digits. */
const KEY_PATTERN = /^[0-9a-f]{12}$/;

/** Why `key` is not a cache key, or null. */
export function cacheKeyProblem(key: string): string | null {
  return KEY_PATTERN.test(key) ? null : `"${key}" is not a binary package cache key (12 hex digits, as in the volume name gentoo-wb-binpkgs-3f2a9c1b7d4e)`;
}

/**
 * The cache volume of a key: binpkgVolume (core/plan/shared-pieces.ts) names it from CHOST and CFLAGS;
 * a user who gives the key itself gets the same name (a test checks both agree).
 */
export function binpkgVolumeOfKey(key: string, namespace: string | null): string {
  return `${objectNamePrefix(namespace)}binpkgs-${key}`;
}

/** `gentoo-wb-binhost-NAME`, or `gentoo-wb-<ns>-binhost-NAME` in a namespace. */
export function binhostContainerName(name: string, namespace: string | null): string {
  return `${objectNamePrefix(namespace)}binhost-${name}`;
}

/** Parse a `--port` value: an integer 0..65535 (0: the engine picks a free port). */
export function parsePort(raw: string): { ok: true; port: number } | { ok: false; problem: string } {
  if (!/^\d{1,5}$/.test(raw.trim())) return { ok: false, problem: `--port ${raw}: not a port number (0 to 65535; 0 lets the engine pick one)` };
  const port = Number(raw.trim());
  if (port > 65535) return { ok: false, problem: `--port ${raw}: ports go up to 65535` };
  return { ok: true, port };
}

/** The port the server listens on inside its container: the host port itself, so both URLs name one port, unless the engine picks. */
export function insidePortFor(hostPort: number): number {
  return hostPort === 0 ? DEFAULT_INSIDE_PORT : hostPort;
}
