// What the dynamic loader needs to know about an ELF file, read from its bytes: class, machine, the
// program interpreter, DT_NEEDED, DT_SONAME, DT_RPATH and DT_RUNPATH. Only the program headers and
// the dynamic segment are read, as the loader does; section headers may be stripped.

export type ElfClass = 32 | 64;
export type ElfType = 'rel' | 'exec' | 'dyn' | 'core' | 'other';

export interface ElfInfo {
  class: ElfClass;
  littleEndian: boolean;
  /** e_machine (62 = x86-64, 183 = AArch64, 3 = i386, …). */
  machine: number;
  type: ElfType;
  /** PT_INTERP: the dynamic loader an executable asks for. */
  interpreter: string | null;
  needed: string[];
  soname: string | null;
  rpath: string[];
  runpath: string[];
}

export type ElfRead = { ok: true; elf: ElfInfo } | { ok: false; problem: string };

const MAGIC = [0x7f, 0x45, 0x4c, 0x46];
/** Program header types (p_type) read here, as elf.h numbers them (PT_LOAD …). */
const PT = { LOAD: 1, DYNAMIC: 2, INTERP: 3 } as const;
/** Dynamic section tags (d_tag) read here, as elf.h numbers them (DT_NEEDED …). */
const DT = { NULL: 0, NEEDED: 1, STRTAB: 5, STRSZ: 10, SONAME: 14, RPATH: 15, RUNPATH: 29 } as const;
const TYPES: Record<number, ElfType> = { 1: 'rel', 2: 'exec', 3: 'dyn', 4: 'core' };

/** The smallest ELF header (32-bit); anything shorter cannot be an ELF file. */
export const ELF_HEADER_MIN = 52;

/** True when the bytes start with the ELF magic number. */
export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && MAGIC.every((b, i) => head[i] === b);
}

class Truncated extends Error {}

/** Bounds-checked little/big-endian reads of one file. */
class Reader {
  constructor(
    private readonly buf: Buffer,
    private readonly le: boolean,
    private readonly is64: boolean,
  ) {}
  private check(at: number, len: number): void {
    if (!Number.isSafeInteger(at) || at < 0 || at + len > this.buf.length) throw new Truncated(`offset ${at} is past the end (${this.buf.length} bytes)`);
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.le ? this.buf.readUInt16LE(at) : this.buf.readUInt16BE(at);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.le ? this.buf.readUInt32LE(at) : this.buf.readUInt32BE(at);
  }
  /** A word: 4 bytes in 32-bit files, 8 in 64-bit ones (offsets beyond 2^53 are refused). */
  word(at: number): number {
    if (!this.is64) return this.u32(at);
    this.check(at, 8);
    const big = this.le ? this.buf.readBigUInt64LE(at) : this.buf.readBigUInt64BE(at);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new Truncated(`value ${big} at ${at} is out of range`);
    return Number(big);
  }
  /** A signed word (d_tag); tags we use are small, so large ones just become "unknown". */
  sword(at: number): number {
    if (!this.is64) return this.u32(at) | 0;
    this.check(at, 8);
    const big = this.le ? this.buf.readBigInt64LE(at) : this.buf.readBigInt64BE(at);
    return big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER) ? -1 : Number(big);
  }
  string(at: number, end: number): string {
    this.check(at, 0);
    const stop = this.buf.indexOf(0, at);
    if (stop < 0 || stop >= Math.min(end, this.buf.length)) throw new Truncated(`string at ${at} has no end`);
    return this.buf.toString('utf8', at, stop);
  }
}

interface Segment {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
}

function programHeaders(r: Reader, is64: boolean): Segment[] {
  const phoff = is64 ? r.word(32) : r.word(28);
  const phentsize = r.u16(is64 ? 54 : 42);
  const phnum = r.u16(is64 ? 56 : 44);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    segments.push(
      is64
        ? { type: r.u32(at), offset: r.word(at + 8), vaddr: r.word(at + 16), filesz: r.word(at + 32) }
        : { type: r.u32(at), offset: r.word(at + 4), vaddr: r.word(at + 8), filesz: r.word(at + 16) },
    );
  }
  return segments;
}

/** File offset of a virtual address, through the PT_LOAD segment that maps it. */
function fileOffset(segments: Segment[], vaddr: number): number | null {
  const load = segments.find((s) => s.type === PT.LOAD && vaddr >= s.vaddr && vaddr < s.vaddr + s.filesz);
  return load ? load.offset + (vaddr - load.vaddr) : null;
}

function splitPath(value: string): string[] {
  return value.split(':').filter((p) => p !== '');
}

/** Read an ELF file; `ok: false` says why when it is not one or is cut short. */
export function readElf(buf: Buffer): ElfRead {
  if (buf.length < ELF_HEADER_MIN || !isElf(buf)) return { ok: false, problem: 'not an ELF file' };
  const cls = buf[4];
  const data = buf[5];
  if (cls !== 1 && cls !== 2) return { ok: false, problem: `unknown ELF class ${cls}` };
  if (data !== 1 && data !== 2) return { ok: false, problem: `unknown ELF byte order ${data}` };
  const is64 = cls === 2;
  const r = new Reader(buf, data === 1, is64);
  try {
    const elf: ElfInfo = {
      class: is64 ? 64 : 32,
      littleEndian: data === 1,
      machine: r.u16(18),
      type: TYPES[r.u16(16)] ?? 'other',
      interpreter: null,
      needed: [],
      soname: null,
      rpath: [],
      runpath: [],
    };
    if (elf.type === 'rel' || elf.type === 'core') return { ok: true, elf };
    const segments = programHeaders(r, is64);
    const interp = segments.find((s) => s.type === PT.INTERP);
    if (interp) elf.interpreter = r.string(interp.offset, interp.offset + interp.filesz);
    const dyn = segments.find((s) => s.type === PT.DYNAMIC);
    if (!dyn) return { ok: true, elf };
    const entrySize = is64 ? 16 : 8;
    const entries: { tag: number; value: number }[] = [];
    for (let at = dyn.offset; at + entrySize <= dyn.offset + dyn.filesz; at += entrySize) {
      const tag = r.sword(at);
      if (tag === DT.NULL) break;
      entries.push({ tag, value: r.word(at + entrySize / 2) });
    }
    const strtabAddr = entries.find((e) => e.tag === DT.STRTAB)?.value;
    if (strtabAddr === undefined) return entries.some((e) => e.tag === DT.NEEDED) ? { ok: false, problem: 'dynamic section without a string table' } : { ok: true, elf };
    const strtab = fileOffset(segments, strtabAddr);
    if (strtab === null) return { ok: false, problem: `string table address 0x${strtabAddr.toString(16)} is in no loaded segment` };
    const strsz = entries.find((e) => e.tag === DT.STRSZ)?.value ?? buf.length - strtab;
    const str = (offset: number) => r.string(strtab + offset, strtab + strsz);
    for (const e of entries) {
      if (e.tag === DT.NEEDED) elf.needed.push(str(e.value));
      else if (e.tag === DT.SONAME) elf.soname = str(e.value);
      else if (e.tag === DT.RPATH) elf.rpath.push(...splitPath(str(e.value)));
      else if (e.tag === DT.RUNPATH) elf.runpath.push(...splitPath(str(e.value)));
    }
    return { ok: true, elf };
  } catch (err) {
    if (err instanceof Truncated) return { ok: false, problem: `truncated or malformed ELF: ${err.message}` };
    throw err;
  }
}
