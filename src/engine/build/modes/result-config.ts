// The config of an image made by import (scratch trees, flattened containers), as changes. An
// import starts from nothing, so whatever the image should say must be written out: for a flattened
// build the base's config with the recipe's on top; for a scratch tree only the recipe's.
import { LABEL_PREFIX, type Labels } from '../../../core/labels.js';
import type { ImageConfig } from '../../../core/recipe/recipe-schema.js';
import { carryConfig, changesFor, type ChangeDialect, type ConfigChanges, type InspectedConfig } from '../../docker/index.js';
import { imageChanges } from '../image-config.js';

function envKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}

/** Config changes for an imported result: `base` null for a tree that carries nothing of the builder. */
function importedConfig(config: ImageConfig, base: InspectedConfig | null, labels: Labels): ConfigChanges {
  const own = imageChanges(config, base);
  const carried = base ? carryConfig(base).changes : null;
  const ownKeys = new Set((own.env ?? []).map(envKey));
  // A base made by gentoo-wb carries our labels for *its* build; this image gets its own.
  const baseLabels = Object.fromEntries(Object.entries(carried?.labels ?? {}).filter(([k]) => !k.startsWith(LABEL_PREFIX)));
  return {
    entrypoint: own.entrypoint ?? null,
    cmd: own.cmd ?? null,
    env: [...(carried?.env ?? []).filter((e) => !ownKeys.has(envKey(e))), ...(own.env ?? [])],
    exposedPorts: [...new Set([...(carried?.exposedPorts ?? []), ...(own.exposedPorts ?? [])])],
    ...(own.user !== undefined ? { user: own.user } : carried?.user ? { user: carried.user } : {}),
    ...(own.workdir !== undefined ? { workdir: own.workdir } : carried?.workdir ? { workdir: carried.workdir } : {}),
    volumes: [...new Set([...(carried?.volumes ?? []), ...(own.volumes ?? [])])],
    labels: { ...baseLabels, ...(own.labels ?? {}), ...labels },
  };
}

/** The same as change strings for the engine. */
export function importChanges(config: ImageConfig, base: InspectedConfig | null, labels: Labels, dialect: ChangeDialect): string[] {
  return changesFor(importedConfig(config, base, labels), dialect);
}
