// Files into and out of containers as tar archives (PUT/GET /containers/{id}/archive): the only
// way gentoo-wb writes files into a container, so no content ever passes through a shell.
import path from 'node:path/posix';
import * as tar from 'tar-stream';
import type Dockerode from 'dockerode';
import { dialJson, dialStream } from './dial.js';
import { EngineError, toEngineError } from './errors.js';
import { shortId } from '../../core/format/short-id.js';

interface Owner { uid?: number; gid?: number }

/** One thing to create in the container; paths are absolute inside it. */
export type UploadEntry =
  | ({ kind?: 'file'; path: string; content: string | Buffer; mode?: number; mtime?: Date } & Owner)
  | ({ kind: 'dir'; path: string; mode?: number; mtime?: Date } & Owner)
  | ({ kind: 'symlink'; path: string; target: string } & Owner);

/** Refuse paths that are relative, climb out with `..`, or carry NUL bytes. */
function checkContainerPath(p: string): string | null {
  if (!p.startsWith('/')) return `"${p}" is not absolute`;
  if (p.includes('\0')) return `"${p}" contains a NUL byte`;
  if (p.split('/').includes('..')) return `"${p}" contains ".."`;
  if (path.normalize(p) === '/') return 'cannot write the root folder itself';
  return null;
}

/** Build the tar archive for a set of entries (in memory: these are configuration files). */
async function tarOf(entries: UploadEntry[]): Promise<Buffer> {
  for (const entry of entries) {
    const problem = checkContainerPath(entry.path);
    if (problem !== null) throw new EngineError('bad-request', `cannot upload ${entry.path}: ${problem}`, 'give absolute container paths without ".."');
  }
  const pack = tar.pack();
  const done = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  })();
  for (const entry of entries) {
    const name = path.normalize(entry.path).slice(1);
    const owner = { uid: entry.uid ?? 0, gid: entry.gid ?? 0 };
    if (entry.kind === 'dir') {
      pack.entry({ name, type: 'directory', mode: entry.mode ?? 0o755, mtime: entry.mtime ?? new Date(), ...owner });
    } else if (entry.kind === 'symlink') {
      pack.entry({ name, type: 'symlink', linkname: entry.target, mode: 0o777, ...owner });
    } else {
      const body = typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : entry.content;
      pack.entry({ name, type: 'file', size: body.length, mode: entry.mode ?? 0o644, mtime: entry.mtime ?? new Date(), ...owner }, body);
    }
  }
  pack.finalize();
  return done;
}

/**
 * Write files into a container (running or not). Missing parent folders are created by the engine
 * (root-owned, 0755); give `dir` entries first to choose their mode or owner.
 */
export async function uploadFiles(docker: Dockerode, containerId: string, entries: UploadEntry[]): Promise<void> {
  const archive = await tarOf(entries);
  try {
    await dialJson(docker, {
      method: 'PUT', path: `/containers/${containerId}/archive`, query: { path: '/', noOverwriteDirNonDir: true },
      file: archive, headers: { 'Content-Type': 'application/x-tar' }, ok: [200],
    });
  } catch (err) {
    throw toEngineError(err, { action: `upload ${entries.length} file(s) into container ${shortId(containerId)}`, notFound: 'container', subject: shortId(containerId) });
  }
}

/** A file, folder or link read back from a container. */
export interface DownloadedEntry {
  /** Path inside the archive: the downloaded path's base name first (`portage/make.conf`). */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  mode: number;
  /** Owner as the archive says. Podman 4.3's compat archive GET reports 0:0 for every entry; ask `stat` in the container when the owner matters. */
  uid: number;
  gid: number;
  size: number;
  linkTarget: string | null;
  /** Contents of regular files. */
  content: Buffer | null;
}

/** Download a path (file or folder) from a container; refuses archives larger than `maxBytes`. */
export async function downloadPath(docker: Dockerode, containerId: string, containerPath: string, options: { maxBytes?: number } = {}): Promise<DownloadedEntry[]> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const action = `download ${containerPath} from container ${shortId(containerId)}`;
  let res;
  try {
    res = await dialStream(docker, { method: 'GET', path: `/containers/${containerId}/archive`, query: { path: containerPath }, ok: [200] });
  } catch (err) {
    const e = toEngineError(err, { action, notFound: 'container', subject: shortId(containerId) });
    // A 404 here usually means the path, not the container.
    throw e.kind === 'container-not-found' ? new EngineError('not-found', `${action}: no such path (or container)`, 'check the path inside the container', { cause: err }) : e;
  }
  const extract = tar.extract();
  const entries: DownloadedEntry[] = [];
  let total = 0;
  res.pipe(extract as unknown as NodeJS.WritableStream);
  res.on('error', (err: Error) => extract.destroy(err));
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > maxBytes) throw new EngineError('bad-request', `${action}: more than ${maxBytes} bytes`, 'download a smaller path, or stream it with getArchive');
        chunks.push(chunk);
      }
      const type = h.type === 'file' || h.type === 'contiguous-file' ? 'file' : h.type === 'directory' || h.type === 'symlink' || h.type === 'link' ? h.type : 'other';
      entries.push({
        path: h.name.replace(/\/$/, ''),
        type,
        mode: (h.mode ?? 0) & 0o7777,
        uid: h.uid ?? 0,
        gid: h.gid ?? 0,
        size: h.size ?? 0,
        linkTarget: h.linkname ?? null,
        content: type === 'file' ? Buffer.concat(chunks) : null,
      });
    }
  } catch (err) {
    res.destroy();
    throw toEngineError(err, { action });
  }
  return entries;
}

/** Read one regular file from a container. */
export async function readContainerFile(docker: Dockerode, containerId: string, containerPath: string): Promise<Buffer> {
  const entries = await downloadPath(docker, containerId, containerPath);
  const file = entries.find((e) => e.type === 'file');
  if (!file || entries.length !== 1 || !file.content) {
    throw new EngineError('bad-request', `${containerPath} in container ${shortId(containerId)} is not a regular file`, 'use downloadPath for folders');
  }
  return file.content;
}
