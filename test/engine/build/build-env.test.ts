// GENTOO_WB_BUILD_ENV reaches every step through the runner's env file, never the container's own
// environment (which a commit copies into the image).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildPlan } from '../../../src/core/plan/plan-types.js';
import { RUNNER_DIR, RUNNER_ENV_FILE, RUNNER_SCRIPT, stepRunnerFiles } from '../../../src/core/plan/step-runner.js';
import { buildEnvFrom, withBuildEnv } from '../../../src/engine/build/build-env.js';
import { leakedBuildEnv } from '../../../src/engine/build/image-config.js';
import { recipeSchema } from '../../../src/core/recipe/recipe-schema.js';

const steps = [{ id: 'show', title: 'show', argv: ['sh', '-c', 'echo "proxy=$http_proxy feat=$FEATURES"'], env: { FEATURES: 'step' }, output: 'plain' as const, okExitCodes: [] }];

function plan(): BuildPlan {
  return {
    mode: 'commit', recipeHash: 'x', tags: [], binhosts: [], notes: [], steps, finish: [], files: stepRunnerFiles(steps),
    container: { image: 'base', env: { FEATURES: 'container', PLAN_ONLY: '1' }, mounts: [], portageSnapshotImage: null, capAdd: [], securityOpt: [], network: null },
  };
}

describe('build environment', () => {
  it('moves the plan and user environment into a root-only runner file; the container env is empty', () => {
    const env = buildEnvFrom({ GENTOO_WB_BUILD_ENV: 'http_proxy=http://user:s3cret@127.0.0.1:3128 not-a-pair' });
    expect(env).toEqual({ http_proxy: 'http://user:s3cret@127.0.0.1:3128' });
    const launched = withBuildEnv(plan(), env);
    expect(launched.container.env).toEqual({});
    const file = launched.files.find((f) => f.path === RUNNER_ENV_FILE);
    expect(file).toEqual({ path: RUNNER_ENV_FILE, mode: 0o600, content: 'FEATURES=container\nPLAN_ONLY=1\nhttp_proxy=http://user:s3cret@127.0.0.1:3128\n' });
    expect(() => withBuildEnv(plan(), { A: 'x\ny' })).toThrow(/line break/);
  });

  it('the runner gives every step the file\'s variables (the step\'s own win) and removes the file when done', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gwb-build-env-'));
    for (const f of withBuildEnv(plan(), { http_proxy: 'http://p' }).files) {
      const target = path.join(root, f.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.content);
      chmodSync(target, f.mode);
    }
    const r = spawnSync('sh', [path.join(root, RUNNER_SCRIPT)], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('proxy=http://p feat=step');
    expect(existsSync(path.join(root, RUNNER_DIR))).toBe(false);
  });
});

describe('commit guard', () => {
  it('names container variables the image would inherit that neither the base nor the recipe set', () => {
    const base = { Env: ['PATH=/usr/bin', 'LANG=C.UTF-8'] };
    const recipe = recipeSchema.shape.image.parse({ env: { GREETING: 'hi' } });
    expect(leakedBuildEnv(['PATH=/usr/bin', 'LANG=C.UTF-8', 'HOSTNAME=x', 'container=podman'], base, recipe)).toEqual([]);
    expect(leakedBuildEnv(['PATH=/usr/bin', 'http_proxy=http://u:p@h', 'GREETING=build', 'LANG=C'], base, recipe)).toEqual(['http_proxy', 'LANG']);
  });
});
