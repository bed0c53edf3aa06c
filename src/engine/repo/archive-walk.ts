// One folder of a container read as a single tar stream (GET /containers/{id}/archive), entry by
// entry: the caller says which files it wants, gets each one as it arrives, and the rest is skipped
// unread. Thousands of small files (metadata/md5-cache) cost one request, and memory holds one at a time.
import * as tar from 'tar-stream';
import type Dockerode from 'dockerode';
import { dialStream } from '../docker/dial.js';
import { EngineError, toEngineError } from '../docker/errors.js';
import { shortId } from '../../core/format/short-id.js';

export interface WalkOptions {
  /** Relative to the archive (the folder's base name first); true to receive the file. */
  want(path: string): boolean;
  /** A wanted regular file, whole. */
  file(path: string, content: Buffer): void;
  /** One wanted file larger than this is skipped (default 1 MiB). */
  maxFileBytes?: number;
}

/** Walk `containerPath`; false when it does not exist. */
export async function walkArchive(docker: Dockerode, containerId: string, containerPath: string, options: WalkOptions): Promise<boolean> {
  const action = `read ${containerPath} from container ${shortId(containerId)}`;
  let res;
  try {
    res = await dialStream(docker, { method: 'GET', path: `/containers/${containerId}/archive`, query: { path: containerPath }, ok: [200] });
  } catch (err) {
    const e = toEngineError(err, { action, notFound: 'container', subject: shortId(containerId) });
    // A 404 here means the path (the container was just created).
    if (e.kind === 'container-not-found' || e.kind === 'not-found') return false;
    throw e;
  }
  const maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
  const extract = tar.extract();
  res.pipe(extract as unknown as NodeJS.WritableStream);
  res.on('error', (err: Error) => extract.destroy(err));
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const name = h.name.replace(/\/$/, '');
      const isFile = h.type === 'file' || h.type === 'contiguous-file';
      if (!isFile || (h.size ?? 0) > maxFileBytes || !options.want(name)) {
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      options.file(name, Buffer.concat(chunks));
    }
  } catch (err) {
    res.destroy();
    throw err instanceof EngineError ? err : toEngineError(err, { action });
  }
  return true;
}
