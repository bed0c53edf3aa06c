// make.conf's sizing line names the engine picked on Base whose CPUs and memory it comes from.
import { afterEach, expect, it } from 'vitest';
import { CONNECTION } from '../base/harness.js';
import { openRecipe, type RecipeHarness } from './harness.js';

let h: RecipeHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

it('says which engine the sizing r applies comes from', async () => {
  h = await openRecipe({ engine: { status: 'ready', connection: CONNECTION, name: 'arm64-box' } });
  await h.tui.press('left', 'left', 'left', 'left');
  expect(h.tui.frame()).toContain('r applies: MAKEOPTS="-j4 -l9" --jobs=2 --load-average=9 (engine arm64-box)');
});
