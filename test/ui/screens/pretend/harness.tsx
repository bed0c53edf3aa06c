// The Pretend screen inside the real shell and workbench store, with a scripted runner that answers
// with real Portage transcripts parsed by the real core.
import type { RecipeParse } from '../../../../src/core/recipe/recipe-json.js';
import { readFileSync } from 'node:fs';
import React from 'react';
import { vi } from 'vitest';
import { parsePretend } from '../../../../src/core/portage/pretend/pretend-parser.js';
import { pretendCommand } from '../../../../src/core/pretend/pretend-plan.js';
import { pretendVerdict } from '../../../../src/core/pretend/verdict.js';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../../src/core/recipe/recipe-schema.js';
import type { EngineConnection } from '../../../../src/engine/docker/index.js';
import { EngineError } from '../../../../src/engine/docker/errors.js';
import type { PretendRun } from '../../../../src/engine/pretend/run-pretend.js';
import { App } from '../../../../src/ui/app/app.js';
import { PretendServicesProvider, type ForecastedRun, type PretendRequest, type RunPretend } from '../../../../src/ui/screens/pretend/pretend-context.js';
import { PretendScreen } from '../../../../src/ui/screens/pretend/pretend-screen.js';
import { BuildController } from '../../../../src/ui/session/build-controller.js';
import { WorkbenchProvider } from '../../../../src/ui/session/workbench-context.js';
import { createWorkbenchStore, type EngineState, type WorkbenchStore } from '../../../../src/ui/session/workbench-store.js';
import { RIG_DIR, rig } from '../../../core/fixtures.js';
import { fakeServices } from '../../../helpers/fake-workbench.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';

export const CONNECTION = { endpoint: { host: 'unix:///fake.sock' } } as unknown as EngineConnection;

/** emerge's exit status recorded beside a rig transcript. */
export function rigExit(name: string): number {
  const cmd = readFileSync(`${RIG_DIR}/${name}.cmd`, 'utf8');
  return Number(/# exit status: (\d+)/.exec(cmd)?.[1] ?? '0');
}

/** A finished run built from a transcript the way the engine builds one from live output. */
export function runOf(name: string, recipe: Recipe): PretendRun {
  const text = rig(name);
  const result = parsePretend(text);
  const exitCode = rigExit(name);
  return { result, text, exitCode, elapsedMs: 1234, verdict: pretendVerdict(result, text, exitCode, recipe), command: pretendCommand(recipe) };
}

export function recipeFor(packages: string[]): Recipe {
  return newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages });
}

/** A run that waits until the test lets it finish, printing what it is given on the way. */
export interface Pending {
  request: PretendRequest;
  print(text: string): void;
  finish(run: PretendRun): void;
  fail(error: Error): void;
}

export interface Harness {
  tui: Tui;
  store: WorkbenchStore;
  requests: PretendRequest[];
  save: ReturnType<typeof vi.fn>;
  pending: Pending[];
}

export interface HarnessOptions {
  recipe?: Recipe | null;
  path?: string | null;
  engine?: EngineState;
  /** Transcript for a request; a function of the recipe; `'pending'` holds the run until the test finishes it. */
  answer: (request: PretendRequest) => string | 'pending' | ForecastedRun;
  columns?: number;
  rows?: number;
  saveFails?: boolean;
}

/** Open the shell on the Pretend step with a scripted engine. */
export async function openPretend(options: HarnessOptions): Promise<Harness> {
  const store = createWorkbenchStore({ engine: options.engine ?? { status: 'ready', connection: CONNECTION } });
  const recipe = options.recipe === undefined ? recipeFor(['net-misc/hurl']) : options.recipe;
  if (recipe) store.setRecipe(recipe, { path: options.path === undefined ? '/recipes/demo.json' : options.path, saved: true });
  const save = vi.fn(async () => {
    if (options.saveFails) throw new Error('EACCES: permission denied');
  });
  const services = fakeServices({
    connection: CONNECTION,
    // The file as last saved: the recipe the screen opened with.
    recipes: { load: vi.fn(async (): Promise<RecipeParse> => (recipe ? { ok: true, recipe } : { ok: false, problems: [{ field: '', problem: 'no file' }] })), save },
  });
  const requests: PretendRequest[] = [];
  const pending: Pending[] = [];
  const run: RunPretend = (_connection, request) => {
    requests.push(request);
    const answer = options.answer(request);
    if (typeof answer === 'object') return Promise.resolve(answer);
    if (answer !== 'pending') return Promise.resolve(runOf(answer, request.recipe));
    return new Promise<PretendRun>((resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(new EngineError('aborted', 'pretend cancelled', 'run it again')));
      pending.push({ request, print: (t) => request.onOutput(t), finish: resolve, fail: reject });
    });
  };
  const workbench = { store, services, builds: new BuildController(store, services) };
  const tui = await renderTui(
    <WorkbenchProvider value={workbench}>
      <PretendServicesProvider run={run}>
        <App onExit={() => {}} screens={{ recipe: () => null, pretend: PretendScreen, build: () => null }} initialStep="pretend" />
      </PretendServicesProvider>
    </WorkbenchProvider>,
    { columns: options.columns ?? 80, rows: options.rows ?? 24 },
  );
  return { tui, store, requests, save, pending };
}
