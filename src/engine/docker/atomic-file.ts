// Writing a stream to a file so that a failure never leaves a half-written file under the final
// name: write to a hidden temporary name beside it, rename on success, delete on any failure
// (disk full, Ctrl-C, a broken engine stream).
import { createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { toEngineError } from './errors.js';
import { BULK_HIGH_WATER_MARK, ByteCounter, type ProgressListener } from './transfer.js';

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

/** Stream `source` into `dest` atomically; on failure nothing is left under either name. */
export async function writeStreamAtomically(source: Readable, dest: string, options: AtomicWriteOptions = {}): Promise<AtomicWriteResult> {
  const temp = temporaryNameFor(dest);
  const counter = new ByteCounter(options.totalBytes ?? null, options.onProgress);
  const writer = (options.openWriter ?? ((p: string) => createWriteStream(p, { flags: 'wx', mode: 0o644, highWaterMark: BULK_HIGH_WATER_MARK })))(temp);
  try {
    const stages: (NodeJS.ReadableStream | NodeJS.WritableStream)[] = [source, counter, ...(options.transforms ?? []), writer];
    await pipeline(stages, { signal: options.signal });
    await rename(temp, dest);
  } catch (err) {
    source.destroy();
    await unlink(temp).catch(() => undefined);
    const aborted = options.signal?.aborted === true;
    throw toEngineError(aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : err, {
      action: options.action ?? `write ${dest}`,
    });
  }
  const { size } = await stat(dest);
  return { file: dest, sourceBytes: counter.bytes, fileBytes: size };
}
