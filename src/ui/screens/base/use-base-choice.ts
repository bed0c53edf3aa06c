// Choosing a base and a tree: the recipe is updated at once (a new one is started when none is
// open), then the base is read from a probe container with that tree, and the facts go into the
// workbench store for the other steps.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PortageSource } from '../../../core/recipe/recipe-schema.js';
import type { EngineConnection } from '../../../engine/docker/index.js';
import { useWorkbenchApi } from '../../session/workbench-context.js';
import type { BaseFactsState } from './base-facts.js';
import type { BaseServices } from './base-services.js';
import { recipeWithBase } from './choose-base.js';

export interface BaseChoice {
  facts: BaseFactsState;
  chooseBase(connection: EngineConnection, image: string): Promise<void>;
  chooseTree(connection: EngineConnection | null, source: PortageSource): void;
}

/**
 * `tree` is the screen's current tree choice (used when a new recipe starts). With a connection, a
 * recipe's base that has not been read yet (a recipe opened from a file) is read once on arrival.
 */
export function useBaseChoice(services: BaseServices, tree: PortageSource, connection: EngineConnection | null): BaseChoice {
  const { store } = useWorkbenchApi();
  const initial = store.getState();
  const [facts, setFacts] = useState<BaseFactsState>({
    image: initial.recipe.doc?.base.image ?? null, reading: false, info: initial.base, error: null, treeProblem: null,
  });
  const run = useRef(0);
  const alive = useRef(true);
  useEffect(() => () => {
    alive.current = false;
  }, []);

  const read = useCallback(async (connection: EngineConnection, image: string, source: PortageSource) => {
    const mine = ++run.current;
    setFacts({ image, reading: true, info: null, error: null, treeProblem: null });
    store.update((s) => ({ ...s, base: null }));
    try {
      const reading = await services.readBase(connection, image, source);
      if (mine !== run.current) return;
      store.update((s) => ({ ...s, base: reading.info }));
      if (alive.current) setFacts({ image, reading: false, info: reading.info, error: null, treeProblem: reading.treeProblem });
    } catch (err) {
      if (mine !== run.current || !alive.current) return;
      const e = err as Error & { hint?: string };
      setFacts({ image, reading: false, info: null, error: `${e.message}${e.hint ? ` (${e.hint})` : ''}`, treeProblem: null });
    }
  }, [services, store]);

  // The recipe's base is read on arrival when nobody has yet, and again on every other engine the
  // session switches to (the image may be missing there, or another build of it).
  const readOn = useRef<EngineConnection | null>(null);
  useEffect(() => {
    if (!connection || readOn.current === connection) return;
    const first = readOn.current === null;
    readOn.current = connection;
    const { recipe, base } = store.getState();
    if (recipe.doc && (!first || base === null)) void read(connection, recipe.doc.base.image, recipe.doc.portage);
  }, [connection, store, read]);

  const chooseBase = useCallback(async (connection: EngineConnection, image: string) => {
    const state = store.getState();
    const doc = recipeWithBase(state.recipe.doc, image, state.recipe.doc ? null : tree, state.sizing ?? services.localSizing());
    store.setRecipe(doc);
    await read(connection, image, doc.portage);
  }, [store, tree, services, read]);

  const chooseTree = useCallback((connection: EngineConnection | null, source: PortageSource) => {
    const doc = store.getState().recipe.doc;
    if (!doc) return;
    store.setRecipe({ ...doc, portage: source });
    // The profile and USE may come from the tree: read the base again with it.
    if (connection) void read(connection, doc.base.image, source);
  }, [store, read]);

  return { facts, chooseBase, chooseTree };
}
