// Reattaching to a build by ID: replay its output from the container (or the saved log) and watch it on,
// or report how it ended when nothing runs any more.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { isFinished } from '../../core/build/build-record.js';
import { createRunOutputParser } from '../../core/build/run-output.js';
import type { BuildEvent } from '../../core/events.js';
import type { BuildPlan } from '../../core/plan/plan-types.js';
import { EngineError, inspectContainer } from '../docker/index.js';
import { findBuilder } from './builder-container.js';
import { buildFiles, readState } from './build-store.js';
import { outcomeOf, sessionFor, type BuildOutcome, type BuildSession, type RunControl } from './build-session.js';
import { watch } from './watch-build.js';
import { removeBuildHelpers } from '../distcc/leftover-helpers.js';

export interface AttachOptions {
  docker: Dockerode;
  env?: NodeJS.ProcessEnv;
  onEvents: (events: BuildEvent[]) => void;
}

/** Reattach to a build by ID: replay its output from the container (or the saved log) and follow it on. */
export async function attachBuild(id: string, options: AttachOptions): Promise<BuildSession> {
  const files = buildFiles(id, options.env);
  const state = await readState(files);
  if (!state) throw new EngineError('not-found', `no build ${id} in ${path.dirname(files.dir)}`, 'gentoo-wb builds lists the builds this machine knows');
  const plan = JSON.parse(await readFile(files.plan, 'utf8')) as BuildPlan | null;
  const docker = options.docker;
  const builder = await findBuilder(docker, id);
  const containerId = builder?.id ?? null;
  const run = async ({ signal, cancelSignal, cancelled }: RunControl): Promise<BuildOutcome> => {
    if (isFinished(state.status) || !builder || !plan) {
      // Nothing runs any more: show what was saved.
      const saved = await readFile(files.output, 'utf8').catch(() => '');
      if (plan && saved) {
        const parser = createRunOutputParser(plan.steps);
        options.onEvents([...parser.push(saved), ...parser.end()]);
      }
      if (isFinished(state.status)) return outcomeOf(state, files);
      const message = `the build container of ${id} is gone (state: ${state.status}); its saved output is in ${files.output}`;
      return { kind: 'lost', message };
    }
    state.containerId = builder.id;
    const details = await inspectContainer(docker, builder.id);
    return watch({ docker, files, state, plan, baseImageId: details.image, onEvents: options.onEvents, signal, cancelSignal, cancelled });
  };
  // A build detached from the session that started it kept its distccd helpers: its end removes them.
  const runThenStopHelpers = async (control: RunControl): Promise<BuildOutcome> => {
    const outcome = await run(control);
    if (outcome.kind !== 'detached') {
      const left = await removeBuildHelpers(docker, state.engine, files.recipe, id, options.env);
      if (left.length > 0) options.onEvents([{ type: 'error', message: `could not remove ${left.join(', ')}`, t: Date.now() }]);
    }
    return outcome;
  };
  return sessionFor(id, files, runThenStopHelpers, () => containerId);
}
