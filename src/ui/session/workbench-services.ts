// The effects screens ask for, behind one interface: the real engine in the workbench, scripted
// fakes in UI tests. Screens never call the engine without going through here.
import type { BuildEvent } from '../../core/events.js';
import type { RecipeParse } from '../../core/recipe/recipe-json.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { attachable, listBuilds, type BuildListing } from '../../engine/build/build-list.js';
import { attachBuild, startBuild, type BuildSession } from '../../engine/build/runner.js';
import { probeSandbox } from '../../engine/build/sandbox-facts.js';
import { connectEngine, type EngineConnection } from '../../engine/docker/index.js';
import { defaultRecipePath, loadRecipeFile, saveRecipeFile } from '../../engine/recipes/recipe-store.js';
import type { SettingsStore } from '../../engine/settings/settings-store.js';

export interface StartBuildInput {
  recipe: Recipe;
  recipePath: string | null;
  onEvents: (events: BuildEvent[]) => void;
}

export interface WorkbenchServices {
  connect(): Promise<EngineConnection>;
  settings: SettingsStore;
  recipes: {
    load(path: string): Promise<RecipeParse>;
    save(path: string, recipe: Recipe): Promise<void>;
    defaultPath(name: string): string;
  };
  builds: {
    start(connection: EngineConnection, input: StartBuildInput): Promise<BuildSession>;
    attach(connection: EngineConnection, id: string, onEvents: (events: BuildEvent[]) => void): Promise<BuildSession>;
    /** Builds whose container is still there and that have not finished. */
    attachable(connection: EngineConnection | null): Promise<BuildListing[]>;
  };
}

export interface RealServicesOptions {
  host?: string;
  context?: string;
  settings: SettingsStore;
  /** Extra build-container environment (GENTOO_WB_BUILD_ENV), as for `gentoo-wb build`. */
  buildEnv?: Record<string, string>;
}

/** Services backed by the real engine and files. */
export function realServices(options: RealServicesOptions): WorkbenchServices {
  return {
    connect: () => connectEngine({ ...(options.host ? { host: options.host } : {}), ...(options.context ? { context: options.context } : {}) }),
    settings: options.settings,
    recipes: { load: loadRecipeFile, save: saveRecipeFile, defaultPath: (name) => defaultRecipePath(name) },
    builds: {
      async start(connection, input) {
        const sandbox = await probeSandbox(connection.docker, input.recipe.base.image);
        return startBuild({ docker: connection.docker, recipe: input.recipe, recipePath: input.recipePath, sandbox, containerEnv: options.buildEnv ?? {}, onEvents: input.onEvents });
      },
      attach: (connection, id, onEvents) => attachBuild(id, { docker: connection.docker, onEvents }),
      attachable: async (connection) => attachable(await listBuilds(connection?.docker ?? null)),
    },
  };
}
