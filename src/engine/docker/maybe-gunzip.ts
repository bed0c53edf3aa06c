// Podman's compat /images/load rejects gzip-compressed archives that Docker accepts; decompressing
// on our side makes `load` of a `.tar.gz` work on both.
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';

/** Passes a stream through unchanged, or gunzipped when it starts with the gzip magic bytes. */
export class MaybeGunzip extends Transform {
  private head: Buffer | null = Buffer.alloc(0);
  private gunzip: Gunzip | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.head !== null) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 2) return done();
      chunk = this.head;
      this.head = null;
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        this.gunzip = createGunzip();
        this.gunzip.on('data', (d: Buffer) => this.push(d));
        this.gunzip.on('error', (err) => this.destroy(err));
      }
    }
    if (this.gunzip) {
      if (this.gunzip.write(chunk)) done();
      else this.gunzip.once('drain', () => done());
    } else {
      done(null, chunk);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.head !== null && this.head.length > 0) this.push(this.head);
    if (!this.gunzip) return done();
    this.gunzip.once('end', () => done());
    this.gunzip.end();
  }
}
