// A step marked for the binary fallback runs with its output copied for the fallback script (a pipeline
// through tee): the real runner script must still see the step's own exit status, pass every line on, and
// go on to the next step after a success.
import { expect, it } from 'vitest';
import { gentooWbLabels } from '../../../src/core/labels.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { withBinaryFallback } from '../../../src/core/plan/binary-fallback.js';
import { RUNNER_SCRIPT, stepRunnerFiles } from '../../../src/core/plan/step-runner.js';
import type { ContainerStep } from '../../../src/core/plan/plan-types.js';
import { runToEnd } from '../../../src/engine/docker/run-to-end.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { useBusyboxImage } from './helpers/busybox.js';

const RECIPE = { ...newRecipe({ name: 'x', base: 'gentoo/stage3', packages: ['x'] }), binaries: { hosts: [{ kind: 'url' as const, url: 'http://lan/' }], onMissing: 'compile' as const } };
const emergeLike = (id: string, script: string): ContainerStep => ({ id, title: id, argv: ['sh', '-c', script, '--getbinpkg'], env: {}, output: 'emerge', okExitCodes: [] });

describeDocker('a step the binary fallback may run again', () => {
  const image = useBusyboxImage('runner-fallback');

  async function run(steps: ContainerStep[]) {
    const planned = withBinaryFallback(RECIPE, steps);
    expect(planned.steps.every((s) => s.binaryFallback)).toBe(true);
    const files = [...stepRunnerFiles(planned.steps), ...planned.files].map((f) => ({ kind: 'file' as const, path: f.path, content: f.content, mode: f.mode }));
    const r = await runToEnd(testDocker(), { image: image(), network: 'none', cmd: ['/bin/sh', RUNNER_SCRIPT], labels: gentooWbLabels({ version: '0.0.0-test', role: 'probe' }) }, { files });
    return { exitCode: r.exitCode ?? -1, output: r.output };
  }

  it('ends with the step status, not tee\'s, after passing its output on', async () => {
    const r = await run([emergeLike('emerge', 'echo to-stdout; echo to-stderr >&2; exit 3'), emergeLike('after', 'echo never')]);
    expect(r.exitCode).toBe(3);
    expect(r.output).toContain('to-stdout\n');
    expect(r.output).toContain('to-stderr\n');
    expect(r.output).toMatch(/@@gentoo-wb step-end 01-emerge 3\n/);
    expect(r.output).not.toContain('never');
  }, 60_000);

  it('goes on to the next step after a success', async () => {
    const r = await run([emergeLike('emerge', 'echo first'), emergeLike('after', 'echo second')]);
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(/first\n[^]*@@gentoo-wb step-end 01-emerge 0\n[^]*second\n[^]*@@gentoo-wb done/);
  }, 60_000);
});
