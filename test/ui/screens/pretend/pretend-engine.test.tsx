// Pretend follows the session's engine: switching engines (Base › Engine) runs the merge list again
// there, since another engine has another binary package cache and maybe another tree.
import { afterEach, expect, it } from 'vitest';
import type { EngineConnection } from '../../../../src/engine/docker/index.js';
import { openPretend, recipeFor, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

it('runs again on the engine the session switched to', async () => {
  h = await openPretend({ recipe: recipeFor(['dev-lang/php']), answer: () => '01-pretend-verbose-php' });
  await h.tui.waitForFrame((f) => f.includes('Portage accepts the list'));
  expect(h.requests).toHaveLength(1);
  const arm = { endpoint: { host: 'ssh://b@arm' } } as unknown as EngineConnection;
  h.store.update((s) => ({ ...s, engine: { status: 'ready', connection: arm, name: 'arm64-box' } }));
  await h.tui.waitForFrame(() => h!.requests.length === 2);
  await h.tui.waitForFrame((f) => f.includes('Portage accepts the list'));
  // Same recipe, same engine again: no third run.
  await new Promise((r) => setTimeout(r, 50));
  expect(h.requests).toHaveLength(2);
});
