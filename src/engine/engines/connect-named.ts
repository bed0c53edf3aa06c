// `--engine NAME` in one call: the configured engine's endpoint, identified and pinned like
// connectEngine's, so a command switches engines by calling this instead.
import { connectToEndpoint, type EngineConnection } from '../docker/connect.js';
import type { Endpoint } from '../docker/endpoint-types.js';
import { EngineError } from '../docker/errors.js';
import { openSettings, type SettingsStore } from '../settings/settings-store.js';
import { resolveEngineEndpoint } from './engine-endpoint.js';
import { findEngine, unknownEngine } from './engine-store.js';
import { quietSshUrlWarning } from './quiet-ssh-warning.js';
import type { EngineEntry } from './engine-spec.js';

export interface NamedEngineOptions {
  env?: NodeJS.ProcessEnv;
  /** Give up when the engine has not answered within this long (default 10 s). */
  timeoutMs?: number;
  /** The settings to read (default: the user's settings file). */
  store?: SettingsStore;
}

/** Connect to the engine saved under `name`; throws EngineError (kind `endpoint`, …) with advice. */
export async function connectNamedEngine(name: string, options: NamedEngineOptions = {}): Promise<EngineConnection> {
  return connectToEndpoint(namedEngineEndpoint(name, options), options.timeoutMs);
}

/** The endpoint of the engine saved under `name`, not yet connected; throws EngineError (kind `endpoint`) with advice. */
export function namedEngineEndpoint(name: string, options: Omit<NamedEngineOptions, 'timeoutMs'> = {}): Endpoint {
  const env = options.env ?? process.env;
  const store = options.store ?? openSettings(env);
  const entry = findEngine(store, name);
  if (entry === null) {
    const refused = unknownEngine(store, name);
    throw new EngineError('endpoint', refused.message, refused.hint);
  }
  return entryEndpoint(entry, env);
}

/** Connect to a configured engine given its entry. */
export async function connectEngineEntry(entry: EngineEntry, env: NodeJS.ProcessEnv = process.env, timeoutMs?: number): Promise<EngineConnection> {
  return connectToEndpoint(entryEndpoint(entry, env), timeoutMs);
}

function entryEndpoint(entry: EngineEntry, env: NodeJS.ProcessEnv): Endpoint {
  const resolved = resolveEngineEndpoint(entry, env);
  if (!resolved.ok) throw new EngineError('endpoint', resolved.error.message, resolved.error.hint);
  if (resolved.endpoint.address.kind === 'ssh') quietSshUrlWarning();
  return resolved.endpoint;
}
