// Run a finished image once in a throwaway labelled container. With a recipe command, its exit code
// decides; with only the image's own entrypoint, a service still running after a grace period passes.
import type Dockerode from 'dockerode';
import type { SmokeTestResult } from '../../core/build/build-record.js';
import { gentooWbLabels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { runToEnd } from '../docker/index.js';

export interface SmokeTestOptions {
  imageId: string;
  /** The recipe's test command; null to run the image's own entrypoint/cmd. */
  argv: string[] | null;
  buildId: string;
  /** How long a command may take (explicit argv). */
  timeoutMs?: number;
  /** How long a service must stay up to count as started (no argv). */
  graceMs?: number;
  /** Aborted: the test container is killed and removed at once, and the test throws SmokeTestStopped. */
  signal?: AbortSignal;
}

/** The smoke test was stopped (the build was cancelled); its container is gone. */
class SmokeTestStopped extends Error {
  constructor() {
    super('the smoke test was stopped');
  }
}

/** Run the smoke test; never throws for a failing image (that is a result), only for engine trouble. */
export async function runSmokeTest(docker: Dockerode, options: SmokeTestOptions): Promise<SmokeTestResult> {
  const limit = options.argv ? options.timeoutMs ?? 60_000 : options.graceMs ?? 5_000;
  const stop = options.signal;
  let run;
  try {
    run = await runToEnd(docker, {
      image: options.imageId,
      ...(options.argv ? { cmd: options.argv, entrypoint: [] } : {}),
      network: 'none',
      labels: gentooWbLabels({ version: appVersion(), role: 'probe', buildId: options.buildId }),
    }, { timeoutMs: limit, tail: 40, ...(stop ? { signal: stop } : {}) });
  } catch (err) {
    if (stop?.aborted) throw new SmokeTestStopped();
    throw err;
  }
  const argv = options.argv ?? ['(image entrypoint/cmd)'];
  if (run.exitCode === null) {
    return options.argv
      ? { argv, exitCode: -1, ok: false, output: `${run.output}\n(timed out after ${limit / 1000} s)` }
      : { argv, exitCode: 0, ok: true, output: `${run.output}\n(still running after ${limit / 1000} s: started as a service)` };
  }
  return { argv, exitCode: run.exitCode, ok: run.exitCode === 0, output: run.output };
}
