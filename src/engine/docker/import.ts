// Import a root file system tarball (.tar, .tar.gz, .tar.xz) as an image, with Dockerfile-style
// changes and a tag — `docker import` through the API (POST /images/create?fromSrc=-).
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { dialStream } from './dial.js';
import { EngineError, toEngineError } from './errors.js';
import { checkChange } from './image-changes.js';
import { invalidTagReason, withDefaultTag } from './image-ref.js';
import { inspectImage } from './images.js';
import { readJsonMessages } from './json-messages.js';
import { ByteCounter, type ProgressListener } from './transfer.js';

export type Compression = 'none' | 'gzip' | 'xz' | 'bzip2' | 'zstd';

/** Recognise a tarball's compression from its first bytes. */
function detectCompression(head: Buffer): Compression | 'unknown' {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.length >= 3 && head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'none';
  return 'unknown';
}

export interface ImportOptions {
  /** `name[:tag]` for the new image. */
  tag: string;
  /** Dockerfile-style instructions (`CMD ["/bin/sh"]`, `ENV A=b`, …). */
  changes?: string[];
  /** Commit message shown in the image history. */
  message?: string;
  signal?: AbortSignal;
  /** Bytes of the tarball sent so far. */
  onProgress?: ProgressListener;
}

export interface ImportResult {
  id: string;
  tag: string;
  /** Bytes sent to the engine. */
  bytes: number;
}

/** Import a tarball file; checks the file and the changes first so mistakes fail before any upload. */
export async function importTarball(docker: Dockerode, file: string, options: ImportOptions): Promise<ImportResult> {
  let size: number;
  let head: Buffer;
  try {
    size = (await stat(file)).size;
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(512);
      const { bytesRead } = await handle.read(buf, 0, 512, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new EngineError('not-found', `cannot read ${file} (${code})`, 'check the path and that this user may read it', { cause: err });
  }
  const kind = detectCompression(head);
  if (kind === 'unknown') {
    throw new EngineError('bad-request', `${file} is not a tar archive (plain, gzip, xz or bzip2)`, 'import expects a root file system tarball, e.g. a stage3 or `docker export` output');
  }
  if (kind === 'zstd') {
    throw new EngineError('bad-request', `${file} is zstd-compressed, which the engine's import does not read`, 'decompress it first (`zstd -d`) or recompress with xz or gzip');
  }
  return importStream(docker, createReadStream(file), { ...options, totalBytes: size });
}

/** Import a tarball from a stream (e.g. a container export); the engine detects compression itself. */
export async function importStream(
  docker: Dockerode,
  source: Readable,
  options: ImportOptions & { totalBytes?: number | null },
): Promise<ImportResult> {
  const reason = invalidTagReason(options.tag);
  if (reason !== null) throw new EngineError('bad-request', `cannot import as ${options.tag}: ${reason}`, 'use --tag NAME[:TAG] with a lowercase name');
  const changes: string[] = [];
  for (const raw of options.changes ?? []) {
    const checked = checkChange(raw);
    if (!checked.ok) throw new EngineError('bad-request', `bad change: ${checked.message}`, 'write each change as one Dockerfile instruction, e.g. --change \'CMD ["/bin/bash"]\'');
    changes.push(checked.change);
  }
  // Podman's compat import ignores the `tag` parameter but honours a tag inside `repo`; Docker
  // accepts that form too.
  const repo = withDefaultTag(options.tag);
  const action = `import as ${options.tag}`;
  // A source that failed before it got here (while the caller prepared the import) would never end.
  if (source.errored) throw toEngineError(source.errored, { action });
  const counter = new ByteCounter(options.totalBytes ?? null, options.onProgress);
  source.on('error', (err) => counter.destroy(err));
  source.pipe(counter);
  let reported: string | null = null;
  try {
    const res = await dialStream(docker, {
      method: 'POST',
      path: '/images/create',
      query: { fromSrc: '-', repo, changes, message: options.message },
      file: counter,
      headers: { 'Content-Type': 'application/x-tar' },
      ok: [200],
      signal: options.signal,
    });
    for await (const msg of readJsonMessages(res)) {
      if (msg.error) throw new EngineError('engine', `${action}: ${msg.error}`, 'check that the file is a complete tar archive and the changes are valid');
      // Docker answers {"status":"sha256:…"}; Podman {"status":…,"id":"sha256:…"} or {"stream":…}.
      const id = [msg.id, msg.status].find((v) => typeof v === 'string' && /^(sha256:)?[0-9a-f]{64}$/.test(v));
      if (id) reported = id;
    }
  } catch (err) {
    source.destroy();
    throw toEngineError(options.signal?.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : err, { action });
  }
  const details = await inspectImage(docker, options.tag);
  if (reported !== null && !details.id.endsWith(reported.replace(/^sha256:/, ''))) {
    throw new EngineError('engine', `${action}: the engine reported image ${reported} but ${options.tag} is ${details.id}`, 'another process may have retagged it; run the import again');
  }
  return { id: details.id, tag: options.tag, bytes: counter.bytes };
}
