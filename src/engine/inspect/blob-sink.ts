// A member of an image archive whose nature shows only in its first bytes: OCI blobs may be a layer
// (tar, gzip- or zstd-compressed tar) or a JSON document (config, manifest, index). The sink looks at
// the head, then routes the rest to a layer scan, a small buffer, or nowhere.
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { scanLayer, type LayerScan, type ScanOptions } from './layer-scan.js';
import { zstdDecompressor } from './zstd.js';

export type BlobContent = { kind: 'layer'; scan: LayerScan } | { kind: 'json'; bytes: Buffer } | { kind: 'other' };

const HEAD = 512;
const MAX_JSON = 16 * 1024 * 1024;

function isTar(head: Buffer): boolean {
  return head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar';
}

function looksLikeJson(head: Buffer): boolean {
  const text = head.toString('utf8', 0, Math.min(head.length, 64)).trimStart();
  return text.startsWith('{') || text.startsWith('[');
}

/** A Writable for one archive member; `content` settles once the member was read whole. */
export class BlobSink extends Writable {
  private head: Buffer[] = [];
  private headBytes = 0;
  private target: Writable | null = null;
  private json: Buffer[] | null = null;
  private jsonBytes = 0;
  private decided = false;
  private scan: Promise<LayerScan> | null = null;
  readonly content: Promise<BlobContent>;
  private settle!: (c: BlobContent) => void;
  private fail!: (err: Error) => void;

  constructor(private readonly options: ScanOptions & { forceLayer?: boolean } = {}) {
    super();
    this.content = new Promise<BlobContent>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    this.content.catch(() => undefined);
  }

  private decide(head: Buffer): void {
    this.decided = true;
    const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    const zstd = head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528;
    // An empty layer is a tar of zero blocks only.
    const empty = head.length > 0 && head.every((b) => b === 0);
    if (isTar(head) || gzip || zstd || empty || (this.options.forceLayer === true && head.length === 0)) {
      const { sink, result } = scanLayer(this.options);
      this.scan = result;
      if (gzip || zstd) {
        const decompress = gzip ? createGunzip() : zstdDecompressor();
        decompress.on('error', (err: Error) => this.destroy(err));
        decompress.pipe(sink);
        this.target = decompress;
      } else this.target = sink;
      result.catch((err: Error) => this.destroy(err));
    } else if (looksLikeJson(head)) this.json = [];
  }

  private forward(chunk: Buffer, done: (err?: Error | null) => void): void {
    if (this.target) {
      if (this.target.write(chunk)) done();
      else this.target.once('drain', () => done());
      return;
    }
    if (this.json) {
      this.jsonBytes += chunk.length;
      if (this.jsonBytes > MAX_JSON) this.json = null;
      else this.json.push(chunk);
    }
    done();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.decided) return this.forward(chunk, done);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < HEAD) return done();
    const head = Buffer.concat(this.head);
    this.head = [];
    this.decide(head);
    this.forward(head, done);
  }

  override _final(done: (err?: Error | null) => void): void {
    if (!this.decided) {
      const head = Buffer.concat(this.head);
      this.head = [];
      this.decide(head);
      if (head.length > 0) this.forward(head, () => undefined);
    }
    if (this.target && this.scan) {
      const scan = this.scan;
      this.target.end();
      scan.then((s) => {
        this.settle({ kind: 'layer', scan: s });
        done();
      }, (err: Error) => {
        this.fail(err);
        done(err);
      });
      return;
    }
    this.settle(this.json ? { kind: 'json', bytes: Buffer.concat(this.json) } : { kind: 'other' });
    done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    if (err) this.fail(err);
    this.target?.destroy(err ?? undefined);
    done(err);
  }
}
