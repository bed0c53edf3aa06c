// `gentoo-wb attach` on a terminal: reaching the build (its state file, its container) takes longer
// than listing the builds that still run, and that list holds the very build being attached. The
// start-up offer "A build on this machine has not finished … follow one again?" must not cover it.
import { stripVTControlCharacters } from 'node:util';
import type { Mock } from 'vitest';
import { afterEach, expect, it } from 'vitest';
import type { BuildListing } from '../../../../src/engine/build/build-list.js';
import { startWorkbench } from '../../../../src/ui/session/bootstrap.js';
import { containerOutput, eventsOf, openBuild, type BuildHarness } from './harness.js';

let h: BuildHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const listing = (id: string): BuildListing => ({
  id, recipe: 'attached-recipe', mode: 'commit', status: 'running', container: 'running', createdAt: new Date(Date.now() - 60_000).toISOString(), image: null, tags: [], message: null,
});

it('a slow attach to a build the running-builds list holds opens on the Build step with no offer on top', async () => {
  h = await openBuild({ recipe: null, engine: { status: 'connecting' }, initialStep: 'build', attachable: [listing('20260101-aaaa'), listing('20260101-cccc')] });
  const attach = h.workbench.services.builds.attach as Mock;
  const fast = attach.getMockImplementation()!;
  attach.mockImplementation(async (...args: unknown[]) => {
    await new Promise((r) => setTimeout(r, 150));
    return fast(...args);
  });
  const messages: string[] = [];
  const from = h.tui.stdout.frames.length;
  await startWorkbench(h.workbench, { attachBuild: '20260101-aaaa', notify: (t) => messages.push(t) });
  // While the attach reads the build, the step shows that build, not an idle step asking for a recipe.
  const meanwhile = h.tui.stdout.frames.slice(from).map((f) => stripVTControlCharacters(f));
  expect(meanwhile.some((f) => /^building {2}-:-- {2}build 20260101-aaaa/m.test(f)), meanwhile.at(-1)).toBe(true);
  expect(meanwhile.filter((f) => /Nothing is building|Cannot build yet/.test(f))).toEqual([]);
  expect(h.workbench.services.builds.attachable).toHaveBeenCalled();
  h.builds[0]!.emit(eventsOf(containerOutput('20-build-jobs3-php-git', Date.now() - 600_000, { lines: 66 })));
  const frame = await h.tui.waitForFrame((f) => f.includes('done 2') && f.includes('attached-recipe'));
  expect(frame).not.toContain('not finished');
  await new Promise((r) => setTimeout(r, 50));
  expect(h.tui.frame()).not.toContain('not finished');
  expect(h.workbench.builds.attaching).toBeNull();
  expect(messages).toEqual([]);
});

it('without an engine, the build expected by attach is let go: the Build step is idle again and says why', async () => {
  h = await openBuild({ recipe: null, engine: { status: 'connecting' }, initialStep: 'build' });
  (h.workbench.services as unknown as { connect: () => Promise<never> }).connect = async () => {
    await new Promise((r) => setTimeout(r, 50));
    throw new Error('connect ENOENT /var/run/docker.sock');
  };
  const messages: string[] = [];
  const started = startWorkbench(h.workbench, { attachBuild: '20260101-aaaa', notify: (t) => messages.push(t) });
  // From the first moment on, the step shows the build attach reaches for.
  await h.tui.waitForFrame((f) => /^building {2}-:-- {2}build 20260101-aaaa/m.test(f));
  await started;
  expect(h.workbench.store.getState().build).toBeNull();
  expect(h.workbench.builds.attaching).toBeNull();
  await h.tui.waitForFrame((f) => f.includes('Nothing is building.'));
  expect(messages).toEqual(['no engine: connect ENOENT /var/run/docker.sock']);
});
