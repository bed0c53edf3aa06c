// Writes small but well-formed ELF files for the reader and ROOT-check tests: an ELF header, a
// PT_LOAD covering the whole file, PT_INTERP and PT_DYNAMIC, in either class and byte order.

export interface ElfSpec {
  class?: 32 | 64;
  littleEndian?: boolean;
  /** e_machine; 62 = x86-64. */
  machine?: number;
  /** e_type: 1 rel, 2 exec, 3 dyn. */
  type?: number;
  interpreter?: string;
  needed?: string[];
  soname?: string;
  rpath?: string;
  runpath?: string;
  /** Leave the PT_DYNAMIC out (a static executable). */
  staticLink?: boolean;
}

const BASE = 0x400000;

/** The bytes of an ELF file as described. */
export function buildElf(spec: ElfSpec = {}): Buffer {
  const is64 = (spec.class ?? 64) === 64;
  const le = spec.littleEndian ?? true;
  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const strings: string[] = [''];
  const strOffset = (s: string): number => {
    let at = 0;
    for (const x of strings) {
      if (x === s && at > 0) return at;
      at += Buffer.byteLength(x) + 1;
    }
    strings.push(s);
    return at;
  };
  const dyn: [number, number][] = [];
  for (const n of spec.needed ?? []) dyn.push([1, strOffset(n)]);
  if (spec.soname !== undefined) dyn.push([14, strOffset(spec.soname)]);
  if (spec.rpath !== undefined) dyn.push([15, strOffset(spec.rpath)]);
  if (spec.runpath !== undefined) dyn.push([29, strOffset(spec.runpath)]);
  const strtab = Buffer.concat(strings.map((s) => Buffer.from(`${s}\0`, 'utf8')));
  const interp = spec.interpreter !== undefined ? Buffer.from(`${spec.interpreter}\0`, 'utf8') : null;
  const hasDynamic = !spec.staticLink;
  const phnum = 1 + (interp ? 1 : 0) + (hasDynamic ? 1 : 0);
  const interpAt = ehsize + phnum * phentsize;
  const strtabAt = interpAt + (interp?.length ?? 0);
  const dynAt = Math.ceil((strtabAt + strtab.length) / 8) * 8;
  const entrySize = is64 ? 16 : 8;
  const entries: [number, number][] = [...dyn, [5, BASE + strtabAt], [10, strtab.length], [0, 0]];
  const total = dynAt + (hasDynamic ? entries.length * entrySize : 0);
  const buf = Buffer.alloc(total);
  const u16 = (at: number, v: number) => (le ? buf.writeUInt16LE(v, at) : buf.writeUInt16BE(v, at));
  const u32 = (at: number, v: number) => (le ? buf.writeUInt32LE(v, at) : buf.writeUInt32BE(v, at));
  const word = (at: number, v: number) => {
    if (!is64) return u32(at, v);
    return le ? buf.writeBigUInt64LE(BigInt(v), at) : buf.writeBigUInt64BE(BigInt(v), at);
  };
  buf.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, le ? 1 : 2, 1], 0);
  u16(16, spec.type ?? 3);
  u16(18, spec.machine ?? 62);
  u32(20, 1);
  if (is64) {
    word(32, ehsize);
    u16(52, ehsize);
    u16(54, phentsize);
    u16(56, phnum);
  } else {
    word(28, ehsize);
    u16(40, ehsize);
    u16(42, phentsize);
    u16(44, phnum);
  }
  let ph = ehsize;
  const phdr = (type: number, offset: number, size: number) => {
    u32(ph, type);
    if (is64) {
      word(ph + 8, offset);
      word(ph + 16, BASE + offset);
      word(ph + 24, BASE + offset);
      word(ph + 32, size);
      word(ph + 40, size);
    } else {
      word(ph + 4, offset);
      word(ph + 8, BASE + offset);
      word(ph + 12, BASE + offset);
      word(ph + 16, size);
      word(ph + 20, size);
    }
    ph += phentsize;
  };
  if (interp) phdr(3, interpAt, interp.length);
  phdr(1, 0, total);
  if (hasDynamic) phdr(2, dynAt, entries.length * entrySize);
  if (interp) interp.copy(buf, interpAt);
  strtab.copy(buf, strtabAt);
  if (hasDynamic) {
    entries.forEach(([tag, value], i) => {
      const at = dynAt + i * entrySize;
      word(at, tag);
      word(at + entrySize / 2, value);
    });
  }
  return buf;
}
