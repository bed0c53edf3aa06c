// The App on its Build step with the real services of the test engine: what the Build and farm
// screen tests on the real engine start from.
import React from 'react';
import type { Recipe } from '../../src/core/recipe/recipe-schema.js';
import { connectEngine, type EngineConnection } from '../../src/engine/docker/index.js';
import { App } from '../../src/ui/app/app.js';
import { BuildScreen } from '../../src/ui/screens/build/build-screen.js';
import { createWorkbench } from '../../src/ui/session/bootstrap.js';
import { WorkbenchProvider, type Workbench } from '../../src/ui/session/workbench-context.js';
import { realServices, type RealServicesOptions } from '../../src/ui/session/workbench-services.js';
import { dockerStatus } from './docker.js';
import { renderTui, type Tui } from './render-tui.js';

export interface BuildOnEngine {
  connection: EngineConnection;
  workbench: Workbench;
  tui: Tui;
}

/** Real services on the test engine (marked ready), `recipe` open and unsaved, the App drawn at 80x24 on the Build step. */
export async function openBuildOnEngine(services: Omit<RealServicesOptions, 'host'>, recipe: Recipe): Promise<BuildOnEngine> {
  const connection = await connectEngine({ host: dockerStatus.host });
  const workbench = createWorkbench(realServices({ host: dockerStatus.host, ...services }));
  workbench.store.update((s) => ({ ...s, engine: { status: 'ready', connection } }));
  workbench.store.setRecipe(recipe, { path: null });
  const tui = await renderTui(
    <WorkbenchProvider value={workbench}>
      <App onExit={() => {}} screens={{ build: BuildScreen }} initialStep="build" />
    </WorkbenchProvider>,
  );
  return { connection, workbench, tui };
}
