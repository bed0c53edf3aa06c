// The Base screen inside the real shell and workbench store, with scripted engine services.
import React from 'react';
import { vi } from 'vitest';
import { recommendSizing, type SizingRecommendation } from '../../../../src/core/host/sizing.js';
import type { Recipe } from '../../../../src/core/recipe/recipe-schema.js';
import type { BaseInfo } from '../../../../src/engine/base/inspect-base.js';
import type { SnapshotImage } from '../../../../src/engine/base/snapshot-images.js';
import type { EngineConnection, ImageSummary, PullEvent } from '../../../../src/engine/docker/index.js';
import type { EngineCheck } from '../../../../src/engine/engines/engine-check.js';
import type { SettingsStore } from '../../../../src/engine/settings/settings-store.js';
import { App } from '../../../../src/ui/app/app.js';
import { BaseServicesProvider } from '../../../../src/ui/screens/base/base-context.js';
import { BaseScreen } from '../../../../src/ui/screens/base/base-screen.js';
import type { BaseServices } from '../../../../src/ui/screens/base/base-services.js';
import { WorkbenchProvider } from '../../../../src/ui/session/workbench-context.js';
import type { WorkbenchServices } from '../../../../src/ui/session/workbench-services.js';
import { createWorkbenchStore, type EngineState, type WorkbenchStore } from '../../../../src/ui/session/workbench-store.js';
import { fakeServices, fakeWorkbench, memorySettings } from '../../../helpers/fake-workbench.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';

export const CONNECTION = { endpoint: { host: 'unix:///fake.sock' }, info: { arch: 'amd64', kind: 'docker' } } as unknown as EngineConnection;

// The screen tests of every step import memorySettings from here.
export { memorySettings };

export function image(tags: string[], created = '2026-04-20T10:00:00.000Z', size = 431_200_000): ImageSummary {
  return { id: `sha256:${(tags[0] ?? 'none').replace(/[^a-f0-9]/g, 'a').padEnd(64, '0').slice(0, 64)}`, tags, digests: [], size, created, labels: {} };
}

export const INFO: BaseInfo = {
  imageId: 'sha256:localbase', digest: null, profile: 'default/linux/amd64/23.0', chost: 'x86_64-pc-linux-gnu', cflags: '-O2 -pipe', use: ['ssl', 'ipv6'],
  portageVersion: '3.0.66', installed: ['sys-apps/portage-3.0.66', 'sys-libs/glibc-2.40-r5', 'app-shells/bash-5.2_p37'], libcPackage: 'sys-libs/glibc-2.40-r5', libcFiles: [], infoProblem: null,
};

export interface FakeEngine {
  images: ImageSummary[];
  snapshots: SnapshotImage[];
  /** How a pull goes: events to send, then resolve, reject, or wait for cancel. */
  pull: (ref: string, signal: AbortSignal, emit: (e: PullEvent) => void) => Promise<void>;
  files: Set<string>;
}

export interface BaseHarness {
  tui: Tui;
  store: WorkbenchStore;
  services: WorkbenchServices;
  engine: FakeEngine;
  calls: { readBase: [string, unknown][]; readOn: EngineConnection[]; pull: string[]; import: [string, string][] };
}

export interface BaseOptions {
  recipe?: Recipe;
  engine?: EngineState;
  sizing?: SizingRecommendation | null;
  columns?: number;
  rows?: number;
  theme?: string;
  /** Unicode glyphs unless false (ASCII: `>` for focus, `+`/`x` for marks). */
  unicode?: boolean;
  fake?: Partial<FakeEngine>;
  /** Configured engines: their names, what checking them says, and the connection each gives (a name missing there refuses). */
  engines?: { names: string[]; checks: EngineCheck[]; connections: Record<string, EngineConnection>; images?: Map<EngineConnection, ImageSummary[]> };
  settings?: SettingsStore;
}

export async function openBase(options: BaseOptions = {}): Promise<BaseHarness> {
  const store = createWorkbenchStore({ engine: options.engine ?? { status: 'ready', connection: CONNECTION }, sizing: options.sizing === undefined ? recommendSizing(8, 32 * 1024 ** 3, 'engine') : options.sizing });
  if (options.recipe) store.setRecipe(options.recipe, { path: '/recipes/demo.json', saved: true });
  const engine: FakeEngine = {
    images: [image(['gentoo/stage3:amd64-openrc']), image(['gentoo/stage3:amd64-systemd-20260420']), image(['gentoo/portage:latest'], '2026-04-19T00:00:00.000Z', 67_600_000), image(['gwb-local/stage3:1'], '2026-04-21T00:00:00.000Z', 12_000_000)],
    snapshots: [{ ref: 'gentoo/portage:latest', id: 'sha256:p', repoPath: '/var/db/repos/gentoo', created: '2026-04-19T00:00:00.000Z', size: 67_600_000 }],
    pull: async () => undefined,
    files: new Set(['/tmp/stage3.tar.xz']),
    ...options.fake,
  };
  const calls: BaseHarness['calls'] = { readBase: [], readOn: [], pull: [], import: [] };
  const services: BaseServices = {
    listImages: async (c) => [...(options.engines?.images?.get(c) ?? engine.images)],
    snapshotImages: async () => [...engine.snapshots],
    pull: async (_c, ref, { signal, onEvent }) => {
      calls.pull.push(ref);
      await engine.pull(ref, signal, onEvent);
      engine.images.push(image([ref], new Date().toISOString()));
      return { ref, id: 'sha256:new' };
    },
    importTarball: async (_c, file, tag, { onProgress }) => {
      calls.import.push([file, tag]);
      onProgress({ bytes: 1000, totalBytes: 1000 });
      engine.images.unshift(image([tag], new Date().toISOString()));
      return { id: 'sha256:imported', tag, bytes: 1000 };
    },
    readBase: async (c, ref, source) => {
      calls.readBase.push([ref, source]);
      calls.readOn.push(c);
      return { info: { ...INFO, imageId: `sha256:${ref}` }, treeProblem: null };
    },
    tarballProblem: (p) => (engine.files.has(p) ? null : `${p} does not exist`),
    localSizing: () => recommendSizing(2, 4 * 1024 ** 3, 'local'),
  };
  const configured = options.engines;
  const wbServices = fakeServices({
    connect: vi.fn(async (name?: string) => {
      if (!configured || name === undefined) return CONNECTION;
      const c = configured.connections[name];
      if (!c) throw Object.assign(new Error(`cannot connect to ${name}: connect ECONNREFUSED`), { hint: 'is its daemon running?' });
      return c;
    }),
    ...(configured ? { engines: { names: () => configured.names, check: vi.fn(async () => configured.checks) } } : {}),
    settings: options.settings ?? memorySettings(),
  });
  const workbench = fakeWorkbench(wbServices, store);
  const tui = await renderTui(
    <WorkbenchProvider value={workbench}>
      <BaseServicesProvider services={services}>
        <App onExit={() => {}} screens={{ base: BaseScreen, recipe: () => null }} initialStep="base" />
      </BaseServicesProvider>
    </WorkbenchProvider>,
    { columns: options.columns ?? 80, rows: options.rows ?? 24, ...(options.theme ? { theme: options.theme } : {}), ...(options.unicode === false ? { unicode: false } : {}) },
  );
  return { tui, store, services: wbServices, engine, calls };
}
