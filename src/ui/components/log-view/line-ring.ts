// A fixed-size ring of text lines: memory stays bounded however long a build runs.
type Listener = () => void;

export class LineRing {
  private readonly lines: string[];
  private start = 0;
  private count = 0;
  /** Lines ever pushed (also counts the ones that fell out). */
  total = 0;
  private readonly listeners = new Set<Listener>();

  constructor(readonly capacity: number) {
    this.lines = new Array<string>(capacity);
  }

  push(line: string): void {
    const index = (this.start + this.count) % this.capacity;
    this.lines[index] = line;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.total++;
    for (const l of this.listeners) l();
  }

  get size(): number {
    return this.count;
  }

  /** Line `i` of those kept (0 = oldest kept). */
  at(i: number): string | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.lines[(this.start + i) % this.capacity];
  }

  /** Lines `from` (inclusive) to `to` (exclusive) of those kept. */
  slice(from: number, to: number): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(this.count, to); i++) out.push(this.at(i)!);
    return out;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
    this.total = 0;
    for (const l of this.listeners) l();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
