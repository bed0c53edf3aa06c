// The recipe's image config as engine changes, on top of what the base image already says: a build
// container's own command must never leak into the image, so CMD/ENTRYPOINT come from the recipe
// or, when it says nothing, from the base.
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
    labels: config.labels,
  };
}
