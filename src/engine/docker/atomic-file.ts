// Writing a stream to a file so that a failure never leaves a half-written file under the final
// name: write to a hidden temporary name beside it, rename on success, delete on any failure
// (disk full, Ctrl-C, a broken engine stream).
import { constants, createWriteStream } from 'node:fs';
import { access, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EngineError, toEngineError } from './errors.js';
import { BULK_HIGH_WATER_MARK, countPassingBytes, type ProgressListener } from './transfer.js';

export interface AtomicWriteOptions {
  signal?: AbortSignal | undefined;
  /** Source bytes seen so far (before any compression). */
  onProgress?: ProgressListener | undefined;
  /** Known size of the source, for percentages. */
  totalBytes?: number | null | undefined;
  /** Streams between source and file, e.g. gzip. */
  transforms?: Transform[] | undefined;
  /** Opens the temporary file; tests inject a writer that fails like a full disk. */
  openWriter?: ((tempPath: string) => Writable) | undefined;
  /** What is being written, for error messages ("save gentoo/stage3 to x.tar"). */
  action?: string | undefined;
}

export interface AtomicWriteResult {
  file: string;
  /** Bytes read from the source. */
  sourceBytes: number;
  /** Size of the final file. */
  fileBytes: number;
}

/** The temporary name used while `dest` is being written (same folder, so rename is atomic). */
export function temporaryNameFor(dest: string): string {
  const dir = path.dirname(dest);
  return path.join(dir, `.${path.basename(dest)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** The file's own errors, said as such (toEngineError would read ENOENT as "no socket there"). */
const FILE_CODES: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'its folder is not writable for this user',
  EPERM: 'its folder is not writable for this user',
  EROFS: 'its folder is on a read-only file system',
};

function fileError(err: unknown, dest: string, action: string): EngineError | null {
  const code = (err as { code?: unknown } | null)?.code;
  const why = typeof code === 'string' ? FILE_CODES[code] : undefined;
  if (!why) return null;
  return new EngineError('bad-request', `${action}: cannot write ${dest}: ${why} (${String(code)})`, 'choose a file in a folder that exists and that you can write to', { cause: err });
}

/** Throws when `dest` cannot be written for a reason of its folder: checked before any long work starts. */
export async function checkWritableDestination(dest: string, action = `write ${dest}`): Promise<void> {
  try {
    await access(path.dirname(path.resolve(dest)), constants.W_OK);
  } catch (err) {
    throw fileError(err, dest, action) ?? toEngineError(err, { action });
  }
}

/** Resolves once `writer` has released its file (destroying it first when it is still open). */
function untilClosed(writer: Writable): Promise<void> {
  if (writer.closed) return Promise.resolve();
  return new Promise((resolve) => {
    writer.once('close', () => resolve());
    writer.destroy();
  });
}

/**
 * Write `dest` atomically with `write`, which fills the temporary file it is given and resolves with
 * the source bytes it read, or null when it wrote nothing and leaves the job to another writer (the
 * temporary file is then removed). When `write` rejects it must have let go of the file first; nothing
 * is then left under either name.
 */
export async function writeAtomically(dest: string, options: Pick<AtomicWriteOptions, 'signal' | 'action'>, write: (temp: string) => Promise<number | null>): Promise<AtomicWriteResult | null> {
  const action = options.action ?? `write ${dest}`;
  // Before the engine sends a byte: a missing or unwritable folder is the file's problem, said at once.
  await checkWritableDestination(dest, action);
  const temp = temporaryNameFor(dest);
  let sourceBytes: number | null;
  try {
    sourceBytes = await write(temp);
    if (sourceBytes === null) {
      await unlink(temp).catch(() => undefined);
      return null;
    }
    await rename(temp, dest);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    const aborted = options.signal?.aborted === true;
    if (!aborted) {
      const own = fileError(err, dest, action);
      // An engine stream that breaks says ECONNRESET/EPIPE; only the writer's errors are the file's.
      if (own && (err as { syscall?: unknown }).syscall !== 'connect') throw own;
    }
    throw toEngineError(aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : err, { action });
  }
  const { size } = await stat(dest);
  return { file: dest, sourceBytes, fileBytes: size };
}

/** Stream `source` into `dest` atomically; on failure nothing is left under either name. */
export async function writeStreamAtomically(source: Readable, dest: string, options: AtomicWriteOptions = {}): Promise<AtomicWriteResult> {
  const written = await writeAtomically(dest, options, async (temp) => {
    const writer = (options.openWriter ?? ((p: string) => createWriteStream(p, { flags: 'wx', mode: 0o644, highWaterMark: BULK_HIGH_WATER_MARK })))(temp);
    try {
      const stages: (NodeJS.ReadableStream | NodeJS.WritableStream)[] = [source, ...(options.transforms ?? []), writer];
      const piped = pipeline(stages, { signal: options.signal });
      // pipeline() has piped the source by now, so counting beside it loses no chunk.
      const count = countPassingBytes(source, options.totalBytes ?? null, options.onProgress);
      await piped;
      count.finish();
      return count.bytes;
    } catch (err) {
      // A file stream opens its file asynchronously: unlinking before it has closed could run before
      // the open and leave the temporary file behind (seen with a signal aborted before the start).
      await untilClosed(writer);
      throw err;
    }
  }).catch((err: unknown) => {
    source.destroy();
    throw err;
  });
  // The stream writer never hands the job on.
  return written!;
}
