// A log held in a headless xterm: bytes go in as a terminal would receive them (so `\r` progress
// rewrites a line and colour escapes become cell attributes), lines come out as styled runs. The
// scrollback is bounded, so memory stays flat however long the log grows.
import xterm from '@xterm/headless';
import { lineRuns } from './line-runs.js';
import type { StyledRun } from './styled-run.js';

type Terminal = InstanceType<typeof xterm.Terminal>;

/** Lines kept above the visible rows. */
const DEFAULT_SCROLLBACK = 5000;

export interface LogTerminalOptions {
  cols: number;
  rows: number;
  scrollback?: number;
  /** At most one change notification per this many ms (the pane redraws on it). */
  notifyMs?: number;
}

/** A position in the log that moves with its line as old lines drop out of the scrollback. */
export interface LineAnchor {
  /** The line's index now, or -1 once it dropped out. */
  line(): number;
  dispose(): void;
}

type Listener = () => void;

export class LogTerminal {
  private readonly term: Terminal;
  private readonly cell;
  private readonly listeners = new Set<Listener>();
  private readonly notifyMs: number;
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private openAnchor: LineAnchor | null = null;
  /** Bumped on every visible change (for useSyncExternalStore). */
  version = 0;

  constructor(options: LogTerminalOptions) {
    this.term = new xterm.Terminal({
      cols: Math.max(2, options.cols),
      rows: Math.max(1, options.rows),
      scrollback: options.scrollback ?? DEFAULT_SCROLLBACK,
      allowProposedApi: true,
      // Build logs end lines with \n alone; a terminal's tty would have added the \r.
      convertEol: true,
      logLevel: 'off',
    });
    this.cell = this.term.buffer.active.getNullCell();
    this.notifyMs = options.notifyMs ?? 50;
    this.term.onWriteParsed(() => this.changed());
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Most lines the terminal keeps (scrollback + rows). */
  get capacity(): number {
    return (this.term.options.scrollback ?? DEFAULT_SCROLLBACK) + this.term.rows;
  }

  /** Feed raw output, escape sequences and all. */
  write(data: string | Uint8Array): void {
    if (!this.disposed) this.term.write(data);
  }

  /** Feed whole lines (each gets its newline). */
  writeLines(lines: readonly string[]): void {
    if (lines.length > 0) this.write(`${lines.join('\n')}\n`);
  }

  /** Forget everything. */
  clear(): void {
    if (this.disposed) return;
    this.term.reset();
    this.changed();
  }

  resize(cols: number, rows: number): void {
    const c = Math.max(2, cols);
    const r = Math.max(1, rows);
    if (this.disposed || (c === this.term.cols && r === this.term.rows)) return;
    // xterm 6.0's reflow to fewer columns goes wrong when the rows it adds push old ones out of a
    // full scrollback: the cursor and the text fall out of step (a copy of some wrapped row lands
    // under the cursor, or the cursor lands on the last line), and the next line written keeps the
    // tail of what it overwrote ("foo-toolgnu.gold-version"). So the reflow gets room for every row
    // it can add, and the scrollback is cut back to its bound afterwards (oldest rows first, as
    // scrolling would have dropped them; anchors follow).
    const scrollback = this.term.options.scrollback ?? DEFAULT_SCROLLBACK;
    // A row of c cells holds at least c - 1 cells of text (a wide character may not fit at its end).
    const room = c < this.term.cols ? this.term.buffer.active.length * (Math.ceil(this.term.cols / Math.max(1, c - 1)) - 1) : 0;
    if (room > 0) this.term.options.scrollback = scrollback + room;
    this.term.resize(c, r);
    if (room > 0) this.term.options.scrollback = scrollback;
    this.changed();
  }

  /** Lines that hold something: the cursor's line and the last non-blank line below it count. */
  get length(): number {
    const b = this.term.buffer.active;
    const cursor = b.baseY + b.cursorY;
    for (let i = b.length - 1; i > cursor; i--) {
      if ((b.getLine(i)?.translateToString(true).length ?? 0) > 0) return i + 1;
    }
    const cursorLine = b.getLine(cursor);
    return cursorLine && (b.cursorX > 0 || cursorLine.translateToString(true).length > 0) ? cursor + 1 : cursor;
  }

  /** Line `i` as styled runs (colours dropped in mono). */
  lineRuns(i: number, mono: boolean): StyledRun[] {
    return lineRuns(this.term.buffer.active.getLine(i), this.term.cols, this.cell, mono);
  }

  /** Line `i` as plain text, trailing blanks cut. */
  lineText(i: number): string {
    return this.term.buffer.active.getLine(i)?.translateToString(true) ?? '';
  }

  /** The text of lines `from`..`to` (exclusive); rows the terminal wrapped are joined again. */
  text(from = 0, to = this.length): string {
    const b = this.term.buffer.active;
    let out = '';
    for (let i = Math.max(0, from); i < Math.min(to, b.length); i++) {
      const line = b.getLine(i);
      if (!line) continue;
      if (i > from && !line.isWrapped) out += '\n';
      out += line.translateToString(!b.getLine(i + 1)?.isWrapped);
    }
    return out;
  }

  /** Track line `i` as lines drop out of the scrollback. */
  anchor(i: number): LineAnchor {
    const b = this.term.buffer.active;
    const marker = this.term.registerMarker(i - (b.baseY + b.cursorY));
    if (!marker) return { line: () => -1, dispose: () => undefined };
    return { line: () => (marker.isDisposed ? -1 : marker.line), dispose: () => marker.dispose() };
  }

  /** Where a view of this log opens instead of its end (a failed log's first error line), if set. */
  get opening(): LineAnchor | null {
    return this.openAnchor;
  }

  /** Open views on line `i` (they stop following the end); a later call moves it. */
  openAt(i: number): void {
    if (this.disposed) return;
    this.openAnchor?.dispose();
    this.openAnchor = this.anchor(i);
    this.changed();
  }

  /** Every line as plain text (the rows the terminal wrapped stay separate, so indices match). */
  lineTexts(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.lineText(i));
  }

  /** Resolves once everything written so far has been parsed. */
  settled(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.term.write('', resolve));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
    this.term.dispose();
  }

  private changed(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.version++;
      for (const l of [...this.listeners]) l();
    }, this.notifyMs);
  }
}
