// The Host step follows the session's engine: it checks the configured engine the session uses (named in
// the top line), waits while the session connects, runs again when the engine is switched (the old
// engine's findings are dropped, not shown under the new name), gives the store the sizing and CPU level
// of the engine checked only while the session is still on it, and remembers "go on anyway" per engine.
import React from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostFacts } from '../../../../src/core/host/facts.js';
import type { EngineConnection } from '../../../../src/engine/docker/index.js';
import { App } from '../../../../src/ui/app/app.js';
import { HostChecksServicesProvider, type CheckedEngine, type GateMemory, type GatherFacts } from '../../../../src/ui/screens/host-checks/host-checks-context.js';
import { HostChecksScreen } from '../../../../src/ui/screens/host-checks/host-checks-screen.js';
import type { BuildController } from '../../../../src/ui/session/build-controller.js';
import { WorkbenchProvider, type Workbench } from '../../../../src/ui/session/workbench-context.js';
import { createWorkbenchStore, type EngineState } from '../../../../src/ui/session/workbench-store.js';
import { fakeServices } from '../../../helpers/fake-workbench.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';
import { dockerEngine, fullOptions, hostFacts, kernelFacts } from '../../../core/host/facts-builder.js';

let tui: Tui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

const connection = (host: string) => ({ endpoint: { host }, info: { arch: 'x86_64', rawInfo: {} } }) as unknown as EngineConnection;
const SECOND = connection('tcp://10.0.0.2:2376');
const THIRD = connection('tcp://10.0.0.3:2376');

/** Facts as the configured engine `name` at `host` gives them: `ncpu` CPUs, and VETH missing when `failing`. */
function factsOf(name: string, host: string, ncpu: number, failing = false): HostFacts {
  const options = fullOptions();
  if (failing) delete options.VETH;
  return hostFacts({
    engine: dockerEngine({ endpoint: { host, source: 'engine', context: null, warnings: [], engine: name }, ncpu }),
    kernel: kernelFacts({ config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: { arch: 'x86', version: '6.12.21' } } }),
  });
}

/** The Engine group (first in the list) with its endpoint finding selected, so its title wraps in full. */
async function endpointFinding(t: Tui): Promise<string> {
  await t.press('g', 'tab');
  for (let i = 0; i < 8 && !/› ✓ Endpoint/.test(t.frame()); i++) await t.press('j');
  return t.waitForFrame((f) => /› ✓ Endpoint/.test(f));
}

/** The findings pane's text (the right-hand column), one line. */
const findingsPane = (frame: string) => frame.split('\n').map((l) => l.slice(31).trim()).join(' ');

interface Call {
  engine: CheckedEngine | null;
  resolve: (facts: HostFacts) => void;
}

async function open(engine: EngineState, memory?: GateMemory) {
  const store = createWorkbenchStore({ engine });
  const workbench: Workbench = {
    store,
    // No running builds anywhere: the start-up prompt has nothing to offer.
    services: fakeServices(),
    builds: { running: false, attaching: null } as unknown as BuildController,
  };
  const calls: Call[] = [];
  const gather: GatherFacts = (_signal, _recipe, checked) => new Promise<HostFacts>((resolve) => calls.push({ engine: checked ?? null, resolve }));
  tui = await renderTui(
    <WorkbenchProvider value={workbench}>
      <HostChecksServicesProvider gather={gather} {...(memory ? { memory } : {})}>
        <App onExit={() => {}} screens={{ host: HostChecksScreen, base: () => <Text>BASE SCREEN</Text> }} />
      </HostChecksServicesProvider>
    </WorkbenchProvider>,
    { columns: 80, rows: 24 },
  );
  return { t: tui, store, calls };
}

