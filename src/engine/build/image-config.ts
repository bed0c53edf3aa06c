// The recipe's image config as engine changes, on top of what the base image already says: a build
// container's own command must never leak into the image, so CMD/ENTRYPOINT come from the recipe
// or, when it says nothing, from the base. Its environment must not either: the image's ENV is the
// base's plus the recipe's `image.env`, never what the build ran with.
import type { ImageConfig } from '../../core/recipe/recipe-schema.js';
import type { ConfigChanges, InspectedConfig } from '../docker/index.js';

/** Config changes for a result image. */
export function imageChanges(config: ImageConfig, base: InspectedConfig | null): ConfigChanges {
  const hasOwnCommand = config.entrypoint !== undefined || config.cmd !== undefined;
  const entrypoint = config.entrypoint ?? (hasOwnCommand ? [] : base?.Entrypoint ?? []);
  const cmd = config.cmd ?? (hasOwnCommand ? [] : base?.Cmd ?? []);
  return {
    entrypoint,
    cmd,
    env: Object.entries(config.env).map(([k, v]) => `${k}=${v}`),
    exposedPorts: config.expose.map((p) => (p.includes('/') ? p : `${p}/tcp`)),
    ...(config.user !== undefined ? { user: config.user } : {}),
    ...(config.workdir !== undefined ? { workdir: config.workdir } : {}),
    volumes: config.volumes,
    labels: { ...config.labels },
  };
}

/** Variables engines add to every container's config themselves (Podman); not the build's. */
const ENGINE_ENV = new Set(['container', 'HOSTNAME', 'HOME', 'TERM']);

function envKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}

/**
 * Names of container variables a commit would copy into the image although neither the base nor
 * the recipe set them that way (engines keep every container variable the new config does not name).
 */
export function leakedBuildEnv(containerEnv: readonly string[], base: InspectedConfig | null, config: ImageConfig): string[] {
  const baseEntries = new Set(base?.Env ?? []);
  const own = new Set(Object.keys(config.env));
  return [...new Set(containerEnv.filter((e) => !baseEntries.has(e) && !own.has(envKey(e)) && !ENGINE_ENV.has(envKey(e))).map(envKey))];
}
