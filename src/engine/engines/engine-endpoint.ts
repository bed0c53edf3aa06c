// A configured engine turned into an Endpoint by the same resolver the global -H/--context flags use
// (src/engine/docker/endpoint.ts): a context is read from the docker context store, a tcp:// URL
// with a TLS folder is resolved as the docker CLI resolves DOCKER_HOST + DOCKER_TLS_VERIFY=1 +
// DOCKER_CERT_PATH. The user's own DOCKER_HOST/DOCKER_CONTEXT/TLS variables never leak in.
import os from 'node:os';
import { realFiles } from '../docker/client.js';
import { resolveEndpoint } from '../docker/endpoint.js';
import type { EndpointResolution, FileReader } from '../docker/endpoint-types.js';
import { parseEngineUrl, type EngineEntry } from './engine-spec.js';

/** The endpoint of a configured engine, or why it cannot be resolved. */
export function resolveEngineEndpoint(
  entry: EngineEntry, env: NodeJS.ProcessEnv = process.env, files: FileReader = realFiles,
): EndpointResolution {
  const target = parseEngineUrl(entry.url);
  if (!target.ok) {
    return { ok: false, error: { code: 'bad-host', message: `engine "${entry.name}": ${target.message}`, hint: target.hint, source: 'flag', context: null } };
  }
  // Only what locates the docker config folder and authenticates ssh:// is taken from the environment.
  const base: Record<string, string | undefined> = {
    DOCKER_CONFIG: env.DOCKER_CONFIG, SSH_AUTH_SOCK: env.SSH_AUTH_SOCK, USER: env.USER, LOGNAME: env.LOGNAME,
  };
  const homeDir = env.HOME ?? os.homedir();
  if (target.value.kind === 'context') {
    return resolveEndpoint({ flagContext: target.value.context, env: base, homeDir, files });
  }
  const tlsEnv = entry.tlsDir === undefined ? {} : { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: entry.tlsDir };
  return resolveEndpoint({ flagHost: target.value.host, env: { ...base, ...tlsEnv }, homeDir, files });
}
