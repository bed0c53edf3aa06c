// The too-small screen quits through the same guards as the full screen: q while a build runs asks
// (detach / cancel / stay) instead of quitting and leaving the build unwatched without a word.
import React from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { EMPTY_PROGRESS } from '../../../src/core/build/progress.js';
import { App } from '../../../src/ui/app/app.js';
import { WorkbenchProvider, type Workbench } from '../../../src/ui/session/workbench-context.js';
import { fakeServices, fakeWorkbench } from '../../helpers/fake-workbench.js';
import { renderTui, settle, type Tui } from '../../helpers/render-tui.js';

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

function workbench(): { wb: Workbench; detach: ReturnType<typeof vi.fn> } {
  const wb = fakeWorkbench(fakeServices({ recipes: { defaultPath: (n: string) => `/r/${n}.json` } }));
  const { store, builds } = wb;
  const detach = vi.fn();
  builds.detach = detach;
  store.update((s) => ({ ...s, build: { id: '20260107-143012-a1b2c3', progress: EMPTY_PROGRESS, outcome: 'running', message: null } }));
  return { wb, detach };
}

/** The App at 50x12, too small for any screen. */
async function tooSmall(wb: Workbench, onExit: () => void): Promise<Tui> {
  const t = await renderTui(
    <WorkbenchProvider value={wb}>
      <App onExit={onExit} screens={{}} />
    </WorkbenchProvider>,
    { columns: 50, rows: 12 },
  );
  await settle();
  return t;
}

it('a running build: q on the too-small screen asks first; k stays, d detaches and quits', async () => {
  const { wb, detach } = workbench();
  const onExit = vi.fn();
  tui = await tooSmall(wb, onExit);
  expect(tui.frame()).toContain('Terminal too small');
  await tui.press('q');
  expect(onExit).not.toHaveBeenCalled();
  expect(tui.frame()).toContain('Build 20260107-143012-a1b2c3 is still running');
  await tui.press('k');
  expect(tui.frame()).toContain('Terminal too small');
  expect(onExit).not.toHaveBeenCalled();
  await tui.press('q', 'd');
  await tui.waitForFrame(() => onExit.mock.calls.length === 1);
  expect(detach).toHaveBeenCalledTimes(1);
});

it('nothing running: q on the too-small screen quits at once', async () => {
  const { wb } = workbench();
  wb.store.update((s) => ({ ...s, build: null }));
  const onExit = vi.fn();
  tui = await tooSmall(wb, onExit);
  await tui.press('q');
  expect(onExit).toHaveBeenCalledTimes(1);
});
