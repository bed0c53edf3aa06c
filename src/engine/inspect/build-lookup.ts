// From an image back to the build that made it: the build-id label names the build folder, which
// holds the state, the record (smoke test, package capture), the recipe and the plan. And the
// previous build of the same recipe, for diffs: same recipe-hash label first, else same recipe name.
import { readFile } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import type { BuildRecord, BuildState } from '../../core/build/build-record.js';
import { LABEL } from '../../core/labels.js';
import type { BuildPlan } from '../../core/plan/plan-types.js';
import { recipeFromData } from '../../core/recipe/recipe-json.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { buildFiles, listBuildStates, readRecord, readState, type BuildFiles } from '../build/build-store.js';
import { imageExists, listImages } from '../docker/images.js';
import { shortId } from '../../core/format/short-id.js';

export interface BuildFolder {
  id: string;
  files: BuildFiles;
  state: BuildState | null;
  record: BuildRecord | null;
  /** recipe.json as the build wrote it. */
  recipeText: string | null;
  recipe: Recipe | null;
  plan: BuildPlan | null;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** The build folder of a build ID, or null when this machine has none. */
async function readBuildFolder(id: string, env: NodeJS.ProcessEnv = process.env): Promise<BuildFolder | null> {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) return null;
  const files = buildFiles(id, env);
  const [state, record, recipeText, planText] = await Promise.all([readState(files), readRecord(files), readText(files.recipe), readText(files.plan)]);
  if (!state && !record && recipeText === null) return null;
  let recipe: Recipe | null = null;
  if (recipeText !== null) {
    try {
      const parsed = recipeFromData(JSON.parse(recipeText));
      if (parsed.ok) recipe = parsed.recipe;
    } catch {
      recipe = null;
    }
  }
  let plan: BuildPlan | null = null;
  try {
    plan = planText ? (JSON.parse(planText) as BuildPlan | null) : null;
  } catch {
    plan = null;
  }
  return { id, files, state, record, recipeText, recipe, plan };
}

/** The build folder an image's labels point to. */
export async function buildForImage(labels: Record<string, string>, env: NodeJS.ProcessEnv = process.env): Promise<BuildFolder | null> {
  const id = labels[LABEL.buildId];
  return id ? readBuildFolder(id, env) : null;
}

export interface PreviousImage {
  id: string;
  /** How it was found, for display. */
  label: string;
}

/**
 * The newest result image built from the same recipe before this one: by the recipe-hash label,
 * else by the recipe name in this machine's build states. Null when there is none.
 */
export async function previousResultImage(
  docker: Dockerode,
  current: { id: string; created: string; labels: Record<string, string> },
  build: BuildFolder | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PreviousImage | null> {
  const hash = current.labels[LABEL.recipeHash];
  if (hash) {
    const same = await listImages(docker, { labels: [`${LABEL.role}=result`, `${LABEL.recipeHash}=${hash}`] });
    const older = same.filter((i) => i.id !== current.id && i.created <= current.created);
    const found = older[0];
    if (found) return { id: found.id, label: `previous build of the same recipe (${found.tags[0] ?? shortId(found.id)})` };
  }
  const name = build?.state?.recipeName;
  if (!name) return null;
  const createdAt = build.state?.createdAt ?? Date.now();
  const states = (await listBuildStates(env)).filter((s) => s.recipeName === name && s.status === 'succeeded' && s.image && s.image.id !== current.id && s.createdAt < createdAt);
  for (const s of states) {
    if (await imageExists(docker, s.image!.id)) return { id: s.image!.id, label: `previous build of ${name} (${s.id})` };
  }
  return null;
}
