// A ring of the last text lines, bounded in lines and in bytes however long a build runs. The lines
// are kept as UTF-8 in one buffer, each with its newline, not as JavaScript strings: in a flood every
// string still in the ring when the garbage collector runs twice is moved to the old generation and
// stays there until a full collection, which is what made the build pane's memory peak. A run of
// lines is then also one slice of bytes, ready for a terminal.
type Listener = () => void;

/** The buffer's first size; it doubles as lines need (up to maxBytes). */
const INITIAL_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

export class LineRing {
  private buf: Buffer;
  /** Byte offset of each slot's line (its newline included) and its length. */
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  /** Oldest slot, lines kept, bytes they take, where the next line's bytes go. */
  private start = 0;
  private count = 0;
  private used = 0;
  private head = 0;
  /** Lines ever pushed (also counts the ones that fell out). */
  total = 0;
  private readonly listeners = new Set<Listener>();

  /** At most `capacity` lines and `maxBytes` bytes of them (a longer line is cut to fit). */
  constructor(
    readonly capacity: number,
    readonly maxBytes = 8 * 1024 * 1024,
  ) {
    this.buf = Buffer.allocUnsafe(Math.min(INITIAL_BYTES, maxBytes));
    this.starts = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
  }

  push(line: string): void {
    if (this.count === this.capacity) this.dropOldest();
    // A UTF-16 unit is at most 3 UTF-8 bytes: while that much is free straight after the head (the
    // usual case), the line is written without a separate pass to measure it.
    const worst = line.length * 3 + 1;
    let written: number;
    if (this.used + worst <= this.buf.length && this.head + worst <= this.buf.length) {
      written = this.buf.write(line, this.head);
    } else {
      let encoded: Buffer = Buffer.from(line);
      if (encoded.length > this.maxBytes - 1) encoded = cutUtf8(encoded, this.maxBytes - 1);
      this.makeRoom(encoded.length + 1);
      written = encoded.length;
      this.copyIn(encoded, this.head);
    }
    const at = this.head;
    this.buf[(at + written) % this.buf.length] = NEWLINE;
    const slot = (this.start + this.count) % this.capacity;
    this.starts[slot] = at;
    this.lengths[slot] = written + 1;
    this.count++;
    this.used += written + 1;
    this.head = (at + written + 1) % this.buf.length;
    this.total++;
    for (const l of this.listeners) l();
  }

  get size(): number {
    return this.count;
  }

  /** Line `i` of those kept (0 = oldest kept). */
  at(i: number): string | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const slot = (this.start + i) % this.capacity;
    const from = this.starts[slot]!;
    const end = from + this.lengths[slot]! - 1;
    if (end <= this.buf.length) return this.buf.toString('utf8', from, end);
    return this.copyOut(from, this.lengths[slot]! - 1).toString('utf8');
  }

  /** Lines `from` (inclusive) to `to` (exclusive) of those kept. */
  slice(from: number, to: number): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(this.count, to); i++) out.push(this.at(i)!);
    return out;
  }

  /** Lines `from` to `to` (exclusive) as UTF-8, each ending in a newline: a copy the ring will not overwrite. */
  bytes(from: number, to: number): Buffer {
    const first = Math.max(0, from);
    const last = Math.min(this.count, to);
    if (last <= first) return Buffer.alloc(0);
    const slot = (this.start + first) % this.capacity;
    const lastSlot = (this.start + last - 1) % this.capacity;
    const begin = this.starts[slot]!;
    const end = this.starts[lastSlot]! + this.lengths[lastSlot]!;
    const length = end > begin ? end - begin : end + this.buf.length - begin;
    return this.copyOut(begin, length);
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
    this.used = 0;
    this.head = 0;
    this.total = 0;
    for (const l of this.listeners) l();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Free `bytes` after the head: grow the buffer while it may, else drop the oldest lines. */
  private makeRoom(bytes: number): void {
    while (this.used + bytes > this.buf.length) {
      if (this.buf.length < this.maxBytes) this.grow(Math.min(this.maxBytes, Math.max(this.buf.length * 2, this.used + bytes)));
      else this.dropOldest();
    }
  }

  private dropOldest(): void {
    this.used -= this.lengths[this.start]!;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
    if (this.count === 0) this.head = 0;
  }

  /** A bigger buffer with the kept lines moved to its start, oldest first. */
  private grow(size: number): void {
    const next = Buffer.allocUnsafe(size);
    if (this.count > 0) this.copyOut(this.starts[this.start]!, this.used).copy(next, 0);
    let at = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.start + i) % this.capacity;
      this.starts[slot] = at;
      at += this.lengths[slot]!;
    }
    this.buf = next;
    this.head = at;
  }

  /** `length` bytes from `from`, wrapping round the end of the buffer, as a fresh Buffer. */
  private copyOut(from: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    const firstPart = Math.min(length, this.buf.length - from);
    this.buf.copy(out, 0, from, from + firstPart);
    if (firstPart < length) this.buf.copy(out, firstPart, 0, length - firstPart);
    return out;
  }

  private copyIn(source: Buffer, at: number): void {
    const firstPart = Math.min(source.length, this.buf.length - at);
    source.copy(this.buf, at, 0, firstPart);
    if (firstPart < source.length) source.copy(this.buf, 0, firstPart);
  }
}

/** The first bytes of `encoded`, at most `max`, not cutting a character in two. */
function cutUtf8(encoded: Buffer, max: number): Buffer {
  let end = max;
  // Continuation bytes are 10xxxxxx: step back to the start of the character that did not fit.
  while (end > 0 && (encoded[end]! & 0xc0) === 0x80) end--;
  return encoded.subarray(0, end);
}
