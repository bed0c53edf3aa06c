// The Build step inside the real shell with a fake farm service the test drives: it records what the
// farm was asked to run and hands the test the run's callbacks (progress, notes, build events), the
// abort signal and the promise's resolve, as runFarm would use them.
import React from 'react';
import { Text } from 'ink';
import { vi, type Mock } from 'vitest';
import type { BuildEvent } from '../../../../../src/core/events.js';
import type { RecipeParse } from '../../../../../src/core/recipe/recipe-json.js';
import type { FarmRecipeResult, FarmSummary } from '../../../../../src/core/farm/farm-summary.js';
import type { Recipe } from '../../../../../src/core/recipe/recipe-schema.js';
import { App } from '../../../../../src/ui/app/app.js';
import { BuildServicesProvider } from '../../../../../src/ui/screens/build/build-context.js';
import { BuildScreen } from '../../../../../src/ui/screens/build/build-screen.js';
import type { FarmProgress, FarmRunInput, FarmServices } from '../../../../../src/ui/session/farm-services.js';
import { WorkbenchProvider } from '../../../../../src/ui/session/workbench-context.js';
import { createWorkbenchStore, type WorkbenchStore } from '../../../../../src/ui/session/workbench-store.js';
import { fakeServices, fakeWorkbench } from '../../../../helpers/fake-workbench.js';
import { renderTui, type Tui } from '../../../../helpers/render-tui.js';
import { CONNECTION, recipeFor } from '../harness.js';
import { EMPTY_HISTORY } from '../../../../../src/ui/screens/build/build-history.js';

export interface FakeRun {
  input: FarmRunInput;
  progress(event: FarmProgress): void;
  events(index: number, events: BuildEvent[]): void;
  note(line: string): void;
  end(summary: FarmSummary): void;
  fail(err: Error): void;
}

export interface FarmHarness {
  tui: Tui;
  store: WorkbenchStore;
  runs: FakeRun[];
  load: Mock;
  onExit: Mock;
}

export const FILES = ['/recipes/php-web.json', '/recipes/two.json', '/recipes/three.json'];

/** Open the shell on the Build step with `php-web` open (saved as /recipes/php-web.json) and a fake farm. */
export async function openFarm(options: { theme?: string; columns?: number; rows?: number; engines?: string[] } = {}): Promise<FarmHarness> {
  const store = createWorkbenchStore({ engine: { status: 'ready', connection: CONNECTION } });
  store.setRecipe(recipeFor(['app-misc/hello']), { path: FILES[0]!, saved: true });
  const runs: FakeRun[] = [];
  const farm: FarmServices = {
    run: vi.fn((input: FarmRunInput) => new Promise<FarmSummary>((resolve, reject) => {
      runs.push({ input, progress: input.progress, events: input.events, note: input.note, end: resolve, fail: reject });
    })),
  };
  const load = vi.fn(async (file: string): Promise<RecipeParse> => {
    const name = file.split('/').at(-1)!.replace('.json', '');
    if (name === 'three') return { ok: false, problems: [{ field: 'packages', problem: 'bad atom "=x"' }] };
    // `two` names engine b2 in its engine field.
    return { ok: true, recipe: { ...recipeFor(['app-misc/hello']), name, ...(name === 'two' ? { engine: 'b2' } : {}) } as Recipe };
  });
  const services = fakeServices({
    connection: CONNECTION,
    engines: { names: () => options.engines ?? ['b2'], check: vi.fn(async () => []) },
    farm,
    recipes: { load, files: vi.fn(async () => FILES) },
  });
  const workbench = fakeWorkbench(services, store);
  const onExit = vi.fn();
  const tui = await renderTui(
    <WorkbenchProvider value={workbench}>
      <BuildServicesProvider value={{ loadHistory: async () => EMPTY_HISTORY, readForecast: async () => null }}>
        <App onExit={onExit} screens={{ build: BuildScreen, result: () => <Text>RESULT</Text>, recipe: () => null }} initialStep="build" />
      </BuildServicesProvider>
    </WorkbenchProvider>,
    { columns: options.columns ?? 80, rows: options.rows ?? 24, theme: options.theme ?? 'default' },
  );
  return { tui, store, runs, load, onExit };
}

/** A recipe's result as runFarm gives it. */
export function result(recipe: string, engine: string, status: FarmRecipeResult['status'], extra: Partial<FarmRecipeResult> = {}): FarmRecipeResult {
  return {
    recipe, file: `/recipes/${recipe}.json`, engine, buildId: status === 'not started' ? null : `20261207-1600${recipe.length}0-abcdef`, status, message: null, image: null,
    waitedSeconds: 2.5, seconds: 41.2, forecast: { compiles: 1, binaries: 0, fromBinhost: 0 }, actual: { compiles: 1, binaries: 0 }, published: 0, ...extra,
  };
}
