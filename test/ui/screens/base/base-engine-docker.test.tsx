// The Base step's engine list on real engines: a second, real dockerd (its own network namespace, see
// test/helpers/second-engine.ts) configured by name is shown reachable with the facts it reports
// (architecture, CPUs, memory, kind and version, free disk of its data root), a name whose socket is
// gone is shown with why, and Enter makes the session use the second engine: its images, its sizing.
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import React from 'react';
import { expect, it } from 'vitest';
import { humanSize } from '../../../../src/core/format/size.js';
import { connectEngine, listImages } from '../../../../src/engine/docker/index.js';
import { connectNamedEngine } from '../../../../src/engine/engines/connect-named.js';
import { App } from '../../../../src/ui/app/app.js';
import { BaseScreen } from '../../../../src/ui/screens/base/base-screen.js';
import { createWorkbench } from '../../../../src/ui/session/bootstrap.js';
import { WorkbenchProvider } from '../../../../src/ui/session/workbench-context.js';
import { realServices } from '../../../../src/ui/session/workbench-services.js';
import { dockerStatus } from '../../../helpers/docker.js';
import { renderTui } from '../../../helpers/render-tui.js';
import { describeSecondEngine } from '../../../helpers/second-engine.js';
import { memorySettings } from './harness.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeSecondEngine('Base › Engine with a real second engine', {}, (second) => {
  it('lists the second engine reachable with its facts and the session switches to it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-engine-ui-'));
    const settings = memorySettings({ engines: [{ name: 'second', url: second().unixHost }, { name: 'gone', url: `unix://${path.join(dir, 'no.sock')}` }] });
    const workbench = createWorkbench(realServices({ host: dockerStatus.host, settings }));
    const local = await connectEngine({ host: dockerStatus.host });
    workbench.store.update((s) => ({ ...s, engine: { status: 'ready', connection: local } }));
    // What the second engine says about itself, to hold the screen to.
    const truth = await connectNamedEngine('second', { store: settings });
    const cpus = truth.info.rawInfo.NCPU as number;
    const memory = humanSize(truth.info.rawInfo.MemTotal as number);
    const tui = await renderTui(
      <WorkbenchProvider value={workbench}>
        <App onExit={() => {}} screens={{ base: BaseScreen }} initialStep="base" />
      </WorkbenchProvider>,
    );
    try {
      await tui.waitForFrame((f) => /Local images \(\d+\)/.test(f), 15_000);
      await tui.press('tab', 'tab', 'tab');
      let frame = await tui.waitForFrame((f) => /✓ second/.test(f) && /✗ gone/.test(f), 20_000);
      expect(frame).toMatch(/› \(\*\) ✓ local /);
      expect(frame).toMatch(new RegExp(`\\( \\) ✓ second +${escape(`${truth.info.arch} ${cpus} CPU ${memory}`)}`));
      expect(frame).toMatch(/\( \) ✗ gone +does not answer/);
      await tui.press('down');
      frame = await tui.waitForFrame((f) => f.includes('Engine second'));
      expect(frame).toMatch(/✓ answers \(\d+ ms\)/);
      expect(frame).toMatch(new RegExp(`kind +docker ${escape(truth.info.version)}`));
      expect(frame).toMatch(new RegExp(`CPUs +${cpus}\\s`));
      // Its data root is a tmpfs on this machine, read through the unix socket's path.
      expect(frame).toMatch(/disk +[\d.]+ [kMGT]?B free/);
      await tui.press('down');
      frame = await tui.waitForFrame((f) => f.includes('Engine gone'));
      // The socket's path is longer than the pane: it is split where the row ends, wherever that falls.
      expect(frame.replace(/\s+/g, '')).toMatch(/✗doesnotanswer:.*no\.sock/);

      await tui.press('up', 'enter');
      frame = await tui.waitForFrame((f) => f.includes('Engine: second'), 20_000);
      const state = workbench.store.getState();
      expect(state.engine).toMatchObject({ status: 'ready', name: 'second' });
      expect(state.sizing).toMatchObject({ cpus, source: 'engine' });
      expect(settings.read().lastEngine).toBe('second');
      // The local images section now lists the second engine's images.
      const there = (await listImages(truth.docker)).flatMap((i) => i.tags);
      await tui.press('tab', 'tab');
      await tui.waitForFrame((f) => f.includes(`›Local images (${there.length})`), 15_000);
    } finally {
      tui.unmount();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
