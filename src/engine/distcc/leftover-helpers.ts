// The helpers of a build that this process did not start: a build detached (SIGHUP, SIGTERM) keeps its
// distccd helpers, and whoever follows it to its end (`gentoo-wb attach ID`) removes them, on every engine
// the build's saved recipe names.
import { readFile } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import { LOCAL_ENGINE_WORD } from '../../core/distcc/distcc-recipe.js';
import { gentooWbLabelFilters, inNamespace } from '../../core/labels.js';
import { parseRecipe } from '../../core/recipe/recipe-json.js';
import { connectEngine, listContainers } from '../docker/index.js';
import { currentNamespace } from '../docker/object-names.js';
import { connectNamedEngine } from '../engines/connect-named.js';
import { removeHelper } from './distccd-helpers.js';

/** Remove the build's helpers on the engines its recipe (`recipeFile`) names; sentences of what could not be removed. */
export async function removeBuildHelpers(buildDocker: Dockerode, buildEngine: string | undefined, recipeFile: string, buildId: string, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const parsed = parseRecipe(await readFile(recipeFile, 'utf8').catch(() => ''));
  if (!parsed.ok || !parsed.recipe.distcc) return [];
  const namespace = currentNamespace(env);
  const buildName = buildEngine ?? LOCAL_ENGINE_WORD;
  const left: string[] = [];
  for (const engine of parsed.recipe.distcc.engines) {
    try {
      const docker = engine === buildName ? buildDocker : (engine === LOCAL_ENGINE_WORD ? await connectEngine({ env }) : await connectNamedEngine(engine, { env })).docker;
      const found = (await listContainers(docker, gentooWbLabelFilters({ role: 'distcc-helper', buildId, namespace }))).filter((c) => inNamespace(c.labels, namespace));
      for (const c of found) {
        const problem = await removeHelper({ engine, address: '', port: 0, jobs: 0, docker, containerId: c.id });
        if (problem) left.push(problem);
      }
    } catch (err) {
      left.push(`the distccd helpers of build ${buildId} on engine "${engine}" (${(err as Error).message}): gentoo-wb clean${engine === LOCAL_ENGINE_WORD ? '' : ` --engine ${engine}`} removes them`);
    }
  }
  return left;
}
