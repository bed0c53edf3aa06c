// The docker CLI's context store, read-only: config.json's currentContext, each context's
// meta.json under contexts/meta/<sha256(name)>/ and its TLS files under contexts/tls/<sha256(name)>/docker/.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileReader } from './endpoint-types.js';

/** `$DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const fromEnv = env.DOCKER_CONFIG;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : path.join(homeDir, '.docker');
}

/** The store keys contexts by the sha256 of their name (hex), which keeps odd names off the path. */
function contextDirName(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}

export type ConfigRead = { currentContext: string | null; problem: string | null };

/** currentContext from config.json; a missing file is normal, an unreadable one is reported, not fatal (as in the CLI). */
export function readCurrentContext(files: FileReader, configDir: string): ConfigRead {
  const file = path.join(configDir, 'config.json');
  const got = files.read(file);
  if (!got.ok) {
    return { currentContext: null, problem: got.code === 'ENOENT' ? null : `cannot read ${file} (${got.code})` };
  }
  try {
    const parsed: unknown = JSON.parse(got.data.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return { currentContext: null, problem: `${file} is not a JSON object` };
    const value = (parsed as Record<string, unknown>).currentContext;
    return { currentContext: typeof value === 'string' && value !== '' ? value : null, problem: null };
  } catch (err) {
    return { currentContext: null, problem: `${file} is not valid JSON (${(err as Error).message})` };
  }
}

/** The docker endpoint a named context stores. */
export interface ContextEndpoint {
  host: string;
  skipTlsVerify: boolean;
  metaFile: string;
}

export type ContextRead =
  | { ok: true; endpoint: ContextEndpoint }
  | { ok: false; code: 'context-not-found' | 'context-invalid'; message: string };

/** Read `contexts/meta/<hash>/meta.json` for a named context. */
export function readContextEndpoint(files: FileReader, configDir: string, name: string): ContextRead {
  const metaFile = path.join(configDir, 'contexts', 'meta', contextDirName(name), 'meta.json');
  const got = files.read(metaFile);
  if (!got.ok) {
    return got.code === 'ENOENT'
      ? { ok: false, code: 'context-not-found', message: `context "${name}" does not exist (no ${metaFile})` }
      : { ok: false, code: 'context-invalid', message: `cannot read context "${name}" from ${metaFile} (${got.code})` };
  }
  let meta: unknown;
  try {
    meta = JSON.parse(got.data.toString('utf8'));
  } catch (err) {
    return { ok: false, code: 'context-invalid', message: `context "${name}": ${metaFile} is not valid JSON (${(err as Error).message})` };
  }
  const docker = pick(pick(meta, 'Endpoints'), 'docker');
  const host = pick(docker, 'Host');
  if (typeof host !== 'string') {
    return { ok: false, code: 'context-invalid', message: `context "${name}" has no docker endpoint (Endpoints.docker.Host) in ${metaFile}` };
  }
  return { ok: true, endpoint: { host, skipTlsVerify: pick(docker, 'SkipTLSVerify') === true, metaFile } };
}

/** The folder holding a context's ca.pem, cert.pem and key.pem. */
export function contextTlsDir(configDir: string, name: string): string {
  return path.join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
}

export interface TlsFiles {
  ca: Buffer | null;
  cert: Buffer | null;
  key: Buffer | null;
  /** Files that exist but could not be read (name and errno). */
  unreadable: string[];
}

/** Read ca.pem, cert.pem and key.pem from a folder; absent files are null. */
export function readTlsFiles(files: FileReader, dir: string): TlsFiles {
  const result: TlsFiles = { ca: null, cert: null, key: null, unreadable: [] };
  for (const [field, name] of [['ca', 'ca.pem'], ['cert', 'cert.pem'], ['key', 'key.pem']] as const) {
    const file = path.join(dir, name);
    const got = files.read(file);
    if (got.ok) result[field] = got.data;
    else if (got.code !== 'ENOENT') result.unreadable.push(`${file} (${got.code})`);
  }
  return result;
}

function pick(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
