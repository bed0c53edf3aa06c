// The start-up offer of unfinished builds across real engines: a build container running on this
// engine and one on a second, real dockerd (its own network namespace) are both offered, each with
// its engine; an engine whose socket is gone is said with why; Enter on the second engine's build
// moves the session to that engine before it reaches for the build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import type Dockerode from 'dockerode';
import { expect, it } from 'vitest';
import type { BuildState } from '../../../src/core/build/build-record.js';
import { LABEL } from '../../../src/core/labels.js';
import { buildFiles } from '../../../src/engine/build/build-store.js';
import { withNamespaceLabel } from '../../../src/engine/docker/object-names.js';
import { connectNamedEngine } from '../../../src/engine/engines/connect-named.js';
import { App } from '../../../src/ui/app/app.js';
import { createWorkbench, startWorkbench } from '../../../src/ui/session/bootstrap.js';
import { WorkbenchProvider } from '../../../src/ui/session/workbench-context.js';
import { realServices } from '../../../src/ui/session/workbench-services.js';
import { importBusybox, uniqueRef } from '../../engine/docker/helpers/busybox.js';
import { dockerStatus, testDocker } from '../../helpers/docker.js';
import { renderTui } from '../../helpers/render-tui.js';
import { describeSecondEngine } from '../../helpers/second-engine.js';
import { memorySettings } from '../screens/base/harness.js';

/** A labelled build container running `sleep` (what `builds` and the offer look for), and its ID. */
async function sleeper(docker: Dockerode, image: string, id: string): Promise<string> {
  const c = await docker.createContainer({ Image: image, Cmd: ['sleep', '600'], Labels: withNamespaceLabel({ [LABEL.role]: 'builder', [LABEL.buildId]: id }) });
  await c.start();
  return c.id;
}

function writeState(env: NodeJS.ProcessEnv, id: string, containerId: string | null, engine: string | undefined, minutesAgo: number): void {
  const files = buildFiles(id, env);
  mkdirSync(files.dir, { recursive: true });
  const state: BuildState = {
    id, recipeName: `recipe-${id.slice(-4)}`, recipeHash: '', recipePath: null, mode: 'commit', baseImage: 'gentoo/stage3:amd64-openrc', tags: [], containerId,
    status: 'running', createdAt: Date.now() - minutesAgo * 60_000, endedAt: null, finishDone: [], image: null, failed: [], exitCode: null, message: null,
    ...(engine === undefined ? {} : { engine }),
  };
  writeFileSync(files.state, JSON.stringify(state));
}

describeSecondEngine('the start-up offer across real engines', {}, (second) => {
  it('offers the builds of both engines with their engine, says the dead one, and attaches on the build\'s engine', async () => {
    const stateHome = mkdtempSync(path.join(os.tmpdir(), 'gwb-offer-'));
    const previous = process.env.XDG_STATE_HOME;
    // The offer reads this process's state folder: one of this test's own, so other tests' builds stay out.
    process.env.XDG_STATE_HOME = stateHome;
    const settings = memorySettings({ engines: [{ name: 'second', url: second().unixHost }, { name: 'gone', url: `unix://${path.join(stateHome, 'gone.sock')}` }] });
    const remote = (await connectNamedEngine('second', { store: settings })).docker;
    const local = testDocker();
    const localImage = uniqueRef('offer-local');
    const made: Array<[Dockerode, string]> = [];
    try {
      await importBusybox(local, localImage);
      await importBusybox(remote, 'offer-remote:1');
      made.push([local, await sleeper(local, localImage, '20261207-loca')]);
      made.push([remote, await sleeper(remote, 'offer-remote:1', '20261207-remo')]);
      writeState(process.env, '20261207-loca', made[0]![1], undefined, 5);
      writeState(process.env, '20261207-remo', made[1]![1], 'second', 20);
      writeState(process.env, '20261207-dead', null, 'gone', 60);

      const workbench = createWorkbench(realServices({ host: dockerStatus.host, settings }));
      const tui = await renderTui(
        <WorkbenchProvider value={workbench}>
          <App onExit={() => {}} screens={{}} initialStep="host" />
        </WorkbenchProvider>,
      );
      try {
        const messages: string[] = [];
        await startWorkbench(workbench, { notify: (t) => messages.push(t) });
        let frame = await tui.waitForFrame((f) => f.includes('have not finished'), 30_000);
        expect(frame).toContain('2 builds started here have not finished');
        expect(frame).toMatch(/› 20261207-loca {2}local {3}recipe-loca {2}commit {2}started 5 min ago/);
        expect(frame).toMatch(/ {2}20261207-remo {2}second {2}recipe-remo {2}commit {2}started 20 min ago/);
        expect(frame.replace(/[│\s]+/g, ' ')).toMatch(/Engine gone does not answer: .*gone\.sock.* Its build is not offered here \(gentoo-wb builds lists it\)\./);

        // The offer's keys are registered by an effect after its first frame: give it a moment.
        await new Promise((r) => setTimeout(r, 200));
        await tui.press('down');
        await tui.waitForFrame((f) => f.includes('› 20261207-remo'));
        await tui.press('enter');
        // The session moves to the second engine, then reaches for the build there (whose state folder,
        // made by hand here, has no plan: the attach says so, on that engine).
        frame = await tui.waitForFrame((f) => f.includes('Could not attach to 20261207-remo'), 30_000);
        expect(workbench.store.getState().engine).toMatchObject({ status: 'ready', name: 'second' });
        expect(frame).toContain('plan.json');
      } finally {
        tui.unmount();
      }
    } finally {
      for (const [docker, id] of made) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
      await local.getImage(localImage).remove({ force: true }).catch(() => undefined);
      if (previous === undefined) delete process.env.XDG_STATE_HOME;
      else process.env.XDG_STATE_HOME = previous;
      rmSync(stateHome, { recursive: true, force: true });
    }
  }, 180_000);
});
