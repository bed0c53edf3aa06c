// Where the ebuild repository a build will use can be read: the Portage snapshot container (shared,
// long-lived, labelled), or a short-lived labelled container from the base image — with the host
// repository bind-mounted read-only, or with the base's own tree. Containers here are never started:
// the engine's archive API reads a created container's file system, volumes and binds included.
import { lstat, opendir, readFile, realpath } from 'node:fs/promises';
import nodePath from 'node:path';
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { hostRepositoryPathProblem } from '../../core/recipe/recipe-validate.js';
import type { PortageSource } from '../../core/recipe/recipe-schema.js';
import { appVersion } from '../app-info.js';
import { createContainer, downloadPath, EngineError, ensurePortageSnapshot, inspectImage, removeContainer, type DownloadedEntry, type MountSpec } from '../docker/index.js';

export const REPO_PATH = '/var/db/repos/gentoo';

/** How a container sees the tree: what to mount for a build or a probe. */
export interface TreeMounts {
  volumesFrom: string[];
  mounts: MountSpec[];
  /**
   * What names the tree's content, for facts kept about it (base-facts-cache.ts): `base` (the image's
   * own), `snapshot:<image ID>`, or null for a host folder, which can change under the same path.
   */
  tree: string | null;
}

/** The base's own tree: nothing mounted (a new object each time: callers may add to its lists). */
export function baseTree(): TreeMounts {
  return { volumesFrom: [], mounts: [], tree: 'base' };
}

/** Mounts that give a container from the base the recipe's tree (nothing for the base's own). */
export async function treeMountsFor(docker: Dockerode, source: PortageSource): Promise<TreeMounts> {
  if (source.source === 'snapshot') {
    const snapshot = await ensurePortageSnapshot(docker, { image: source.image, toolVersion: appVersion() });
    return { volumesFrom: [snapshot.volumesFrom], mounts: [], tree: `snapshot:${snapshot.imageId}` };
  }
  if (source.source === 'host') {
    await checkHostRepository(source.path);
    return { volumesFrom: [], mounts: [{ kind: 'bind', source: source.path, target: REPO_PATH, readOnly: true }], tree: null };
  }
  return baseTree();
}

/** Entries looked at before a host repository is called too big to check (Gentoo's has about 200,000). */
const MAX_ENTRIES = 1_000_000;

/**
 * Refuse a host folder as the ebuild repository unless it is one: a plain absolute path that is no
 * system folder (core rule), still none once symlinks are resolved, a directory with
 * profiles/repo_name, and nothing inside that a build must never reach — no socket, no device, no
 * other file system mounted below it. Throws an EngineError saying what was found and where.
 */
async function checkHostRepository(hostPath: string): Promise<void> {
  const refuse = (problem: string, hint = 'point portage.path at an ebuild repository folder, e.g. /var/db/repos/gentoo'): never => {
    throw new EngineError('bad-request', `the host repository ${hostPath} ${problem}`, hint);
  };
  const textual = hostRepositoryPathProblem(hostPath);
  if (textual) refuse(textual);
  let real: string;
  try {
    real = await realpath(hostPath);
  } catch (err) {
    refuse(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (real! !== hostPath) {
    const resolved = hostRepositoryPathProblem(real!);
    if (resolved) refuse(`leads to ${real!}, which ${resolved}`);
  }
  const root = await lstat(real!);
  if (!root.isDirectory()) refuse('is not a folder');
  const repoName = await readFile(nodePath.join(real!, 'profiles', 'repo_name'), 'utf8').catch(() => null);
  if (repoName === null || repoName.trim() === '') refuse('has no profiles/repo_name, so it is not an ebuild repository');
  let seen = 0;
  const queue = [real!];
  while (queue.length > 0) {
    const dir = queue.pop()!;
    const handle = await opendir(dir).catch(() => null);
    if (!handle) continue;
    for await (const entry of handle) {
      if (++seen > MAX_ENTRIES) refuse(`holds more than ${MAX_ENTRIES} entries, more than any ebuild repository`);
      const full = nodePath.join(dir, entry.name);
      if (entry.isSocket()) refuse(`holds a socket (${full}); a build must never reach it`, 'use a folder that holds only the repository');
      if (entry.isBlockDevice() || entry.isCharacterDevice() || entry.isFIFO()) refuse(`holds a device or pipe (${full})`, 'use a folder that holds only the repository');
      if (entry.isDirectory()) {
        const st = await lstat(full).catch(() => null);
        if (st && st.dev !== root.dev) refuse(`has another file system mounted at ${full}`, 'use a folder that holds only the repository');
        queue.push(full);
      }
    }
  }
}

/** A located tree: a key that changes when its content can have changed, and a way to read it. */
export interface TreeHandle {
  /** Cache key: the snapshot's or base's image ID, or the host path. */
  key: string;
  /** For people: "snapshot gentoo/portage:latest". */
  label: string;
  repoPath: string;
  /** Read files with `fetch` (null when a path does not exist) while the reader container lives. */
  read<T>(body: (fetch: (path: string, maxBytes?: number) => Promise<DownloadedEntry[] | null>) => Promise<T>): Promise<T>;
}

function fetcher(docker: Dockerode, containerId: string) {
  return async (path: string, maxBytes = 16 * 1024 * 1024): Promise<DownloadedEntry[] | null> => {
    try {
      return await downloadPath(docker, containerId, path, { maxBytes });
    } catch (err) {
      if (err instanceof EngineError && err.kind === 'not-found') return null;
      throw err;
    }
  };
}

/** Find the tree of a source; `baseImage` is needed for the host and base sources. */
export async function locateTree(docker: Dockerode, source: PortageSource, baseImage: string | null): Promise<TreeHandle> {
  if (source.source === 'snapshot') {
    const snapshot = await ensurePortageSnapshot(docker, { image: source.image, toolVersion: appVersion() });
    return {
      key: `snapshot:${snapshot.imageId}`,
      label: `snapshot ${source.image}`,
      repoPath: snapshot.repoPath,
      read: (body) => body(fetcher(docker, snapshot.containerId)),
    };
  }
  if (baseImage === null) {
    throw new EngineError('bad-request', source.source === 'host' ? 'reading a host repository needs a base image to mount it in' : 'no base image is chosen, so there is no base tree to read',
      'choose a base on the Base step first');
  }
  const image = await inspectImage(docker, baseImage);
  const mounts = (await treeMountsFor(docker, source)).mounts;
  const label = source.source === 'host' ? `host repository ${source.path}` : `the tree in ${baseImage}`;
  return {
    key: source.source === 'host' ? `host:${source.path}` : `base:${image.id}`,
    label,
    repoPath: REPO_PATH,
    async read(body) {
      const id = await createContainer(docker, {
        image: image.id,
        cmd: ['/bin/true'],
        network: 'none',
        mounts,
        labels: gentooWbLabels({ version: appVersion(), role: 'probe', sourceImage: image.id }),
      });
      try {
        return await body(fetcher(docker, id));
      } finally {
        await removeContainer(docker, id, { force: true }).catch(() => undefined);
      }
    },
  };
}
