import React from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/ui/app/app.js';
import { APP_KEYMAP } from '../../../src/ui/app/keymap.js';
import { hasColour } from '../../helpers/colour.js';
import { renderTui, type Tui } from '../../helpers/render-tui.js';


let tui: Tui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

describe('App shell', () => {
  it.each([
    [80, 24],
    [200, 50],
  ])('draws step bar, screen and footer at %ix%i', async (columns, rows) => {
    tui = await renderTui(<App onExit={() => {}} screens={{}} />, { columns, rows });
    const lines = tui.frame().split('\n');
    expect(lines[0]).toMatch(/›1 Host +2 Base +3 Recipe +4 Pretend +5 Build +6 Result/);
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    expect(lines.at(-1)).toMatch(/\? help +q\/\^C quit/);
  });

  it("opens help with the current screen's keys first, then the common ones, every description whole at 80x24; Esc closes it", async () => {
    tui = await renderTui(<App onExit={() => {}} screens={{}} />);
    await tui.press('?');
    expect(tui.frame().split('\n')[2]).toBe('Host checks (this screen)');
    const rows: string[] = [];
    for (let i = 0; i < 10; i++) {
      for (const l of tui.frame().split('\n').slice(2, -1)) if (!rows.includes(l)) rows.push(l);
      await tui.press('pagedown');
    }
    // Continuation rows of a description start in the description column: join them back.
    const text = rows.map((l) => l.trim()).join(' ').replace(/\s+/g, ' ');
    const common = new Set(['Global', 'Steps', 'Move', 'Lists', 'Logs', 'Host checks']);
    for (const b of APP_KEYMAP.bindings) {
      if (common.has(b.group)) expect(text, `help mentions ${b.id}`).toContain(b.help);
      else expect(text, `no ${b.id} on the Host screen`).not.toContain(b.help);
    }
    for (const l of rows) expect(l).not.toMatch(/…$/);
    await tui.press('escape');
    expect(tui.frame()).not.toContain('Keys (');
    expect(tui.frame()).toContain('not available in this version yet');
  });

  it('quits with q and with Ctrl-C', async () => {
    const onExit = vi.fn();
    tui = await renderTui(<App onExit={onExit} screens={{}} />);
    await tui.press('q');
    expect(onExit).toHaveBeenCalledTimes(1);
    await tui.press('ctrl+c');
    expect(onExit).toHaveBeenCalledTimes(2);
  });

  it('says plainly that a step is not available yet and stays put', async () => {
    tui = await renderTui(<App onExit={() => {}} screens={{}} />);
    await tui.press('4');
    expect(tui.frame()).toContain('Pretend is not available yet: Runs emerge --pretend');
    expect(tui.frame().split('\n')[0]).toMatch(/›1 Host/);
    await tui.press('j');
    expect(tui.frame()).not.toContain('Pretend is not available yet');
  });

  it('moves between available steps with digits and ] [', async () => {
    const Screen = (label: string) => () => <Text>{label}</Text>;
    const screens = { host: Screen('HOST SCREEN'), base: Screen('BASE SCREEN') };
    tui = await renderTui(<App onExit={() => {}} screens={screens} />);
    expect(tui.frame()).toContain('HOST SCREEN');
    await tui.press(']');
    expect(tui.frame()).toContain('BASE SCREEN');
    expect(tui.frame().split('\n')[0]).toMatch(/›2 Base/);
    await tui.press('[');
    expect(tui.frame()).toContain('HOST SCREEN');
    await tui.press('2');
    expect(tui.frame()).toContain('BASE SCREEN');
  });

  it('shows a terminal-too-small screen below 80x24 and recovers on resize', async () => {
    const onExit = vi.fn();
    tui = await renderTui(<App onExit={onExit} screens={{}} />, { columns: 60, rows: 20 });
    expect(tui.frame()).toContain('Terminal too small: 60×20, need 80×24');
    await tui.resize(80, 24);
    expect(tui.frame()).toContain('1 Host');
    await tui.resize(79, 24);
    expect(tui.frame()).toContain('need 80×24');
    await tui.press('q');
    expect(onExit).toHaveBeenCalled();
  });

  it('shows start-up messages until the next key', async () => {
    tui = await renderTui(<App onExit={() => {}} screens={{}} initialMessages={[{ text: 'Settings file moved aside', tone: 'warn' }]} />);
    expect(tui.frame()).toContain('! Settings file moved aside');
    await tui.press('j');
    expect(tui.frame()).not.toContain('Settings file moved aside');
  });
});

describe('App shell without colour', () => {
  it('mono frames contain no colour escapes and the focus is still visible', async () => {
    tui = await renderTui(<App onExit={() => {}} screens={{}} />, { theme: 'mono' });
    await tui.press('?');
    await tui.press('escape');
    for (const frame of tui.stdout.frames) expect(hasColour(frame)).toBe(false);
    expect(tui.rawFrame()).toContain('\x1b[7m'); // inverse
    expect(tui.frame()).toContain('›1 Host');
  });

  it('uses an ASCII focus marker without a UTF-8 locale', async () => {
    tui = await renderTui(<App onExit={() => {}} screens={{}} />, { theme: 'mono', unicode: false });
    expect(tui.frame()).toContain('>1 Host');
    expect(tui.frame()).not.toContain('›');
  });

  it('the default theme does colour (so the mono check above means something)', async () => {
    tui = await renderTui(<App onExit={() => {}} screens={{}} />, { theme: 'default' });
    expect(tui.stdout.frames.some((f) => hasColour(f))).toBe(true);
  });
});
