// `docker save` and `docker load` through the API: images to an archive file (atomically, with
// byte progress, optional gzip) and archives back into the engine. What only some requests use (the
// tar parser that renames images in an archive, zstd, the decompressor of load) loads when one asks:
// a plain export starts sooner without them.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable, Transform, Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type Dockerode from 'dockerode';
import { writeAtomically, writeStreamAtomically, type AtomicWriteResult } from './atomic-file.js';
import { dialStream } from './dial.js';
import { EngineError, toEngineError } from './errors.js';
import { inspectImage } from './images.js';
import { readJsonMessages } from './json-messages.js';
import { openRawArchive } from './raw-archive.js';
import { ByteCounter, type ProgressListener } from './transfer.js';

/** How an archive is compressed on disk (zstd through the zstd command, see ../inspect/zstd.ts). */
export type ArchiveCompression = 'none' | 'gzip' | 'zstd';

export interface SaveOptions {
  compression?: ArchiveCompression;
  signal?: AbortSignal | undefined;
  /** Archive bytes received from the engine (before compression). */
  onProgress?: ProgressListener | undefined;
  /** Tests inject a failing writer here (see writeStreamAtomically). */
  openWriter?: ((tempPath: string) => Writable) | undefined;
  /** Name the image(s) in the archive like this instead (see retag-archive.ts). */
  archiveTags?: string[] | undefined;
  /** The caller has just inspected the images: no second look before the archive is asked for. */
  inspected?: boolean;
}

/** What makes the transforms that compress an archive stream (zstd's module loaded only for zstd). */
async function compressionStages(compression: ArchiveCompression): Promise<() => Transform[]> {
  switch (compression) {
    case 'none': return () => [];
    // Level 6 is gzip's default; archives of Gentoo roots compress about 3:1 at it.
    case 'gzip': return () => [createGzip({ level: 6 })];
    case 'zstd': {
      const { zstdCompressor } = await import('../inspect/zstd.js');
      return () => [zstdCompressor()];
    }
  }
}

/** Fail early with "no such image" (or "save needs at least one image") instead of a broken archive. */
async function checkSaveRefs(docker: Dockerode, refs: string[]): Promise<void> {
  if (refs.length === 0) throw new EngineError('bad-request', 'save needs at least one image', 'name the images to save');
  for (const ref of refs) await inspectImage(docker, ref);
}

/** Open the engine's archive stream of one or more images (GET /images/get). */
export async function openImageArchive(docker: Dockerode, refs: string[], signal?: AbortSignal, inspected = false): Promise<Readable> {
  // The caller may just have looked at the images.
  if (!inspected || refs.length === 0) await checkSaveRefs(docker, refs);
  const action = `save ${refs.join(', ')}`;
  try {
    // Off the socket itself where the endpoint allows it (see raw-archive.ts); docker-modem otherwise.
    return await openRawArchive(docker, refs, action, signal)
      ?? await dialStream(docker, { method: 'GET', path: '/images/get', query: { names: refs }, ok: [200], signal });
  } catch (err) {
    throw toEngineError(err, { action, notFound: 'image' });
  }
}

/** Save images to an archive file; the file appears only when complete. */
export async function saveImages(docker: Dockerode, refs: string[], file: string, options: SaveOptions = {}): Promise<AtomicWriteResult> {
  if (options.inspected !== true || refs.length === 0) await checkSaveRefs(docker, refs);
  const compression = options.compression ?? 'none';
  const action = `save ${refs.join(', ')} to ${file}`;
  if (compression === 'none' && !options.archiveTags && !options.openWriter) {
    // The archive as the engine sends it: straight from the socket into the file where the endpoint allows.
    const { writeRawArchiveFile } = await import('./raw-archive-file.js');
    const direct = await writeAtomically(file, { signal: options.signal, action }, (temp) => writeRawArchiveFile(docker, refs, temp, { signal: options.signal, onProgress: options.onProgress, action }));
    if (direct) return direct;
  }
  // Modules load before the stream opens (nothing awaits between its opening and its piping); the
  // stages (a zstd process) are made only once it has opened.
  const retag = options.archiveTags ? (await import('./retag-archive.js')).retagArchive : null;
  const stages = await compressionStages(compression);
  const raw = await openImageArchive(docker, refs, options.signal, true);
  const archive = retag && options.archiveTags ? retag(raw, options.archiveTags) : raw;
  return writeStreamAtomically(archive, file, {
    signal: options.signal,
    onProgress: options.onProgress,
    transforms: stages(),
    openWriter: options.openWriter,
    action,
  });
}

export interface LoadResult {
  /** `name:tag` of each tagged image loaded. */
  tags: string[];
  /** IDs of images loaded without a name. */
  ids: string[];
}

/** Load an archive (`docker save` output, plain, gzip or zstd) into the engine. */
export async function loadImages(
  docker: Dockerode,
  source: string | Readable,
  options: { signal?: AbortSignal; onProgress?: ProgressListener } = {},
): Promise<LoadResult> {
  const { MaybeDecompress } = await import('../inspect/maybe-decompress.js');
  const totalBytes = typeof source === 'string' ? (await stat(source)).size : null;
  const input: Readable = typeof source === 'string' ? createReadStream(source) : source;
  const counter = new ByteCounter(totalBytes, options.onProgress);
  input.on('error', (err: Error) => counter.destroy(err));
  const plain = new MaybeDecompress();
  counter.on('error', (err: Error) => plain.destroy(err));
  input.pipe(counter).pipe(plain);
  const action = `load ${typeof source === 'string' ? source : 'archive'}`;
  const result: LoadResult = { tags: [], ids: [] };
  try {
    const res = await dialStream(docker, {
      method: 'POST', path: '/images/load', query: { quiet: false }, file: plain,
      headers: { 'Content-Type': 'application/x-tar' }, ok: [200], signal: options.signal,
    });
    for await (const msg of readJsonMessages(res)) {
      if (msg.error) throw new EngineError('engine', `${action}: ${msg.error}`, 'check that the file is a complete `docker save` archive');
      for (const line of (msg.stream ?? msg.status ?? '').split('\n')) {
        const tag = /^Loaded image: (.+)$/.exec(line.trim());
        const id = /^Loaded image ID: (.+)$/.exec(line.trim());
        if (id?.[1]) result.ids.push(id[1]);
        else if (tag?.[1]) {
          // Podman lists untagged images as "Loaded image: sha256:…" (or a bare ID).
          if (/^(sha256:)?[0-9a-f]{64}$/.test(tag[1])) result.ids.push(tag[1]);
          else result.tags.push(...tag[1].split(',').map((t) => t.trim()));
        }
      }
    }
  } catch (err) {
    input.destroy();
    throw toEngineError(options.signal?.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : err, { action });
  }
  return result;
}
