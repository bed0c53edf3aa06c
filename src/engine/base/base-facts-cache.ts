// Base facts kept between builds. What `emerge --info` and the package database say is fixed by the
// image (an image ID names its content) and by the tree emerge reads: the base's own tree (inside the
// image) or a snapshot image's (also named by its ID). So facts read once for that pair are read from a
// file afterwards instead of running a probe container (about a second per build). A tree from a host
// folder can change under the same path, so facts read with one are never kept. Only facts that read
// cleanly are kept (no emerge --info problem); a file that cannot be read or parsed is read again.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { appPaths } from '../paths.js';
import { inspectImage } from '../docker/index.js';
import { inspectBase, type BaseInfo, type InspectBaseOptions } from './inspect-base.js';

/** Bump when BaseInfo's meaning changes: older files are then ignored. */
const FORMAT = 1;

export interface CachedInspectOptions extends InspectBaseOptions {
  /**
   * What the tree emerge reads is, beside the image: `base` (the image's own), `snapshot:<image ID>`,
   * or null when it can change under the same name (a host folder): then nothing is kept.
   */
  tree: string | null;
  /** The environment whose XDG cache folder holds the files (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

function fileFor(env: NodeJS.ProcessEnv, imageId: string, tree: string): string {
  const name = `${imageId}-${tree}`.replace(/[^A-Za-z0-9._-]+/g, '_');
  return path.join(appPaths(env).cache, 'base-facts', `${name}.json`);
}

async function readKept(file: string, imageId: string, tree: string): Promise<BaseInfo | null> {
  try {
    const kept = JSON.parse(await readFile(file, 'utf8')) as { format?: number; imageId?: string; tree?: string; info?: BaseInfo };
    if (kept.format !== FORMAT || kept.imageId !== imageId || kept.tree !== tree || !kept.info || kept.info.imageId !== imageId) return null;
    return kept.info;
  } catch {
    return null;
  }
}

/** inspectBase, or the facts kept from an earlier reading of the same image and tree. */
export async function inspectBaseCached(docker: Dockerode, image: string, options: CachedInspectOptions): Promise<BaseInfo> {
  const { tree, env = process.env, ...inspect } = options;
  if (tree === null) return inspectBase(docker, image, inspect);
  const details = await inspectImage(docker, image);
  const file = fileFor(env, details.id, tree);
  const kept = await readKept(file, details.id, tree);
  // The repo digest is the one fact a tag can change for one image ID (a pull adds one): read fresh.
  if (kept) return { ...kept, digest: details.digests[0]?.split('@')[1] ?? null };
  // By ID: the image the facts are kept under is the image they were read from, even if the tag moves meanwhile.
  const info = await inspectBase(docker, details.id, inspect);
  if (info.infoProblem === null) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify({ format: FORMAT, imageId: details.id, tree, info }));
      await rename(temp, file);
    } catch {
      // Keeping them only saves time next build; a read-only cache folder costs that and nothing else.
    }
  }
  return { ...info, digest: details.digests[0]?.split('@')[1] ?? null };
}
