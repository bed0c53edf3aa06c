// Local images that can serve as the Portage snapshot: those declaring the repository as a VOLUME
// (gentoo/portage does; so can a user's own). Listing needs an inspect per image, done a few at a time.
import type Dockerode from 'dockerode';
import { inspectImage, listImages, type ImageSummary } from '../docker/index.js';

const SNAPSHOT_VOLUMES = ['/var/db/repos/gentoo', '/usr/portage'];

export interface SnapshotImage {
  /** The first tag (what a recipe names). */
  ref: string;
  id: string;
  /** The declared repository folder. */
  repoPath: string;
  created: string;
  size: number;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Tagged local images that declare VOLUME /var/db/repos/gentoo (or the old /usr/portage). */
export async function findSnapshotImages(docker: Dockerode, images?: readonly ImageSummary[]): Promise<SnapshotImage[]> {
  const tagged = (images ?? (await listImages(docker))).filter((i) => i.tags.length > 0);
  const found = await mapLimited(tagged, 4, async (image): Promise<SnapshotImage | null> => {
    const details = await inspectImage(docker, image.id).catch(() => null);
    const declared = Object.keys(details?.config.Volumes ?? {});
    const repoPath = SNAPSHOT_VOLUMES.find((v) => declared.includes(v));
    return repoPath ? { ref: image.tags[0]!, id: image.id, repoPath, created: image.created, size: image.size } : null;
  });
  return found.filter((s): s is SnapshotImage => s !== null);
}
