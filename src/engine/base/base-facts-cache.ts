// Base facts kept between builds. What `emerge --info` and the package database say is fixed by the
// image (an image ID names its content) and by the tree emerge reads: the base's own tree (inside the
// image) or a snapshot image's (also named by its ID). So facts read once for that pair are read from a
// file afterwards instead of running a probe container (about a second per build). A tree from a host
// folder can change under the same path, so facts read with one are never kept. Only facts that read
// cleanly are kept (no emerge --info problem); a file that cannot be read or parsed is read again.
// The base's own make.conf is fixed by the image alone, and kept by its ID (kept-by-image.ts).
import type Dockerode from 'dockerode';
import { inspectImage } from '../docker/index.js';
import { inspectBase, type BaseInfo, type InspectBaseOptions } from './inspect-base.js';
import { keptReading } from './kept-by-image.js';
import { readBaseMakeConf } from './base-files.js';

/** Bump when BaseInfo's meaning changes: older files are then ignored. */
const FORMAT = 1;
/** Bump when what readBaseMakeConf returns changes meaning. */
const MAKE_CONF_FORMAT = 1;

export interface CachedInspectOptions extends InspectBaseOptions {
  /**
   * What the tree emerge reads is, beside the image: `base` (the image's own), `snapshot:<image ID>`,
   * or null when it can change under the same name (a host folder): then nothing is kept.
   */
  tree: string | null;
  /** The environment whose XDG cache folder holds the files (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** inspectBase, or the facts kept from an earlier reading of the same image and tree. */
export async function inspectBaseCached(docker: Dockerode, image: string, options: CachedInspectOptions): Promise<BaseInfo> {
  const { tree, env = process.env, ...inspect } = options;
  if (tree === null) return inspectBase(docker, image, inspect);
  const details = await inspectImage(docker, image);
  const kept = keptReading<BaseInfo>(env, 'base-facts', { format: FORMAT, imageId: details.id, tree });
  const facts = await kept.read();
  // The repo digest is the one fact a tag can change for one image ID (a pull adds one): read fresh.
  if (facts && facts.imageId === details.id) return { ...facts, digest: details.digests[0]?.split('@')[1] ?? null };
  // By ID: the image the facts are kept under is the image they were read from, even if the tag moves meanwhile.
  const info = await inspectBase(docker, details.id, inspect);
  if (info.infoProblem === null) await kept.keep(info);
  return { ...info, digest: details.digests[0]?.split('@')[1] ?? null };
}

/**
 * readBaseMakeConf, or the text kept from an earlier reading of the same image ID (a container create,
 * an archive read and a removal, about 75 ms of every build and pretend).
 */
export async function readBaseMakeConfCached(docker: Dockerode, image: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  let id: string;
  try {
    ({ id } = await inspectImage(docker, image));
  } catch {
    // Not here (or the engine failed): the reading itself says so in its own words.
    return readBaseMakeConf(docker, image);
  }
  const kept = keptReading<{ makeConf: string | null }>(env, 'base-make-conf', { format: MAKE_CONF_FORMAT, imageId: id });
  const known = await kept.read();
  if (known) return known.makeConf;
  const makeConf = await readBaseMakeConf(docker, id);
  await kept.keep({ makeConf });
  return makeConf;
}
