// A fresh client for the engine the environment names (or a given host), for tests and the global
// setup. The product connects through connectEngine, which also pins the API version.
import { dockerFor, resolveBasicEndpoint, type DockerConnection } from '../../src/engine/docker/client.js';

/** Resolves the endpoint (flag host, DOCKER_HOST, context, default socket) and builds a client. */
export function connectDocker(flagHost?: string, env: NodeJS.ProcessEnv = process.env): DockerConnection {
  const endpoint = resolveBasicEndpoint(flagHost, env);
  return { docker: dockerFor(endpoint), endpoint };
}
