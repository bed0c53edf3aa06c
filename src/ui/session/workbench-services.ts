// The effects screens ask for, behind one interface: the real engine in the workbench, scripted
// fakes in UI tests. Screens never call the engine without going through here.
import type { BuildEvent } from '../../core/events.js';
import type { RecipeParse } from '../../core/recipe/recipe-json.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { attachable, type BuildListing } from '../../engine/build/build-list.js';
import { attachBuild, startBuild, type BuildSession } from '../../engine/build/runner.js';
import { probeSandbox } from '../../engine/build/sandbox-facts.js';
import { connectEngine, type EngineConnection } from '../../engine/docker/index.js';
import { connectNamedEngine } from '../../engine/engines/connect-named.js';
import { listBuildsEverywhere, type EngineBuildListing, type UnreachableEngine } from '../../engine/engines/engine-builds.js';
import { checkDefaultEngine, checkEngines, type EngineCheck } from '../../engine/engines/engine-check.js';
import { listEngines } from '../../engine/engines/engine-store.js';
import { defaultRecipePath, listRecipeFiles, loadRecipeFile, saveRecipeFile } from '../../engine/recipes/recipe-store.js';
import type { SettingsStore } from '../../engine/settings/settings-store.js';
import { realFarmServices, type FarmServices } from './farm-services.js';

const ENGINE_CHECK_MS = 5000;

export interface StartBuildInput {
  recipe: Recipe;
  recipePath: string | null;
  /** The configured engine the connection is (kept in the build's state); absent: the default endpoint. */
  engine?: string;
  onEvents: (events: BuildEvent[]) => void;
}

/** Builds a session can follow again, on every engine, and the engines that did not answer. */
export interface AttachableBuilds {
  builds: EngineBuildListing[];
  unreachable: UnreachableEngine[];
}

/** The engines the user configured (`gentoo-wb engines add`), for the Base step's engine list. */
export interface EngineServices {
  /** Their names, in the order they were added. */
  names(): string[];
  /** The default endpoint (as `local`) and every configured engine, asked at once: reachable with facts, or why not. */
  check(): Promise<EngineCheck[]>;
}

export interface WorkbenchServices {
  /** Connect to the configured engine `name`, or to the default endpoint (-H, --context, DOCKER_HOST) without one. */
  connect(name?: string): Promise<EngineConnection>;
  /** Absent: the session knows only the engine it was given (UI tests of other screens). */
  engines?: EngineServices;
  settings: SettingsStore;
  recipes: {
    load(path: string): Promise<RecipeParse>;
    save(path: string, recipe: Recipe): Promise<void>;
    defaultPath(name: string): string;
    /** The recipe files of the recipes folder (`recipe new NAME` writes there), sorted. */
    files(): Promise<string[]>;
  };
  /** Absent: no farm from the Build step (UI tests of other screens). */
  farm?: FarmServices;
  builds: {
    start(connection: EngineConnection, input: StartBuildInput): Promise<BuildSession>;
    attach(connection: EngineConnection, id: string, onEvents: (events: BuildEvent[]) => void): Promise<BuildSession>;
    /** Builds of every engine whose container is still there and that have not finished. */
    attachable(): Promise<AttachableBuilds>;
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
  const flags = { ...(options.host ? { host: options.host } : {}), ...(options.context ? { context: options.context } : {}) };
  const connectLocal = () => connectEngine(flags);
  return {
    connect: (name) => (name === undefined ? connectLocal() : connectNamedEngine(name, { store: options.settings })),
    engines: {
      names: () => listEngines(options.settings).map((e) => e.name),
      // As `engines list` asks: every engine at once, 5 s each.
      check: () => Promise.all([checkDefaultEngine(flags, { timeoutMs: ENGINE_CHECK_MS }), checkEngines(listEngines(options.settings), { timeoutMs: ENGINE_CHECK_MS })]).then(([local, named]) => [local, ...named]),
    },
    settings: options.settings,
    farm: realFarmServices({ settings: options.settings, local: flags, buildEnv: options.buildEnv ?? {} }),
    recipes: { load: loadRecipeFile, save: saveRecipeFile, defaultPath: (name) => defaultRecipePath(name), files: () => listRecipeFiles() },
    builds: {
      async start(connection, input) {
        const sandbox = await probeSandbox(connection.docker, input.recipe.base.image);
        return startBuild({
          docker: connection.docker, recipe: input.recipe, recipePath: input.recipePath, sandbox, containerEnv: options.buildEnv ?? {}, onEvents: input.onEvents,
          ...(input.engine === undefined ? {} : { engine: input.engine }),
        });
      },
      attach: (connection, id, onEvents) => attachBuild(id, { docker: connection.docker, onEvents }),
      async attachable() {
        const everywhere = await listBuildsEverywhere({ connectLocal: async () => (await connectLocal()).docker, store: options.settings, timeoutMs: ENGINE_CHECK_MS });
        // attachable() reads only the fields every listing has; "unknown" (engine silent) is never among them.
        const ids = new Set(attachable(everywhere.builds.filter((b) => b.status !== 'unknown') as BuildListing[]).map((b) => b.id));
        return { builds: everywhere.builds.filter((b) => ids.has(b.id)), unreachable: everywhere.unreachable };
      },
    },
  };
}
