// The quit question with ink-testing-library: its keys (a choice's own key, q, k, ↑↓ Enter) through
// the app's key router, at ink-testing-library's 100 columns (no 80x24 frame needed here).
import React from 'react';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QuitGuard } from '../../../src/ui/app/wizard-context.js';
import { ConfirmQuit } from '../../../src/ui/app/confirm-quit.js';
import { KeyRouterProvider } from '../../../src/ui/keys/key-router.js';
import { LookProvider } from '../../../src/ui/theme/theme-context.js';
import { lookFor } from '../../helpers/render-tui.js';

/** Let Ink read the key and React draw (UX pitfall 7). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function ask() {
  const detach = vi.fn();
  const cancel = vi.fn(async () => {});
  const guard: QuitGuard = {
    reason: 'Build b1 is still running in its container.',
    choices: [
      { key: 'd', label: 'detach & quit', text: 'detach and quit', run: detach },
      { key: 'x', label: 'cancel & quit', text: 'cancel the build and quit', run: cancel },
    ],
  };
  const onDone = vi.fn();
  const onStay = vi.fn();
  const r = render(
    <LookProvider look={lookFor('mono')}>
      <KeyRouterProvider>
        <ConfirmQuit guard={guard} onDone={onDone} onStay={onStay} />
      </KeyRouterProvider>
    </LookProvider>,
  );
  unmount = r.unmount;
  const frame = () => stripVTControlCharacters(r.lastFrame() ?? '');
  const press = async (data: string) => {
    r.stdin.write(data);
    await settle();
  };
  return { frame, press, detach, cancel, onDone, onStay };
}

describe('confirm quit', () => {
  it('lists the ways out with the first one marked, inside its border', async () => {
    const q = ask();
    await settle();
    const lines = q.frame().split('\n');
    expect(lines[1]).toMatch(/│ Quit gentoo-wb\? +│/);
    expect(q.frame()).toMatch(/│ › d: detach and quit +│/);
    expect(q.frame()).toMatch(/│ {3}x: cancel the build and quit +│/);
    expect(q.frame()).toMatch(/│ {3}k or Esc: stay\. +│/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('↓ then Enter takes the marked way out, and says it is working', async () => {
    const q = ask();
    await settle();
    await q.press('\x1b[B');
    expect(q.frame()).toMatch(/› x: cancel the build and quit/);
    await q.press('\r');
    expect(q.cancel).toHaveBeenCalledTimes(1);
    expect(q.detach).not.toHaveBeenCalled();
    expect(q.onDone).toHaveBeenCalledTimes(1);
    expect(q.frame()).toContain('working…');
  });

  it('Enter on the last row stays; a choice key and q act at once; k stays', async () => {
    let q = ask();
    await settle();
    await q.press('j');
    await q.press('j');
    await q.press('\r');
    expect(q.onStay).toHaveBeenCalledTimes(1);
    expect(q.detach).not.toHaveBeenCalled();
    unmount?.();

    q = ask();
    await settle();
    await q.press('k');
    expect(q.onStay).toHaveBeenCalledTimes(1);
    await q.press('x');
    expect(q.cancel).toHaveBeenCalledTimes(1);
    unmount?.();

    q = ask();
    await settle();
    await q.press('q');
    expect(q.detach).toHaveBeenCalledTimes(1);
    expect(q.onDone).toHaveBeenCalledTimes(1);
  });
});
