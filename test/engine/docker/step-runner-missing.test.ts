// A step whose program is not in the container: the real runner script ends with env's 127 after that
// step, and the message the build reports names the program.
import { expect, it } from 'vitest';
import { createRunOutputParser } from '../../../src/core/build/run-output.js';
import { gentooWbLabels } from '../../../src/core/labels.js';
import { stepFailureMessage } from '../../../src/core/plan/step-failure.js';
import { RUNNER_SCRIPT, stepRunnerFiles } from '../../../src/core/plan/step-runner.js';
import type { ContainerStep } from '../../../src/core/plan/plan-types.js';
import { runToEnd } from '../../../src/engine/docker/run-to-end.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { useBusyboxImage } from './helpers/busybox.js';

const step = (id: string, argv: string[]): ContainerStep => ({ id, title: id, argv, env: {}, output: 'plain', okExitCodes: [] });

describeDocker('a step that cannot start its program', () => {
  const image = useBusyboxImage('runner');

  it('ends the run with 127 after that step, and the message names the program', async () => {
    const docker = testDocker();
    const steps = [step('first', ['true']), step('eselect-news', ['eselect', 'news', 'read'])];
    const run = await runToEnd(docker, { image: image(), network: 'none', cmd: ['/bin/sh', RUNNER_SCRIPT], labels: gentooWbLabels({ version: '0.0.0-test', role: 'probe' }) }, {
      files: stepRunnerFiles(steps).map((f) => ({ kind: 'file' as const, path: f.path, content: f.content, mode: f.mode })),
    });
    // Never null: no timeout was asked for.
    const exitCode = run.exitCode ?? -1;
    const output = run.output;
    expect(exitCode).toBe(127);
    expect(output).toMatch(/eselect/);
    const parser = createRunOutputParser(steps);
    const events = [...parser.push(output), ...parser.end()];
    const failed = events.find((e) => e.type === 'step-finished' && !e.ok);
    expect(failed).toMatchObject({ step: 'eselect-news' });
    const failedStep = steps.find((s) => failed?.type === 'step-finished' && s.id === failed.step) ?? null;
    expect(stepFailureMessage(failedStep, exitCode)).toMatch(/^the build step "eselect-news" could not start "eselect": no such command/);
  });
});
