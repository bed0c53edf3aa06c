// The Recipe screen inside the real shell and workbench store, with scripted flag descriptions and
// recipe files in memory.
import React from 'react';
import { vi } from 'vitest';
import { recommendSizing } from '../../../../src/core/host/sizing.js';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import type { RecipeParse } from '../../../../src/core/recipe/recipe-json.js';
import type { Recipe } from '../../../../src/core/recipe/recipe-schema.js';
import type { Settings } from '../../../../src/core/settings.js';
import type { PackageFlags, TreeFlags } from '../../../../src/engine/repo/flag-types.js';
import type { TreeIndex } from '../../../../src/engine/repo/repo-index-reader.js';
import { fixtureIndex } from '../../../core/portage/repo-index/fixture-index.js';
import { treeFlagsFrom } from '../../../../src/engine/repo/flag-catalogue.js';
import { App } from '../../../../src/ui/app/app.js';
import type { Wizard } from '../../../../src/ui/app/wizard-context.js';
import { startWorkbench } from '../../../../src/ui/session/bootstrap.js';
import { RecipeServicesProvider } from '../../../../src/ui/screens/recipe/recipe-context.js';
import { RecipeScreen } from '../../../../src/ui/screens/recipe/recipe-screen.js';
import type { RecipeServices } from '../../../../src/ui/screens/recipe/recipe-services.js';
import { WorkbenchProvider } from '../../../../src/ui/session/workbench-context.js';
import type { WorkbenchServices } from '../../../../src/ui/session/workbench-services.js';
import { createWorkbenchStore, type EngineState, type WorkbenchStore } from '../../../../src/ui/session/workbench-store.js';
import type { SettingsStore } from '../../../../src/engine/settings/settings-store.js';
import { fakeServices, fakeWorkbench } from '../../../helpers/fake-workbench.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';
import { CONNECTION, INFO, memorySettings } from '../base/harness.js';

export const USE_DESC = `ssl - Add support for SSL/TLS connections
ipv6 - Add support for IP version 6
http2 - Enable support for the HTTP/2 protocol
threads - Add threads support for various packages
X - Add support for X11
`;
export const LOCAL_DESC = 'dev-lang/php:fpm - Enable the FastCGI Process Manager SAPI\n';

export function demoRecipe(): Recipe {
  return newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages: ['dev-lang/php'], portageImage: 'gentoo/portage:latest', sizing: { jobs: 1, makeopts: '-j2' } });
}

export interface RecipeHarness {
  tui: Tui;
  store: WorkbenchStore;
  settings: SettingsStore;
  saved: [string, Recipe][];
  files: Map<string, RecipeParse>;
  flagCalls: string[];
}

export interface RecipeOptions {
  recipe?: Recipe | null;
  path?: string | null;
  dirty?: boolean;
  engine?: EngineState;
  treeFlags?: TreeFlags | (() => Promise<TreeFlags>);
  /** The package index (default: the test repository's packages as snapshot gentoo/portage:latest). */
  repoIndex?: TreeIndex | (() => Promise<TreeIndex>);
  columns?: number;
  rows?: number;
  theme?: string;
  settings?: Partial<Settings>;
  withBase?: boolean;
  /** Recipe files there from the start. */
  files?: Record<string, RecipeParse>;
  /** Start the workbench as the app does (connect, reopen the last recipe), messages on the message line. */
  start?: boolean;
  /** Workbench services in place of the scripted ones (connect, engines). */
  services?: Partial<WorkbenchServices>;
}

export async function openRecipe(options: RecipeOptions = {}): Promise<RecipeHarness> {
  const store = createWorkbenchStore({ engine: options.engine ?? { status: 'ready', connection: CONNECTION }, sizing: recommendSizing(8, 32 * 1024 ** 3, 'engine'), base: options.withBase ? INFO : null });
  const recipe = options.recipe === undefined ? demoRecipe() : options.recipe;
  if (recipe) store.setRecipe(recipe, { path: options.path === undefined ? null : options.path, saved: !options.dirty });
  const saved: [string, Recipe][] = [];
  const files = new Map<string, RecipeParse>(Object.entries(options.files ?? {}));
  const flagCalls: string[] = [];
  const settings = memorySettings(options.settings);
  const tree = options.treeFlags ?? treeFlagsFrom('snapshot gentoo/portage:latest', USE_DESC, LOCAL_DESC);
  const repo = options.repoIndex ?? { index: { ...fixtureIndex(), source: 'snapshot gentoo/portage:latest' }, note: null };
  const services: RecipeServices = {
    repoIndex: async () => (typeof repo === 'function' ? repo() : repo),
    treeFlags: async () => {
      flagCalls.push('tree');
      return typeof tree === 'function' ? tree() : tree;
    },
    packageFlags: async (_c, _r, atom): Promise<PackageFlags> => {
      flagCalls.push(atom);
      if (atom.includes('curl')) {
        return { cp: 'net-misc/curl', version: '8.11.1', problem: null, flags: [
          { name: 'http2', default: 'on', description: 'Enable HTTP/2 support via net-libs/nghttp2' },
          { name: 'ipv6', default: null, description: 'Add support for IP version 6' },
          { name: 'ssl', default: null, description: 'Add support for SSL/TLS connections' },
        ] };
      }
      return { cp: atom, version: null, flags: [], problem: `${atom} is not in snapshot gentoo/portage:latest` };
    },
  };
  const wbServices = fakeServices({
    connection: CONNECTION,
    settings,
    recipes: {
      load: vi.fn(async (p: string): Promise<RecipeParse> => files.get(p) ?? { ok: false, problems: [{ field: '(file)', problem: `${p} does not exist` }] }),
      save: vi.fn(async (p: string, r: Recipe) => {
        if (p.startsWith('/readonly/')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
        saved.push([p, r]);
      }),
      defaultPath: (n: string) => `/data/recipes/${n}.json`,
      files: async () => [...files.keys()].filter((p) => p.startsWith('/data/recipes/')).sort(),
    },
    ...options.services,
  });
  const workbench = fakeWorkbench(wbServices, store);
  const tui = await renderTui(
    <WorkbenchProvider value={workbench}>
      <RecipeServicesProvider services={services}>
        <App
          onExit={() => {}}
          screens={{ recipe: RecipeScreen, pretend: () => null }}
          initialStep="recipe"
          {...(options.start ? { onReady: (wizard: Wizard) => void startWorkbench(workbench, { notify: wizard.notify }) } : {})}
        />
      </RecipeServicesProvider>
    </WorkbenchProvider>,
    { columns: options.columns ?? 80, rows: options.rows ?? 24, ...(options.theme ? { theme: options.theme } : {}) },
  );
  return { tui, store, settings, saved, files, flagCalls };
}
