// The log pane at 80x24: follow mode, scrolling, search with highlighted matches, save and copy.
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { failureStartLine } from '../../../../src/core/portage/build-stream/failure-start.js';
import { LogTerminal } from '../../../../src/ui/components/log-view/log-terminal.js';
import { LogView, type LogViewProps } from '../../../../src/ui/components/log-view/log-view.js';
import { KeyRouterProvider } from '../../../../src/ui/keys/key-router.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';
import { staleReflowLines } from './stale-reflow.js';

let tui: Tui | undefined;
let term: LogTerminal | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
  term?.dispose();
  term = undefined;
});

async function open(lines: string[], props: Partial<LogViewProps> = {}, theme = 'default') {
  term = new LogTerminal({ cols: 80, rows: 19, scrollback: 1000, notifyMs: 5 });
  term.writeLines(lines);
  await term.settled();
  tui = await renderTui(
    <KeyRouterProvider>
      <LogView terminal={term} title="Log: dev-lang/php-8.3.15" width={80} height={20} focused {...props} />
    </KeyRouterProvider>,
    { theme },
  );
  return { tui, term };
}

const numbered = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `line ${from + i}`);

describe('LogView', () => {
  it('follows the end of a 10,000-line log and keeps only its scrollback', async () => {
    const { tui, term } = await open(numbered(10_000));
    const frame = tui.frame();
    expect(term.length).toBe(1018);
    expect(frame).toContain('› Log: dev-lang/php-8.3.15');
    expect(frame).toContain('follow  1000-1018/1018');
    expect(frame.split('\n').at(-1)).toBe('line 9999');
    expect(frame).not.toContain('line 9980');
  });

  it("a failed package's real build.log opens on the compiler error, not on the support boilerplate", async () => {
    const text = readFileSync('test/fixtures/portage-transcripts/build-failure-brokentool.txt', 'utf8');
    term = new LogTerminal({ cols: 80, rows: 9, scrollback: 1000, notifyMs: 5 });
    term.write(text);
    await term.settled();
    term.openAt(failureStartLine(term.lineTexts())!);
    tui = await renderTui(
      <KeyRouterProvider>
        <LogView terminal={term} title="Log: dev-util/brokentool-0.9" width={80} height={10} focused />
      </KeyRouterProvider>,
    );
    await tui.waitForFrame((f) => f.includes('paused'));
    expect(tui.frame().split('\n')[1]).toBe("brokentool.c:5:47: error: expected ‘;’ before ‘return’");
    expect(tui.frame()).not.toContain('If you need support');
    await tui.press('end');
    expect(tui.frame()).toContain('follow');
  });

  it('scrolling up pauses; new lines do not move the window; End follows again', async () => {
    const { tui, term } = await open(numbered(200));
    await tui.press('k', 'k');
    expect(tui.frame()).toContain('paused  180-198/200');
    expect(tui.frame().split('\n').at(-1)).toBe('line 197');
    term.writeLines(numbered(50, 200));
    await tui.waitForFrame((f) => f.includes('/250'));
    expect(tui.frame()).toContain('paused  180-198/250');
    expect(tui.frame().split('\n').at(-1)).toBe('line 197');
    await tui.press('end');
    expect(tui.frame()).toContain('follow  232-250/250');
    expect(tui.frame().split('\n').at(-1)).toBe('line 249');
    await tui.press('g');
    expect(tui.frame().split('\n')[1]).toBe('line 0');
    await tui.press('pagedown');
    expect(tui.frame().split('\n')[1]).toBe('line 18');
  });

  it('/ searches, highlights every match on screen, and n / N move between them', async () => {
    const lines = numbered(300).map((l, i) => (i % 50 === 7 ? `${l} make: *** [Makefile:17] Error 1` : l));
    const { tui } = await open(lines);
    await tui.press('/');
    expect(tui.frame().split('\n')[0]?.trimEnd()).toBe('/');
    await tui.type('error');
    await tui.press('enter');
    // Search starts from the window (the end), so it wraps to the first match.
    let frame = tui.frame();
    expect(frame).toContain('/error 1/6');
    expect(frame).toContain('line 7 make: *** [Makefile:17] Error 1');
    // The current match is drawn bold, underlined and inverse; the others inverse.
    const raw = tui.rawFrame();
    expect(raw).toMatch(/\x1b\[7m[^\n]*Error/);
    await tui.press('n');
    frame = tui.frame();
    expect(frame).toContain('/error 2/6');
    expect(frame).toContain('line 57 make');
    expect(frame).toContain('paused');
    await tui.press('N', 'N');
    expect(tui.frame()).toContain('/error 6/6');
    expect(tui.frame()).toContain('line 257 make');
  });

  it('says when nothing matches', async () => {
    const { tui } = await open(numbered(30));
    await tui.press('/');
    await tui.type('zzz');
    await tui.press('enter');
    expect(tui.frame()).toContain('/zzz: no match');
  });

  it('s asks where to save (prefilled) and hands the typed path over; Esc cancels', async () => {
    const onSave = vi.fn();
    const { tui } = await open(numbered(30), { onSave, savePath: '/state/builds/b1/saved-output.log' });
    await tui.press('s');
    expect(tui.frame().split('\n')[0]?.trimEnd()).toBe('Save to: /state/builds/b1/saved-output.log');
    await tui.press('escape');
    expect(onSave).not.toHaveBeenCalled();
    await tui.press('s', 'ctrl+u');
    await tui.type('/tmp/x.log');
    await tui.press('enter');
    expect(onSave).toHaveBeenCalledWith('/tmp/x.log');
    expect(tui.frame()).toContain('Log: dev-lang/php');
  });

  it('w turns wrapping off (long lines cut at the edge) and on again, keeping every line', async () => {
    const jobs = '>>> Jobs: 0 of 10 complete, 1 running                                   Load avg: 1.06, 1.23, 1.13';
    const { tui } = await open(['first', jobs, 'last']);
    expect(tui.frame()).toContain('follow  1-4/4');
    expect(tui.frame().split('\n')).toContain(': 1.06, 1.23, 1.13');
    await tui.press('w');
    let frame = await tui.waitForFrame((f) => f.includes('follow nowrap  1-3/3'));
    expect(frame.split('\n')[2]).toMatch(/^>>> Jobs: 0 of 10 complete, 1 running +Load av…$/);
    await tui.press('w');
    frame = await tui.waitForFrame((f) => f.includes('follow  1-4/4'));
    expect(frame.split('\n').slice(1, 5)).toEqual(['first', jobs.slice(0, 80), jobs.slice(80), 'last']);
  });

  it('a line arriving after w wraps a full scrollback again shows alone, with no tail of an older row', async () => {
    term = new LogTerminal({ cols: 80, rows: 20, scrollback: 100, notifyMs: 5 });
    tui = await renderTui(
      <KeyRouterProvider>
        <LogView terminal={term} title="Build output" width={80} height={21} focused />
      </KeyRouterProvider>,
    );
    await tui.press('w');
    await tui.waitForFrame((f) => f.includes('nowrap'));
    term.writeLines(staleReflowLines());
    await term.settled();
    await tui.press('w');
    await tui.waitForFrame((f) => !f.includes('nowrap'));
    term.writeLines(['foo-tool']);
    await term.settled();
    const frame = await tui.waitForFrame((f) => f.includes('foo-tool'));
    expect(frame.split('\n').slice(-2)).toEqual(['L107-'.padEnd(38, 'x'), 'foo-tool']);
  });

  it('c copies the whole log when it fits the clipboard', async () => {
    const onCopy = vi.fn();
    const { tui } = await open(numbered(3), { onCopy });
    await tui.press('c');
    expect(onCopy).toHaveBeenCalledWith('line 0\nline 1\nline 2', 'the whole log (3 lines)');
  });

  it('draws colours from the log, and none in mono', async () => {
    const lines = ['\x1b[32m * \x1b[39;49;00mPackage:    dev-util/brokentool-0.9:0', ' \x1b[31;01m*\x1b[0m ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase):'];
    const coloured = await open(lines);
    expect(coloured.tui.rawFrame()).toMatch(/\x1b\[32m \* /);
    expect(coloured.tui.rawFrame()).toMatch(/\x1b\[1m\x1b\[31m\*|\x1b\[31m\x1b\[1m\*/);
    coloured.tui.unmount();
    coloured.term.dispose();
    tui = undefined;
    const mono = await open(lines, {}, 'mono');
    const raw = mono.tui.rawFrame();
    expect(mono.tui.frame()).toContain(' * Package:    dev-util/brokentool-0.9:0');
    expect(raw).not.toMatch(/\x1b\[3[0-7]m/);
    expect(raw).toMatch(/\x1b\[1m\*/);
  });
});
