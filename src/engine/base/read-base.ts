// What the Base step (and a pretend, and a binhost) knows of a chosen image: inspectBase run with the
// tree the recipe will use, so profile and USE are read the way the build will see them. A missing
// snapshot image does not stop the inspection; it is reported beside the facts.
import type Dockerode from 'dockerode';
import type { PortageSource } from '../../core/recipe/recipe-schema.js';
import { EngineError } from '../docker/index.js';
import { baseTree, treeMountsFor, type TreeMounts } from '../repo/tree-source.js';
import { inspectBaseCached } from './base-facts-cache.js';
import type { BaseInfo } from './inspect-base.js';

export interface BaseReading {
  info: BaseInfo;
  /** Why the chosen tree was not mounted (e.g. the snapshot image is not present), or null. */
  treeProblem: string | null;
}

/**
 * Inspect `image` with the tree of `source` mounted as a build would; facts kept from an earlier
 * reading of the same image and tree are used instead of a probe container (base-facts-cache.ts).
 */
export async function readBase(docker: Dockerode, image: string, source: PortageSource, env: NodeJS.ProcessEnv = process.env): Promise<BaseReading> {
  let mounts: TreeMounts = baseTree();
  let treeProblem: string | null = null;
  try {
    mounts = await treeMountsFor(docker, source);
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    treeProblem = err.kind === 'image-not-found' && source.source === 'snapshot'
      ? `the snapshot image ${source.image} is not here; pull it or choose another tree (Tree source)`
      : `${err.message} (${err.hint})`;
  }
  const { tree, ...inspect } = mounts;
  const info = await inspectBaseCached(docker, image, { tree, env, ...inspect });
  return { info, treeProblem };
}
