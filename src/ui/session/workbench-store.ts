// The state every screen shares: the engine connection, the open recipe, facts about the base and
// the host, and the running build. A plain object with subscribe/getState (no React here) so screens
// read it through useSyncExternalStore and tests drive it directly.
import type { BuildProgress } from '../../core/build/progress.js';
import type { SizingRecommendation } from '../../core/host/sizing.js';
import type { SandboxFacts } from '../../core/plan/shared-pieces.js';
import type { RecipeProblem } from '../../core/recipe/recipe-problems.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { validateRecipe } from '../../core/recipe/recipe-validate.js';
import type { BaseInfo } from '../../engine/base/inspect-base.js';
import type { EngineConnection } from '../../engine/docker/index.js';
import type { EngineCheck } from '../../engine/engines/engine-check.js';

/**
 * The engine every step uses. `name`: the configured engine (`gentoo-wb engines add`); absent, the
 * default endpoint (-H, --context, DOCKER_HOST), as a build's state says it.
 */
export type EngineState =
  | { status: 'connecting'; name?: string }
  | { status: 'ready'; connection: EngineConnection; name?: string }
  | { status: 'failed'; message: string; hint: string; name?: string };

export interface RecipeState {
  path: string | null;
  doc: Recipe | null;
  problems: RecipeProblem[];
  /** Edited since the last save. */
  dirty: boolean;
}

export interface BuildState {
  id: string;
  progress: BuildProgress;
  /** Settled outcome, once known. */
  outcome: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'detached' | 'lost';
  message: string | null;
}

export interface WorkbenchState {
  engine: EngineState;
  recipe: RecipeState;
  base: BaseInfo | null;
  sizing: SizingRecommendation | null;
  sandbox: SandboxFacts | null;
  /** The engine's CPU runs x86-64-v3 code (host checks); null: unknown. */
  cpuV3?: boolean | null;
  build: BuildState | null;
  /** The image the last build made (the Result step opens on it). */
  lastImage: { id: string; tags: string[] } | null;
  /** The engines the Base step lists (the default endpoint first), as last checked; null: not yet. */
  engineChecks: EngineCheck[] | null;
}

const INITIAL_STATE: WorkbenchState = {
  engine: { status: 'connecting' },
  recipe: { path: null, doc: null, problems: [], dirty: false },
  base: null,
  sizing: null,
  sandbox: null,
  build: null,
  lastImage: null,
  engineChecks: null,
};

type Listener = () => void;

export interface WorkbenchStore {
  getState(): WorkbenchState;
  subscribe(listener: Listener): () => void;
  /** Replace part of the state. */
  update(change: (state: WorkbenchState) => WorkbenchState): void;
  /** Set the recipe document (revalidated; marked dirty unless `saved`). */
  setRecipe(doc: Recipe, options?: { path?: string | null; saved?: boolean }): void;
}

/** A store holding `initial`. */
export function createWorkbenchStore(initial: Partial<WorkbenchState> = {}): WorkbenchStore {
  let state: WorkbenchState = { ...INITIAL_STATE, ...initial };
  const listeners = new Set<Listener>();
  const store: WorkbenchStore = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(change) {
      const next = change(state);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    setRecipe(doc, options = {}) {
      store.update((s) => ({
        ...s,
        recipe: { path: options.path === undefined ? s.recipe.path : options.path, doc, problems: validateRecipe(doc), dirty: !options.saved },
      }));
    },
  };
  return store;
}
