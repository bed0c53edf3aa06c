// The workbench UI and session tests run against: fully typed services whose every member is a harmless
// default (settings in memory, no recipe files, no builds, an engine only when the test gives one), with
// the parts a test cares about overridden. No test builds a services object of its own and casts it.
import { vi } from 'vitest';
import type { RecipeParse } from '../../src/core/recipe/recipe-json.js';
import { settingsSchema, type Settings } from '../../src/core/settings.js';
import type { EngineConnection } from '../../src/engine/docker/index.js';
import type { SettingsStore } from '../../src/engine/settings/settings-store.js';
import { BuildController } from '../../src/ui/session/build-controller.js';
import type { Workbench } from '../../src/ui/session/workbench-context.js';
import type { WorkbenchServices } from '../../src/ui/session/workbench-services.js';
import { createWorkbenchStore, type WorkbenchStore } from '../../src/ui/session/workbench-store.js';

/** A settings store in memory. */
export function memorySettings(initial: Partial<Settings> = {}): SettingsStore {
  let settings = settingsSchema.parse(initial);
  return { path: '/fake/config.json', notice: undefined, read: () => settings, update: (change) => (settings = settingsSchema.parse(change(settings))) };
}

/** What a test sets: any member, and single methods of `recipes` and `builds` (the rest keep their defaults). */
export type ServicesOverrides = Partial<Omit<WorkbenchServices, 'recipes' | 'builds'>> & {
  recipes?: Partial<WorkbenchServices['recipes']>;
  builds?: Partial<WorkbenchServices['builds']>;
  /** What the default `connect` resolves to, whatever name it is asked for; without it, `connect` rejects. */
  connection?: EngineConnection;
};

/**
 * Services for a test: `connect` resolves `overrides.connection` (else rejects: the test has no engine),
 * settings in memory, recipe files that do not exist, builds that cannot start or attach and none to
 * follow again; `engines` and `farm` stay absent (the session knows only the engine it was given) unless set.
 */
export function fakeServices(overrides: ServicesOverrides = {}): WorkbenchServices {
  const { connection, recipes, builds, ...rest } = overrides;
  return {
    connect: vi.fn(async (name?: string) => {
      if (connection) return connection;
      throw new Error(`no engine in this test (asked for ${name ?? 'the default endpoint'})`);
    }),
    settings: memorySettings(),
    ...rest,
    recipes: {
      load: vi.fn(async (p: string): Promise<RecipeParse> => ({ ok: false, problems: [{ field: '(file)', problem: `${p} does not exist` }] })),
      save: vi.fn(async () => undefined),
      defaultPath: (name: string) => `/recipes/${name}.json`,
      files: vi.fn(async () => []),
      ...recipes,
    },
    builds: {
      start: vi.fn(async () => {
        throw new Error('no builds in this test');
      }),
      attach: vi.fn(async () => {
        throw new Error('no builds in this test');
      }),
      attachable: vi.fn(async () => ({ builds: [], unreachable: [] })),
      ...builds,
    },
  };
}

/** A workbench over `store` (default: a new one) and `services`, with the real BuildController. */
export function fakeWorkbench(services: WorkbenchServices = fakeServices(), store: WorkbenchStore = createWorkbenchStore()): Workbench {
  return { store, services, builds: new BuildController(store, services) };
}
