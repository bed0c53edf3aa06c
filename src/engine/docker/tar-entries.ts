// A tar stream filtered entry by entry without re-encoding anything: each entry (with the PAX or GNU
// headers in front of it) is passed on byte for byte, dropped, or captured whole for the caller, and
// more entries may be appended before the end. Bodies of passed entries stream through; nothing is
// buffered but captured entries and extension headers. Re-encoding (tar-stream's pack) would turn
// binary PAX records such as file capabilities into text; passing the original bytes cannot.
import { Transform, type TransformCallback } from 'node:stream';
import { cString, octal, parsePax } from './tar-fields.js';

const BLOCK = 512;
const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

/** One entry's header, as the reader needs it to decide. */
export interface TarEntryInfo {
  /** Path without a leading `./` or `/` and without a trailing `/`. */
  path: string;
  /** The type flag character: '0' file, '1' hard link, '2' symlink, '3' char device, '5' dir, … */
  type: string;
  size: number;
  mode: number;
  linkname: string;
}

export type TarEntryAction = 'pass' | 'drop' | 'capture';

export interface TarEntryHandlers {
  decide(entry: TarEntryInfo): TarEntryAction;
  /** A captured entry: its header blocks, body and padding, ready to be written into another tar. */
  onCapture?(entry: TarEntryInfo, raw: Buffer): void;
  /** Whole entries (raw tar bytes) to write before the end of the archive. */
  append?(): Promise<Buffer[]>;
  /** Captured entries larger than this fail the stream (default 16 MiB). */
  maxCaptureBytes?: number;
}

/** Normalise a tar member path: no `./` or `/` in front, no `/` behind. */
export function tarPath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

const padded = (size: number) => size + ((BLOCK - (size % BLOCK)) % BLOCK);
/** Types whose size field does not announce a body. */
const NO_BODY = new Set(['1', '2', '3', '4', '5', '6']);
const META = new Set(['x', 'g', 'L', 'K']);

type Body =
  | { kind: 'none' }
  | { kind: 'meta'; type: string; left: number; size: number; chunks: Buffer[] }
  | { kind: 'entry'; action: TarEntryAction; entry: TarEntryInfo; left: number; chunks: Buffer[] };

/** A Transform from a tar to the same tar with entries passed, dropped or captured as `handlers` decide. */
export class TarEntryFilter extends Transform {
  private carry: Buffer | null = null;
  private body: Body = { kind: 'none' };
  /** Extension headers (with bodies) waiting for the entry they describe. */
  private group: Buffer[] = [];
  private pax: Record<string, string> = {};
  private longName: string | null = null;
  private longLink: string | null = null;
  private ended = false;

  constructor(private readonly handlers: TarEntryHandlers) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.consume(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.body.kind !== 'none' || (this.carry !== null && this.carry.length > 0 && !this.ended)) {
      done(new Error('the tar ended in the middle of an entry (truncated)'));
      return;
    }
    const append = this.handlers.append?.() ?? Promise.resolve([]);
    append.then((entries) => {
      for (const e of entries) this.push(e);
      this.push(END_OF_ARCHIVE);
      done();
    }, (err: Error) => done(err));
  }

  private consume(input: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, input]) : input;
    this.carry = null;
    let pos = 0;
    while (pos < buf.length) {
      if (this.ended) return;
      if (this.body.kind !== 'none') {
        pos += this.bodyBytes(buf.subarray(pos));
        continue;
      }
      if (buf.length - pos < BLOCK) {
        this.carry = Buffer.from(buf.subarray(pos));
        return;
      }
      this.header(buf.subarray(pos, pos + BLOCK));
      pos += BLOCK;
    }
  }

  /** Feed body bytes (with padding) of the current entry; returns how many were used. */
  private bodyBytes(buf: Buffer): number {
    const body = this.body;
    if (body.kind === 'none') return 0;
    const take = Math.min(body.left, buf.length);
    const part = buf.subarray(0, take);
    body.left -= take;
    if (body.kind === 'meta') body.chunks.push(Buffer.from(part));
    else if (body.action === 'pass') this.push(part);
    else if (body.action === 'capture') body.chunks.push(Buffer.from(part));
    if (body.left === 0) this.bodyDone();
    return take;
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      // The end of the archive: what follows is padding; appended entries and a new end come in _flush.
      this.ended = true;
      return;
    }
    const type = String.fromCharCode(block[156] || 0x30);
    let size = octal(block, 124, 12);
    if (META.has(type)) {
      this.group.push(Buffer.from(block));
      this.body = { kind: 'meta', type, left: padded(size), size, chunks: [] };
      if (size === 0) this.bodyDone();
      return;
    }
    let name = cString(block, 0, 100);
    if (block.toString('latin1', 257, 262) === 'ustar') {
      const prefix = cString(block, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    let linkname = cString(block, 157, 100);
    if (this.pax.path !== undefined) name = this.pax.path;
    if (this.pax.linkpath !== undefined) linkname = this.pax.linkpath;
    if (this.pax.size !== undefined) size = Number(this.pax.size);
    if (this.longName !== null) name = this.longName;
    if (this.longLink !== null) linkname = this.longLink;
    const entry: TarEntryInfo = { path: tarPath(name), type, size: NO_BODY.has(type) ? 0 : size, mode: octal(block, 100, 8), linkname };
    const action = this.handlers.decide(entry);
    const headerBlocks = [...this.group, Buffer.from(block)];
    this.group = [];
    this.pax = {};
    this.longName = null;
    this.longLink = null;
    if (action === 'pass') for (const b of headerBlocks) this.push(b);
    const chunks = action === 'capture' ? headerBlocks : [];
    if (action === 'capture' && entry.size > (this.handlers.maxCaptureBytes ?? 16 * 1024 * 1024)) {
      throw new Error(`${entry.path} is too large to keep (${entry.size} bytes)`);
    }
    this.body = { kind: 'entry', action, entry, left: padded(entry.size), chunks };
    if (entry.size === 0) this.bodyDone();
  }

  private bodyDone(): void {
    const body = this.body;
    this.body = { kind: 'none' };
    if (body.kind === 'meta') {
      const data = Buffer.concat(body.chunks).subarray(0, body.size);
      this.group.push(...body.chunks);
      if (body.type === 'x') this.pax = { ...this.pax, ...parsePax(data) };
      else if (body.type === 'L') this.longName = data.toString('utf8').replace(/\0+$/, '');
      else if (body.type === 'K') this.longLink = data.toString('utf8').replace(/\0+$/, '');
      else if (body.type === 'g') {
        // A global header belongs to no one entry: it goes on as it came.
        for (const b of this.group) this.push(b);
        this.group = [];
      }
    } else if (body.kind === 'entry' && body.action === 'capture') {
      this.handlers.onCapture?.(body.entry, Buffer.concat(body.chunks));
    }
  }
}
