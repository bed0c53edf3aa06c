// A fake terminal for UI tests: stdout with columns/rows that records every frame and checks the
// screen rules on each one, and a stdin that accepts key names.
import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  frames: string[] = [];
  violations: string[] = [];

  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }

  write = (chunk: string): boolean => {
    this.frames.push(chunk);
    this.check(chunk);
    return true;
  };

  /** The two rules every frame must keep at any size (UX.md): fit the width, stay below rows-1. */
  private check(frame: string): void {
    const lines = stripVTControlCharacters(frame).replace(/\n$/, '').split('\n');
    if (lines.length > this.rows - 1) {
      this.violations.push(`frame ${this.frames.length} is ${lines.length} lines tall at ${this.columns}x${this.rows} (max ${this.rows - 1})`);
    }
    lines.forEach((line, i) => {
      const width = stringWidth(line);
      if (width > this.columns) this.violations.push(`frame ${this.frames.length} line ${i + 1} is ${width} columns wide (max ${this.columns}): ${line}`);
    });
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }

  lastFrame(): string {
    return this.frames.at(-1) ?? '';
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private queue: string[] = [];
  rawMode = false;

  setRawMode(on: boolean): this {
    this.rawMode = on;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  read = (): string | null => this.queue.shift() ?? null;

  /** Deliver raw bytes the way a terminal would. */
  send(data: string): void {
    this.queue.push(data);
    this.emit('readable');
  }
}

const SEQUENCES: Record<string, string> = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  'shift+tab': '\x1b[Z',
  backspace: '\x7f',
  space: ' ',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
};

/** Bytes for a key name ("down", "ctrl+c", "q"); anything else is sent as typed text. */
export function keySequence(key: string): string {
  const known = SEQUENCES[key];
  if (known) return known;
  const ctrl = /^ctrl\+([a-z])$/.exec(key);
  if (ctrl) return String.fromCharCode(ctrl[1]!.charCodeAt(0) - 96);
  return key;
}
