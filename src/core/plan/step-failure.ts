// What to tell the user when a container step of the plan ends badly. The step runner starts each
// command through `env "$@"`, so a program that is not there (or not executable) shows up only as
// env's exit code 127 (126): the message names the program from the step's argv instead.
import type { ContainerStep } from './plan-types.js';

/** The message for a step that ended with `exitCode`; `step` is null when the plan does not know it. */
export function stepFailureMessage(step: Pick<ContainerStep, 'id' | 'argv'> | null, exitCode: number): string {
  if (step === null) return `a build step failed (exit code ${exitCode})`;
  const program = step.argv[0] ?? '';
  if (exitCode === 127) {
    return `the build step "${step.id}" could not start ${JSON.stringify(program)}: no such command in the build container (exit code 127); install it in the base image, or check the name and PATH`;
  }
  if (exitCode === 126) {
    return `the build step "${step.id}" could not run ${JSON.stringify(program)}: it is there but not executable (exit code 126)`;
  }
  return `a build step failed: "${step.id}" (${program}) ended with exit code ${exitCode}`;
}
