// A tar reader that only wants the headers: bodies are skipped by counting bytes, never wrapped in
// streams, except the few the caller asks to keep. A layer of 100,000 files then costs a header
// parse per file instead of a stream object per file (the engine's save stream is the bottleneck
// anyway; this keeps our CPU out of its way on a busy host). Reads ustar names with their prefix,
// PAX records (path, linkpath, size) and GNU long names, as Go's archive/tar, GNU tar and
// tar-stream write them.
import { Writable } from 'node:stream';
import { cString, octal, parsePax } from '../docker/tar-fields.js';

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarHeader {
  name: string;
  type: TarEntryType;
  size: number;
  linkname: string;
}

export interface TarHeaderHandler {
  /** Called per entry; return true to receive its body through `onBody`. */
  onEntry(header: TarHeader): boolean;
  onBody?(header: TarHeader, body: Buffer): void;
}

const BLOCK = 512;

function typeOf(flag: number): TarEntryType | 'pax' | 'pax-global' | 'gnu-long-name' | 'gnu-long-link' {
  switch (flag) {
    case 0:
    case 0x30: // '0'
    case 0x37: // '7' contiguous
      return 'file';
    case 0x35: // '5'
      return 'dir';
    case 0x32: // '2'
      return 'symlink';
    case 0x31: // '1'
      return 'hardlink';
    case 0x78: // 'x'
      return 'pax';
    case 0x67: // 'g'
      return 'pax-global';
    case 0x4c: // 'L'
      return 'gnu-long-name';
    case 0x4b: // 'K'
      return 'gnu-long-link';
    default:
      return 'other';
  }
}

/** PAX records: "LEN key=value\n" repeated. */
type Pending = { kind: 'skip' } | { kind: 'keep'; header: TarHeader; chunks: Buffer[] } | { kind: 'meta'; what: 'pax' | 'pax-global' | 'gnu-long-name' | 'gnu-long-link'; chunks: Buffer[] };

/** A Writable that reads a tar and reports each entry's header; `finish` once the tar ended. */
export class TarHeaderReader extends Writable {
  private carry: Buffer | null = null;
  /** Body bytes still to come for the current entry, and the padding after them. */
  private remaining = 0;
  private padding = 0;
  private pending: Pending = { kind: 'skip' };
  private pax: Record<string, string> = {};
  private paxGlobal: Record<string, string> = {};
  private longName: string | null = null;
  private longLink: string | null = null;
  private ended = false;

  constructor(private readonly handler: TarHeaderHandler) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    try {
      this.consume(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _final(done: (err?: Error | null) => void): void {
    if (this.remaining > 0 || (this.carry !== null && this.carry.length > 0 && !this.ended)) done(new Error('the tar ended in the middle of an entry (truncated)'));
    else done();
  }

  private consume(input: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, input]) : input;
    this.carry = null;
    let pos = 0;
    while (pos < buf.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, buf.length - pos);
        if (this.pending.kind !== 'skip') this.pending.chunks.push(buf.subarray(pos, pos + take));
        this.remaining -= take;
        pos += take;
        if (this.remaining === 0) this.bodyDone();
        continue;
      }
      if (this.padding > 0) {
        const take = Math.min(this.padding, buf.length - pos);
        this.padding -= take;
        pos += take;
        continue;
      }
      if (this.ended) return;
      if (buf.length - pos < BLOCK) {
        this.carry = Buffer.from(buf.subarray(pos));
        return;
      }
      this.header(buf, pos);
      pos += BLOCK;
    }
  }

  private header(buf: Buffer, at: number): void {
    let zero = true;
    for (let i = at; i < at + BLOCK; i += 8) {
      if (buf.readBigUInt64LE(i) !== 0n) {
        zero = false;
        break;
      }
    }
    if (zero) {
      // Two zero blocks end a tar; one is enough to stop reading headers.
      this.ended = true;
      return;
    }
    const flag = typeOf(buf[at + 156]!);
    let size = octal(buf, at + 124, 12);
    const ustar = buf.toString('latin1', at + 257, at + 262) === 'ustar';
    let name = cString(buf, at, 100);
    if (ustar) {
      const prefix = cString(buf, at + 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    let linkname = cString(buf, at + 157, 100);
    if (flag === 'pax' || flag === 'pax-global' || flag === 'gnu-long-name' || flag === 'gnu-long-link') {
      this.startBody(size, { kind: 'meta', what: flag, chunks: [] });
      return;
    }
    const pax = { ...this.paxGlobal, ...this.pax };
    this.pax = {};
    if (pax.path !== undefined) name = pax.path;
    if (pax.linkpath !== undefined) linkname = pax.linkpath;
    if (pax.size !== undefined) size = Number(pax.size);
    if (this.longName !== null) name = this.longName;
    if (this.longLink !== null) linkname = this.longLink;
    this.longName = null;
    this.longLink = null;
    const header: TarHeader = { name, type: flag, size: flag === 'dir' || flag === 'hardlink' || flag === 'symlink' ? 0 : size, linkname };
    const keep = this.handler.onEntry(header);
    // Directories, links and devices carry no body whatever their size field says.
    const bodySize = flag === 'file' || flag === 'other' ? size : 0;
    this.startBody(bodySize, keep ? { kind: 'keep', header, chunks: [] } : { kind: 'skip' });
  }

  private startBody(size: number, pending: Pending): void {
    this.pending = pending;
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.bodyDone();
  }

  private bodyDone(): void {
    const p = this.pending;
    this.pending = { kind: 'skip' };
    if (p.kind === 'keep') this.handler.onBody?.(p.header, Buffer.concat(p.chunks));
    else if (p.kind === 'meta') {
      const body = Buffer.concat(p.chunks);
      if (p.what === 'pax') this.pax = parsePax(body);
      else if (p.what === 'pax-global') this.paxGlobal = { ...this.paxGlobal, ...parsePax(body) };
      else if (p.what === 'gnu-long-name') this.longName = body.toString('utf8').replace(/\0+$/, '');
      else this.longLink = body.toString('utf8').replace(/\0+$/, '');
    }
  }
}
