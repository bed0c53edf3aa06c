// Byte progress for long transfers (import, save, export, load): a counting pass-through stream
// and a throttle so consumers see a handful of updates per second, not one per chunk.
import { Transform, type TransformCallback } from 'node:stream';

/** How far a transfer is; `totalBytes` is null when the size is not known in advance. */
export interface TransferProgress {
  bytes: number;
  totalBytes: number | null;
}

export type ProgressListener = (progress: TransferProgress) => void;

/**
 * Buffer size for bulk transfers. With Node's 16 KiB default, every ~64 KiB socket read overflows
 * the next stage, so the socket pauses and resumes once per chunk; measured on a 212 MB save this
 * cost a third of the throughput against `docker save`.
 */
export const BULK_HIGH_WATER_MARK = 8 * 1024 * 1024;

/** A pass-through stream that counts bytes and reports them at most every `intervalMs`. */
export class ByteCounter extends Transform {
  bytes = 0;
  private lastReport = 0;

  constructor(
    private readonly totalBytes: number | null = null,
    private readonly onProgress?: ProgressListener,
    private readonly intervalMs = 200,
  ) {
    super({ highWaterMark: BULK_HIGH_WATER_MARK });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    const now = performance.now();
    if (this.onProgress && now - this.lastReport >= this.intervalMs) {
      this.lastReport = now;
      this.onProgress({ bytes: this.bytes, totalBytes: this.totalBytes });
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.onProgress?.({ bytes: this.bytes, totalBytes: this.totalBytes ?? this.bytes });
    done();
  }
}
