// Quitting asks every guard in turn: a running build (detach / cancel) and unsaved recipe edits
// (save / discard); k or Esc stays.
import React from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { App } from '../../../src/ui/app/app.js';
import { useWizard } from '../../../src/ui/app/wizard-context.js';
import { WorkbenchProvider, type Workbench } from '../../../src/ui/session/workbench-context.js';
import { fakeServices, fakeWorkbench } from '../../helpers/fake-workbench.js';
import { renderTui, settle, type Tui } from '../../helpers/render-tui.js';

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

function workbench(save = vi.fn(async () => {})): Workbench {
  return fakeWorkbench(fakeServices({ recipes: { save } }));
}

function BuildGuard({ detach }: { detach: () => void }) {
  const { setQuitGuard } = useWizard();
  React.useEffect(() => {
    setQuitGuard('build', { reason: 'Build b1 is still running.', choices: [{ key: 'd', label: 'detach & quit', text: 'detach and quit', run: detach }] });
  }, [setQuitGuard, detach]);
  return null;
}

it('unsaved recipe edits: q asks, k stays, s saves to the default path and quits', async () => {
  const save = vi.fn(async () => {});
  const wb = workbench(save);
  const onExit = vi.fn();
  tui = await renderTui(
    <WorkbenchProvider value={wb}>
      <App onExit={onExit} screens={{}} />
    </WorkbenchProvider>,
  );
  wb.store.setRecipe(newRecipe({ name: 'web', base: 'gentoo/stage3', packages: ['app-misc/hello'] }));
  await settle();
  await tui.press('q');
  expect(tui.frame()).toContain('The recipe "web" has unsaved edits.');
  expect(tui.frame()).toContain('s: save the recipe to /recipes/web.json, then quit.');
  await tui.press('k');
  expect(tui.frame()).not.toContain('unsaved edits');
  expect(onExit).not.toHaveBeenCalled();
  await tui.press('q', 's');
  await tui.waitForFrame(() => onExit.mock.calls.length === 1);
  expect(save).toHaveBeenCalledWith('/recipes/web.json', expect.objectContaining({ name: 'web' }));
});

it('an invalid recipe can only be discarded, and a saved one quits at once', async () => {
  const wb = workbench();
  const onExit = vi.fn();
  tui = await renderTui(
    <WorkbenchProvider value={wb}>
      <App onExit={onExit} screens={{}} />
    </WorkbenchProvider>,
  );
  wb.store.setRecipe(newRecipe({ name: 'empty', base: 'gentoo/stage3' }));
  await settle();
  await tui.press('q');
  expect(tui.frame().replace(/[│\s]+/g, ' ')).toMatch(/cannot be saved as it is: packages: no packages to build/);
  expect(tui.frame()).not.toContain('s: save');
  await tui.press('escape');
  wb.store.setRecipe(wb.store.getState().recipe.doc!, { saved: true });
  await settle();
  await tui.press('q');
  expect(onExit).toHaveBeenCalledTimes(1);
});

it('several guards are asked in turn before quitting', async () => {
  const wb = workbench();
  const onExit = vi.fn();
  const detach = vi.fn();
  tui = await renderTui(
    <WorkbenchProvider value={wb}>
      <App onExit={onExit} screens={{ host: () => <BuildGuard detach={detach} /> }} />
    </WorkbenchProvider>,
  );
  wb.store.setRecipe(newRecipe({ name: 'web', base: 'gentoo/stage3', packages: ['app-misc/hello'] }));
  await settle();
  await tui.press('q');
  expect(tui.frame()).toContain('Build b1 is still running.');
  await tui.press('d');
  await tui.waitForFrame((f) => f.includes('unsaved edits'));
  expect(detach).toHaveBeenCalledTimes(1);
  expect(onExit).not.toHaveBeenCalled();
  await tui.press('n');
  await tui.waitForFrame(() => onExit.mock.calls.length === 1);
});

it('a guard whose build ended a moment before q (its effect has not cleared it yet) does not ask', async () => {
  const onExit = vi.fn();
  let running = true;
  function EndingGuard() {
    const { setQuitGuard } = useWizard();
    React.useEffect(() => {
      setQuitGuard('build', { reason: 'Build b1 is still running.', choices: [], holds: () => running });
    }, [setQuitGuard]);
    return null;
  }
  tui = await renderTui(
    <WorkbenchProvider value={workbench()}>
      <App onExit={onExit} screens={{ host: () => <EndingGuard /> }} />
    </WorkbenchProvider>,
  );
  await tui.press('q');
  expect(tui.frame()).toContain('Build b1 is still running.');
  await tui.press('escape');
  running = false;
  await tui.press('q');
  expect(onExit).toHaveBeenCalledTimes(1);
});
