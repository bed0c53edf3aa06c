// The binary package indexes a pretend saw, read from its stopped container before it goes: the local
// cache's $PKGDIR/Packages and the binhost indexes Portage fetched while resolving, which it caches
// under /var/cache/edb/binhost/<host>/<path>/Packages (bintree.py).
import type Dockerode from 'dockerode';
import { parsePackagesIndex, type PackagesIndex } from '../../core/forecast/packages-index.js';
import { downloadPath, EngineError } from '../docker/index.js';

const BINHOST_INDEX_CACHE = '/var/cache/edb/binhost';
/** Portage's default PKGDIR, where gentoo-wb mounts the binary package cache. */
export const DEFAULT_PKGDIR = '/var/cache/binpkgs';
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

export interface BinaryIndexes {
  local: PackagesIndex | null;
  /** One per binhost, with the path it was cached under (`<host>/<path>`). */
  remote: { host: string; index: PackagesIndex }[];
}

async function entries(docker: Dockerode, id: string, path: string) {
  try {
    return await downloadPath(docker, id, path, { maxBytes: MAX_INDEX_BYTES });
  } catch (err) {
    // No cache mounted, no binhost consulted: no index, not a failure.
    if (err instanceof EngineError && err.kind === 'not-found') return [];
    throw err;
  }
}

/** The indexes in a (stopped or running) container; missing ones are left out. */
export async function readBinaryIndexes(docker: Dockerode, containerId: string, pkgdir = DEFAULT_PKGDIR): Promise<BinaryIndexes> {
  const [local, remote] = await Promise.all([entries(docker, containerId, `${pkgdir}/Packages`), entries(docker, containerId, BINHOST_INDEX_CACHE)]);
  const localFile = local.find((e) => e.type === 'file');
  return {
    local: localFile?.content ? parsePackagesIndex(localFile.content.toString('utf8')) : null,
    remote: remote
      .filter((e) => e.type === 'file' && e.content && e.path.endsWith('/Packages'))
      // Archive paths start with the folder's own name: `binhost/<host>/<path>/Packages`.
      .map((e) => ({ host: e.path.split('/').slice(1, -1).join('/'), index: parsePackagesIndex((e.content as Buffer).toString('utf8')) })),
  };
}