describe('Host step and the session\'s engine', () => {
  it('checks the configured engine the session uses, names it in the top line, and sizes from it', async () => {
    const { t, store, calls } = await open({ status: 'ready', name: 'second', connection: SECOND });
    expect(calls.map((c) => c.engine)).toEqual([{ name: 'second', endpoint: SECOND.endpoint }]);
    expect(t.frame()).toContain('Checking engine second: engine, socket, kernel, cgroups, container probe…');
    calls[0]!.resolve(factsOf('second', 'tcp://10.0.0.2:2376', 4));
    await t.waitForFrame((f) => /second: ✗ 0 failed/.test(f) && store.getState().sizing !== null);
    expect(store.getState().sizing).toMatchObject({ cpus: 4, source: 'engine' });
    expect(findingsPane(await endpointFinding(t))).toContain('Endpoint tcp://10.0.0.2:2376, chosen by engine second (Base › Engine)');
  });

  it('checks the default endpoint, unnamed, when the session uses it', async () => {
    const { t, calls } = await open({ status: 'ready', connection: connection('unix:///var/run/docker.sock') });
    expect(calls.map((c) => c.engine)).toEqual([null]);
    calls[0]!.resolve(hostFacts());
    const frame = await t.waitForFrame((f) => f.includes('0 failed'));
    expect(frame).toMatch(/^✗ 0 failed/m);
  });

  it('waits while the session connects, then checks the engine it connected to', async () => {
    const { t, store, calls } = await open({ status: 'connecting', name: 'second' });
    expect(t.frame()).toContain('Checking engine second:');
    expect(calls).toHaveLength(0);
    store.update((s) => ({ ...s, engine: { status: 'ready', name: 'second', connection: SECOND } }));
    await t.waitForFrame(() => calls.length === 1);
    expect(calls[0]!.engine).toEqual({ name: 'second', endpoint: SECOND.endpoint });
  });

  it('runs again on a switch: the old engine\'s findings go, and a late answer of an engine the session left is dropped', async () => {
    const { t, store, calls } = await open({ status: 'ready', name: 'second', connection: SECOND });
    calls[0]!.resolve(factsOf('second', 'tcp://10.0.0.2:2376', 4, true));
    await t.waitForFrame((f) => /second: ✗ 1 failed/.test(f));
    // Base › Engine switched to `third` (as switchEngine does: the store's engine, no sizing yet).
    store.update((s) => ({ ...s, engine: { status: 'ready', name: 'third', connection: THIRD }, sizing: null }));
    await t.waitForFrame(() => calls.length === 2);
    expect(calls[1]!.engine).toEqual({ name: 'third', endpoint: THIRD.endpoint });
    const checking = await t.waitForFrame((f) => f.includes('Checking engine third'));
    expect(checking).not.toContain('1 failed');
    // Back to `second` before `third` answered: its answer, coming late, is not shown nor sized from.
    store.update((s) => ({ ...s, engine: { status: 'ready', name: 'second', connection: SECOND }, sizing: null }));
    await t.waitForFrame(() => calls.length === 3);
    calls[1]!.resolve(factsOf('third', 'tcp://10.0.0.3:2376', 8));
    await t.press('?', 'escape');
    expect(t.frame()).toContain('Checking engine second');
    expect(store.getState().sizing).toBeNull();
    calls[2]!.resolve(factsOf('second', 'tcp://10.0.0.2:2376', 2));
    await t.waitForFrame((f) => /second: ✗ 0 failed/.test(f) && store.getState().sizing !== null);
    expect(store.getState().sizing).toMatchObject({ cpus: 2 });
    expect(findingsPane(await endpointFinding(t))).toContain('Endpoint tcp://10.0.0.2:2376, chosen by engine second (Base › Engine)');
  });

  it('remembers "go on, do not ask again" for the engine it was given on only', async () => {
    const saved = new Set<string>();
    const memory: GateMemory = { accepted: (k) => saved.has(k), accept: (k) => void saved.add(k) };
    const { t, store, calls } = await open({ status: 'ready', name: 'second', connection: SECOND }, memory);
    calls[0]!.resolve(factsOf('second', 'tcp://10.0.0.2:2376', 4, true));
    await t.waitForFrame((f) => /second: ✗ 1 failed/.test(f));
    await t.press(']');
    await t.waitForFrame((f) => f.includes('Go on to Base anyway?'));
    await t.press('a');
    await t.waitForFrame((f) => f.includes('BASE SCREEN'));
    expect([...saved]).toEqual([expect.stringMatching(/ engine second 6\.12\.21-gentoo kernel\.CONFIG_VETH$/)]);
    // Back on Host with the session on `third`: the same failure there is asked about again.
    store.update((s) => ({ ...s, engine: { status: 'ready', name: 'third', connection: THIRD } }));
    await t.press('1');
    await t.waitForFrame(() => calls.length === 2);
    calls[1]!.resolve(factsOf('third', 'tcp://10.0.0.3:2376', 4, true));
    await t.waitForFrame((f) => /third: ✗ 1 failed/.test(f));
    await t.press(']');
    await t.waitForFrame((f) => f.includes('Go on to Base anyway?'));
  });
});
