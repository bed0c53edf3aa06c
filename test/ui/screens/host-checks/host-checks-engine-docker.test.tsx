// The Host step on a real engine the session switched to (switchEngine, as Base › Engine does): a
// configured engine reaching the test engine through a path of its own (a link to its socket), so the
// findings can only name that path when the checks really asked the session's engine; its container
// probe runs there too (namespace-labelled, removed).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import { afterAll, expect, it } from 'vitest';
import { connectEngine } from '../../../../src/engine/docker/index.js';
import { App } from '../../../../src/ui/app/app.js';
import { HostChecksScreen } from '../../../../src/ui/screens/host-checks/host-checks-screen.js';
import { createWorkbench } from '../../../../src/ui/session/bootstrap.js';
import { switchEngine } from '../../../../src/ui/session/engine-switch.js';
import { WorkbenchProvider } from '../../../../src/ui/session/workbench-context.js';
import { realServices } from '../../../../src/ui/session/workbench-services.js';
import { describeDocker, dockerStatus } from '../../../helpers/docker.js';
import { renderTui } from '../../../helpers/render-tui.js';
import { memorySettings } from '../base/harness.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-host-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeDocker('Host step on the session\'s configured engine', () => {
  it('checks the engine the session switched to: its endpoint, named, and its container probe', async () => {
    // A unix socket gets a path of its own; any other endpoint is configured as it is.
    const socket = dockerStatus.host.startsWith('unix://') ? dockerStatus.host.slice('unix://'.length) : null;
    const url = socket === null ? dockerStatus.host : `unix://${path.join(dir, 'engine.sock')}`;
    if (socket !== null) symlinkSync(socket, path.join(dir, 'engine.sock'));
    const settings = memorySettings({ engines: [{ name: 'samebox', url }] });
    const workbench = createWorkbench(realServices({ host: dockerStatus.host, settings }));
    const local = await connectEngine({ host: dockerStatus.host });
    workbench.store.update((s) => ({ ...s, engine: { status: 'ready', connection: local } }));
    await switchEngine(workbench, 'samebox');
    const tui = await renderTui(
      <WorkbenchProvider value={workbench}>
        <App onExit={() => {}} screens={{ host: HostChecksScreen }} />
      </WorkbenchProvider>,
    );
    try {
      await tui.waitForFrame((f) => /samebox: ✗ \d+ failed/.test(f), 30_000);
      await tui.press('g', 'tab');
      for (let i = 0; i < 8 && !/› . Endpoint/.test(tui.frame()); i++) await tui.press('j');
      const pane = tui.frame().split('\n').map((l) => l.slice(31).trim()).join(' ');
      expect(pane.replace(/\s+/g, '')).toContain(`Endpoint${url},chosenbyenginesamebox(Base›Engine)`.replace(/\s+/g, ''));
      // The probe ran on that engine (through the same connection as the findings).
      await tui.press('tab', 'G', 'tab');
      const probe = await tui.waitForFrame((f) => /› Container probe/.test(f));
      expect(probe).toMatch(/✓ Probe container ran in /);
    } finally {
      tui.unmount();
    }
  }, 60_000);
});
