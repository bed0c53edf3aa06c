// Shared by the mode build tests: a recipe on the real-Portage base with a cache of its own, a build run to
// its end with its events, and an image's file list (its layers flattened, as a container sees it).
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar-stream';
import type { BuildEvent } from '../../../../src/core/events.js';
import type { BuildPlan } from '../../../../src/core/plan/plan-types.js';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import { recipeSchema, type Recipe } from '../../../../src/core/recipe/recipe-schema.js';
import { startBuild, type BuildOutcome, type BuildSession } from '../../../../src/engine/build/runner.js';
import { createContainer, removeContainer, removeVolume } from '../../../../src/engine/docker/index.js';
import { testDocker } from '../../../helpers/docker.js';
import { FAST_BUILD_ENV, realPortageImages } from '../../../helpers/real-portage.js';
import { removeTestImages } from '../../../helpers/test-images.js';

export const stateEnv = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-modes-state-')) };
export const run = `m${process.pid}`;

/** A tag for a test image, remembered in `tags` so the suite's cleanUp removes it. */
export function testTag(tags: string[], name: string): string {
  const t = `gentoo-wb-test/modes-${name}:${run}`;
  tags.push(t);
  return t;
}

/**
 * A recipe on the real-Portage base in the given mode; its CFLAGS give it a binary package cache of its own
 * (a -D that gcc really accepts: every ebuild of the test repository compiles with these flags).
 */
export function modeRecipe(name: string, packages: string[], mode: Record<string, unknown> & { kind: Recipe['mode']['kind'] }, tags: string[]): Recipe {
  const r = newRecipe({ name, base: realPortageImages().base, packages, tags, sizing: { jobs: 3, makeopts: '-j2' } });
  r.makeConf.COMMON_FLAGS = `-O2 -pipe -DGWB_MODES_${run}`;
  return recipeSchema.parse({ ...r, mode });
}

export interface FinishedBuild {
  session: BuildSession;
  outcome: BuildOutcome;
  events: BuildEvent[];
}

const ownVolumes = new Set<string>();

/** Run a build to its end on real Portage (no compile pauses). */
export async function buildToEnd(recipe: Recipe): Promise<FinishedBuild> {
  const events: BuildEvent[] = [];
  const session = startBuild({ docker: testDocker(), recipe, env: stateEnv, containerEnv: FAST_BUILD_ENV, onEvents: (e) => events.push(...e) });
  const outcome = await session.outcome;
  const plan = JSON.parse(readFileSync(session.files.plan, 'utf8')) as BuildPlan | null;
  for (const m of plan?.container.mounts ?? []) if (m.kind === 'volume' && m.role === 'binpkgs') ownVolumes.add(m.name);
  return { session, outcome, events };
}

/** Remove the images and the binary package volumes these tests made (other suites' caches stay). */
export async function cleanUp(tags: string[]): Promise<void> {
  await removeTestImages(tags);
  for (const v of ownVolumes) await removeVolume(testDocker(), v).catch(() => undefined);
}

export function ofType<T extends BuildEvent['type']>(events: BuildEvent[], type: T): Extract<BuildEvent, { type: T }>[] {
  return events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);
}

/** Log lines and error messages of a build, for failure messages. */
export function logOf(events: BuildEvent[]): string {
  return events.flatMap((e) => (e.type === 'log' ? [e.text] : e.type === 'error' ? [`ERROR ${e.message}`] : [])).join('\n');
}

/** Paths an image holds (files, links, folders), without the ones every container gets from the engine. */
export async function imageFiles(ref: string): Promise<Map<string, { type: string; size: number }>> {
  const docker = testDocker();
  const id = await createContainer(docker, { image: ref, cmd: ['/none'], entrypoint: [], network: 'none', labels: { 'org.gentoo-wb-test.modes': 'list' } });
  try {
    const files = new Map<string, { type: string; size: number }>();
    const extract = tar.extract();
    // The engine's own export, read through dockerode: nothing of the product's in between.
    (await docker.getContainer(id).export()).pipe(extract);
    for await (const entry of extract) {
      const name = `/${entry.header.name.replace(/\/$/, '')}`;
      if (!/^\/(\.dockerenv|dev|proc|sys|etc\/(hostname|hosts|resolv\.conf|mtab))(\/|$)/.test(name)) files.set(name, { type: entry.header.type, size: entry.header.size });
      entry.resume();
    }
    return files;
  } finally {
    await removeContainer(docker, id, { force: true });
  }
}

