// The headless terminal under the log pane: \r progress, colours, mono, bounded scrollback, anchors.
import { afterEach, describe, expect, it } from 'vitest';
import { LogTerminal } from '../../../../src/ui/components/log-view/log-terminal.js';
import { staleReflowLines } from './stale-reflow.js';

let term: LogTerminal | undefined;
afterEach(() => {
  term?.dispose();
  term = undefined;
});

async function fed(data: string, options: { cols?: number; rows?: number; scrollback?: number } = {}): Promise<LogTerminal> {
  term = new LogTerminal({ cols: options.cols ?? 80, rows: options.rows ?? 10, scrollback: options.scrollback ?? 100 });
  term.write(data);
  await term.settled();
  return term;
}

describe('LogTerminal', () => {
  it('shows only the final text of a line rewritten with \\r', async () => {
    const t = await fed('>>> Downloading foo.tar.gz  10%\r>>> Downloading foo.tar.gz  55%\r>>> Downloading foo.tar.gz 100%\nnext line\n');
    expect(t.length).toBe(2);
    expect(t.lineText(0)).toBe('>>> Downloading foo.tar.gz 100%');
    expect(t.lineText(1)).toBe('next line');
    expect(t.lineRuns(0, false)).toEqual([{ text: '>>> Downloading foo.tar.gz 100%' }]);
  });

  it('a shorter rewrite after \\r\\e[K leaves no tail of the longer text', async () => {
    const t = await fed('compiling 123 of 456 files\r\x1b[Kdone\n');
    expect(t.lineText(0)).toBe('done');
  });

  it('turns colour escapes into styled runs (Portage\'s green star, red bold error)', async () => {
    const t = await fed('\x1b[32m * \x1b[39;49;00mPackage:    dev-util/brokentool-0.9:0\n \x1b[31;01m*\x1b[0m ERROR: failed (compile phase):\n\x1b[38;5;208morange\x1b[0m \x1b[38;2;1;2;3mrgb\x1b[0m \x1b[7minv\x1b[0m\n');
    expect(t.lineRuns(0, false)).toEqual([{ text: ' * ', fg: 'green' }, { text: 'Package:    dev-util/brokentool-0.9:0' }]);
    expect(t.lineRuns(1, false)).toEqual([{ text: ' ' }, { text: '*', fg: 'red', bold: true }, { text: ' ERROR: failed (compile phase):' }]);
    expect(t.lineRuns(2, false)).toEqual([{ text: 'orange', fg: 'ansi256(208)' }, { text: ' ' }, { text: 'rgb', fg: '#010203' }, { text: ' ' }, { text: 'inv', inverse: true }]);
  });

  it('in mono drops every colour but keeps bold and inverse', async () => {
    const t = await fed(' \x1b[31;01m*\x1b[0m ERROR\n\x1b[32;7mok\x1b[0m \x1b[4;33munder\x1b[0m\n');
    expect(t.lineRuns(0, true)).toEqual([{ text: ' ' }, { text: '*', bold: true }, { text: ' ERROR' }]);
    expect(t.lineRuns(1, true)).toEqual([{ text: 'ok', inverse: true }, { text: ' under' }]);
    for (const run of [...t.lineRuns(0, true), ...t.lineRuns(1, true)]) {
      expect(run.fg).toBeUndefined();
      expect(run.bg).toBeUndefined();
    }
  });

  it('keeps at most scrollback + rows lines however much is written', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i}`);
    term = new LogTerminal({ cols: 40, rows: 10, scrollback: 500 });
    term.writeLines(lines);
    await term.settled();
    expect(term.capacity).toBe(510);
    // The cursor's blank line after the last newline takes one of the 510 rows.
    expect(term.length).toBe(509);
    expect(term.lineText(0)).toBe('line 9491');
    expect(term.lineText(508)).toBe('line 9999');
  });

  it('an anchor moves with its line as old lines drop out, and reports -1 once its line is gone', async () => {
    term = new LogTerminal({ cols: 40, rows: 5, scrollback: 20 });
    term.writeLines(Array.from({ length: 25 }, (_, i) => `line ${i}`));
    await term.settled();
    // 25 lines and the cursor's blank line fill 20 + 5 rows: "line 0" already dropped out.
    expect(term.lineText(0)).toBe('line 1');
    const anchor = term.anchor(10);
    expect(term.lineText(anchor.line())).toBe('line 11');
    term.writeLines(['a', 'b', 'c']);
    await term.settled();
    expect(term.lineText(anchor.line())).toBe('line 11');
    expect(anchor.line()).toBe(7);
    term.writeLines(Array.from({ length: 20 }, (_, i) => `more ${i}`));
    await term.settled();
    expect(anchor.line()).toBe(-1);
  });

  it('joins rows it wrapped when giving the text back', async () => {
    const t = await fed(`${'x'.repeat(50)}\nshort\n`, { cols: 20 });
    expect(t.length).toBe(4);
    expect(t.text()).toBe(`${'x'.repeat(50)}\nshort`);
    expect(t.text(3, 4)).toBe('short');
  });

  it('counts a line still being written (no newline yet) and notifies listeners once per batch', async () => {
    term = new LogTerminal({ cols: 40, rows: 5, notifyMs: 5 });
    let calls = 0;
    term.subscribe(() => calls++);
    term.write('one\ntwo');
    term.write(' and more');
    await term.settled();
    expect(term.length).toBe(2);
    expect(term.lineText(1)).toBe('two and more');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(1);
    expect(term.version).toBe(1);
  });

  it('a line written after narrowing a full scrollback keeps no tail of an older row (xterm reflow leaves one under the cursor)', async () => {
    term = new LogTerminal({ cols: 256, rows: 20, scrollback: 100 });
    term.writeLines(staleReflowLines());
    await term.settled();
    term.resize(80, 20);
    term.writeLines(['foo-tool']);
    await term.settled();
    expect(term.cols).toBe(80);
    expect(term.lineTexts().slice(-2)).toEqual(['L107-'.padEnd(38, 'x'), 'foo-tool']);
    expect(term.text().split('\n').slice(-2)).toEqual(['L107-'.padEnd(38, 'x'), 'foo-tool']);
  });

  it('narrowing a full scrollback keeps the newest lines whole and an anchor on its line', async () => {
    term = new LogTerminal({ cols: 256, rows: 20, scrollback: 100 });
    term.writeLines(staleReflowLines());
    await term.settled();
    const line = term.lineTexts().indexOf('L104-'.padEnd(27, 'x'));
    const anchor = term.anchor(line);
    term.resize(80, 20);
    await term.settled();
    expect(term.lineText(anchor.line())).toBe('L104-'.padEnd(27, 'x'));
    expect(term.text().split('\n').slice(-8)).toEqual(staleReflowLines().slice(-8));
    expect(term.length).toBeLessThanOrEqual(term.capacity);
  });

  it('a resize keeps a \\r progress line being written, and its next rewrite lands on it', async () => {
    term = new LogTerminal({ cols: 80, rows: 5, scrollback: 10 });
    term.write('first\n 45% [=====>      ] 1.2M\r');
    term.resize(40, 5);
    term.write(' 46%\n');
    term.resize(90, 5);
    term.write('last\n');
    await term.settled();
    expect(term.cols).toBe(90);
    expect(term.lineTexts()).toEqual(['first', ' 46% [=====>      ] 1.2M', 'last']);
  });
});
