// A folder of a (stopped) container as a stream of tar entries named by their path inside that
// folder: the engine's archive of /destination starts every name with "destination/", which the
// image must not have.
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import type Dockerode from 'dockerode';
import { EngineError, toEngineError } from '../../docker/index.js';

export interface TreeEntry {
  /** Absolute path inside the tree ("/" is the folder itself). */
  path: string;
  header: tar.Header;
  /** Hard links: the in-tree path of the file linked to. */
  linkPath: string | null;
  /** The entry's content; must be consumed (or resumed) before the next entry comes. */
  stream: Readable;
}

/** Open the tar stream of a folder in a container (GET /containers/{id}/archive), not buffered. */
export async function openTreeArchive(docker: Dockerode, containerId: string, folder: string): Promise<Readable> {
  try {
    return (await docker.getContainer(containerId).getArchive({ path: folder })) as unknown as Readable;
  } catch (err) {
    const e = toEngineError(err, { action: `read ${folder} from container ${containerId.slice(0, 12)}`, notFound: 'container', subject: containerId.slice(0, 12) });
    throw e.kind === 'container-not-found' ? new EngineError('not-found', `${folder} is not in the build container ${containerId.slice(0, 12)} (or the container is gone)`, 'the build steps did not create it; see the build log', { cause: err }) : e;
  }
}

/** Drop the first path component of an archive name ("destination/usr/bin" → "/usr/bin"). */
export function inTreePath(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  const slash = trimmed.indexOf('/');
  return slash < 0 ? '/' : trimmed.slice(slash);
}

/** Visit every entry of a tree archive in order; the visitor must consume each entry's stream. */
export async function forEachTreeEntry(archive: Readable, visit: (entry: TreeEntry) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  // An archive that breaks off mid-entry must fail the entry being read, or its reader waits forever.
  let current: Readable | null = null;
  extract.on('error', (err) => current?.destroy(err));
  archive.on('error', (err) => extract.destroy(err));
  archive.pipe(extract as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of extract) {
      const header = entry.header;
      current = entry as unknown as Readable;
      await visit({
        path: inTreePath(header.name),
        header,
        linkPath: header.type === 'link' && header.linkname ? inTreePath(header.linkname) : null,
        stream: current,
      });
    }
  } catch (err) {
    archive.destroy();
    throw err;
  }
}
