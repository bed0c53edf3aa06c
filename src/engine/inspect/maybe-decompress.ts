// Archives handed to `load` may be plain, gzip or zstd (what `export --compress` writes). Engines
// differ in what they accept (Podman's compat load refuses gzip, Docker 20.10 refuses zstd), so
// the stream is decompressed on our side, chosen by its first bytes.
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { zstdDecompressor } from './zstd.js';

/** Passes a stream through unchanged, or decompressed when it starts with the gzip or zstd magic. */
export class MaybeDecompress extends Transform {
  private head: Buffer | null = Buffer.alloc(0);
  private inner: Transform | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.head !== null) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 4) return done();
      chunk = this.head;
      this.head = null;
      const gzip = chunk[0] === 0x1f && chunk[1] === 0x8b;
      const zstd = chunk.readUInt32LE(0) === 0xfd2fb528;
      if (gzip || zstd) {
        this.inner = gzip ? createGunzip() : zstdDecompressor();
        this.inner.on('data', (d: Buffer) => {
          if (!this.push(d)) this.inner?.pause();
        });
        this.inner.on('error', (err: Error) => this.destroy(err));
      }
    }
    if (this.inner) {
      if (this.inner.write(chunk)) done();
      else this.inner.once('drain', () => done());
    } else done(null, chunk);
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _flush(done: TransformCallback): void {
    if (this.head !== null && this.head.length > 0) this.push(this.head);
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }

  override _destroy(err: Error | null, done: (error: Error | null) => void): void {
    this.inner?.destroy();
    done(err);
  }
}
