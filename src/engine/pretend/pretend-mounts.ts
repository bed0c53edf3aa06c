// What a pretend container sees besides the base: the Portage tree from the recipe's source, and the
// cache volumes the build would use (read-only, and only when they already exist: pretend never
// creates a volume, and an empty cache is the same as none).
import type Dockerode from 'dockerode';
import type { BaseFacts } from '../../core/plan/shared-pieces.js';
import type { PretendCommand } from '../../core/pretend/pretend-plan.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { EngineError, inspectVolume, type MountSpec } from '../docker/index.js';
import { treeMountsFor } from '../repo/tree-source.js';

export interface PretendMounts {
  mounts: MountSpec[];
  volumesFrom: string[];
}

async function exists(docker: Dockerode, name: string): Promise<boolean> {
  try {
    await inspectVolume(docker, name);
    return true;
  } catch (err) {
    if (err instanceof EngineError && (err.kind === 'volume-not-found' || err.kind === 'not-found')) return false;
    throw err;
  }
}

/**
 * Tree source and the plan's existing caches (distfiles, binary packages; not ccache, pretend compiles
 * nothing). The binary package cache is named after the base's CHOST, so it needs `base`.
 */
export async function pretendMounts(docker: Dockerode, recipe: Recipe, command: PretendCommand, base: BaseFacts | null): Promise<PretendMounts> {
  const caches = command.caches.filter((c) => c.role === 'distfiles' || (c.role === 'binpkgs' && base !== null));
  const [tree, present] = await Promise.all([treeMountsFor(docker, recipe.portage), Promise.all(caches.map((c) => exists(docker, c.name)))]);
  const mounts: MountSpec[] = [...tree.mounts];
  const volumesFrom = [...tree.volumesFrom];
  caches.forEach((c, i) => {
    if (present[i]) mounts.push({ kind: 'volume', name: c.name, target: c.target, readOnly: true });
  });
  return { mounts, volumesFrom };
}
