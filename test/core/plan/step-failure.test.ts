// A failed container step names what failed: the program it could not start (exit 127/126), or the step and its exit code.
import { describe, expect, it } from 'vitest';
import { stepFailureMessage } from '../../../src/core/plan/step-failure.js';

const step = { id: 'locale-gen', argv: ['locale-gen', '--update'] };

describe('stepFailureMessage', () => {
  it('names the missing command for exit code 127', () => {
    expect(stepFailureMessage(step, 127)).toBe('the build step "locale-gen" could not start "locale-gen": no such command in the build container (exit code 127); install it in the base image, or check the name and PATH');
  });

  it('says the command is not executable for exit code 126', () => {
    expect(stepFailureMessage(step, 126)).toMatch(/could not run "locale-gen": it is there but not executable \(exit code 126\)/);
  });

  it('names the step and its exit code otherwise, and stays general without a step', () => {
    expect(stepFailureMessage(step, 2)).toBe('a build step failed: "locale-gen" (locale-gen) ended with exit code 2');
    expect(stepFailureMessage(null, 127)).toBe('a build step failed (exit code 127)');
  });
});
