// Extra environment for build steps from GENTOO_WB_BUILD_ENV="A=1 B=2": how tests hand the
// test repository its compile seconds, and how a user passes e.g. a proxy to emerge without editing the recipe.
// It never goes into the build container's own environment: a commit merges the container's Env
// into the image (Docker keeps every container variable the new config does not name), so a proxy
// password there would ship with every image and export. It goes to the step runner as a file
// instead, which the runner deletes before the container becomes an image.
import type { BuildPlan, PlanFile } from '../../core/plan/plan-types.js';
import { lineValueProblem, RUNNER_ENV_FILE } from '../../core/plan/step-runner.js';

/** Variables from GENTOO_WB_BUILD_ENV (`NAME=value` words; other words ignored). */
export function buildEnvFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  const raw = env.GENTOO_WB_BUILD_ENV ?? '';
  const pairs = raw.split(/\s+/).filter((kv) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(kv));
  return Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** The step runner's env file for these variables (root-only: it may hold credentials), or null when there are none. */
function buildEnvFile(env: Record<string, string>): PlanFile | null {
  const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  if (lines.length === 0) return null;
  for (const line of lines) {
    const problem = lineValueProblem(line);
    if (problem) throw new Error(`build environment ${JSON.stringify(line.slice(0, line.indexOf('=')))} ${problem}`);
  }
  return { path: RUNNER_ENV_FILE, content: lines.map((l) => `${l}\n`).join(''), mode: 0o600 };
}

/**
 * The plan the builder is launched with: the plan's container env and the extra build env moved
 * into the runner's env file, so the container's own environment (and so the image's) stays the base's.
 */
export function withBuildEnv(plan: BuildPlan, env: Record<string, string> | undefined): BuildPlan {
  const file = buildEnvFile({ ...plan.container.env, ...(env ?? {}) });
  if (!file) return plan;
  return { ...plan, container: { ...plan.container, env: {} }, files: [...plan.files.filter((f) => f.path !== file.path), file] };
}
