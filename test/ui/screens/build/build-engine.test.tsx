// The Build step on an engine picked on Base: it says which engine b builds on, and the build is started
// there with the engine's name, which its state keeps (so `attach` and `builds` find it later).
import { afterEach, expect, it } from 'vitest';
import { CONNECTION, openBuild, startBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

it('names the engine and starts the build there with its name', async () => {
  h = await openBuild({ engine: { status: 'ready', connection: CONNECTION, name: 'arm64-box' } });
  expect(await h.tui.waitForFrame((f) => f.includes('b builds it'))).toContain('b builds it on engine arm64-box in a labelled container;');
  await startBuild(h);
  expect(h.start).toHaveBeenCalledWith(CONNECTION, expect.objectContaining({ engine: 'arm64-box' }));
});

it('on the default endpoint says nothing of engines and gives the build no engine name', async () => {
  h = await openBuild();
  expect(await h.tui.waitForFrame((f) => f.includes('b builds it'))).toContain('b builds it in a labelled container;');
  await startBuild(h);
  expect(h.start.mock.calls[0]![1]).not.toHaveProperty('engine');
});
