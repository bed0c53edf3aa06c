// Switching the session's engine: refused while a build is being followed (its live view reads the old
// engine), nothing changed when the new engine does not answer, and what belonged to the old engine
// (the base read there, its sandbox probe, its last image) dropped when it does.
import { describe, expect, it, vi } from 'vitest';
import type { EngineConnection } from '../../../src/engine/docker/index.js';
import type { BuildController } from '../../../src/ui/session/build-controller.js';
import { sizingOf, switchEngine } from '../../../src/ui/session/engine-switch.js';
import type { Workbench } from '../../../src/ui/session/workbench-context.js';
import { createWorkbenchStore } from '../../../src/ui/session/workbench-store.js';
import { fakeServices } from '../../helpers/fake-workbench.js';

const conn = (cpus: unknown) => ({ endpoint: {}, info: { arch: 'x86_64', rawInfo: { NCPU: cpus, MemTotal: 8 * 1024 ** 3 } } }) as unknown as EngineConnection;
const LOCAL = conn(2);

function workbench(running: boolean, connect: (name?: string) => Promise<EngineConnection>): Workbench {
  const store = createWorkbenchStore({
    engine: { status: 'ready', connection: LOCAL },
    lastImage: { id: 'sha256:old', tags: ['old:1'] },
    sandbox: { ipc: true } as never,
  });
  const services = fakeServices({ connect: vi.fn(connect) });
  return { store, services, builds: { running, attaching: null } as unknown as BuildController };
}

describe('switchEngine', () => {
  it('is refused while a build is followed, before connecting', async () => {
    const wb = workbench(true, async () => conn(8));
    await expect(switchEngine(wb, 'arm')).rejects.toThrow('a build is being followed on local: pick another engine once it has ended');
    expect(wb.services.connect).not.toHaveBeenCalled();
    expect(wb.store.getState().engine).toMatchObject({ connection: LOCAL });
  });

  it('keeps everything when the engine does not answer', async () => {
    const wb = workbench(false, async () => {
      throw new Error('timeout');
    });
    const before = wb.store.getState();
    await expect(switchEngine(wb, 'arm', { remember: true })).rejects.toThrow('timeout');
    expect(wb.store.getState()).toBe(before);
    expect(wb.services.settings.read().lastEngine).toBeUndefined();
  });

  it('drops the old engine\'s image and probe, sizes from the new one and remembers it', async () => {
    const arm = conn(4);
    const wb = workbench(false, async () => arm);
    const switched = await switchEngine(wb, 'arm', { remember: true });
    expect(switched.sizing).toMatchObject({ cpus: 4, makeopts: '-j2 -l5' });
    expect(wb.store.getState()).toMatchObject({ engine: { name: 'arm', connection: arm }, lastImage: null, sandbox: null, base: null, sizing: { cpus: 4 } });
    expect(wb.services.settings.read().lastEngine).toBe('arm');
  });

  it('an engine that does not say its CPUs gives no sizing (new recipes fall back to this machine)', () => {
    expect(sizingOf(conn(undefined))).toBeNull();
    expect(sizingOf(conn(0))).toBeNull();
    expect(sizingOf(conn(16))).toMatchObject({ cpus: 16, source: 'engine' });
  });
});
