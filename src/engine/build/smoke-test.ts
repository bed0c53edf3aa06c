// Run a finished image once in a throwaway labelled container. With a recipe command, its exit code
// decides; with only the image's own entrypoint, a service still running after a grace period passes.
import type Dockerode from 'dockerode';
import type { SmokeTestResult } from '../../core/build/build-record.js';
import { gentooWbLabels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { containerLogs, createContainer, killContainer, removeContainer, startContainer, waitContainer } from '../docker/index.js';

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
  const id = await createContainer(docker, {
    image: options.imageId,
    ...(options.argv ? { cmd: options.argv, entrypoint: [] } : {}),
    network: 'none',
    labels: gentooWbLabels({ version: appVersion(), role: 'probe', buildId: options.buildId }),
  });
  const limit = options.argv ? options.timeoutMs ?? 60_000 : options.graceMs ?? 5_000;
  const stop = options.signal;
  try {
    if (stop?.aborted) throw new SmokeTestStopped();
    await startContainer(docker, id);
    const timeout = AbortSignal.timeout(limit);
    let exitCode: number | null = null;
    try {
      exitCode = await waitContainer(docker, id, stop ? AbortSignal.any([timeout, stop]) : timeout);
    } catch (err) {
      if (stop?.aborted) throw new SmokeTestStopped();
      if (!timeout.aborted) throw err;
    }
    if (stop?.aborted) throw new SmokeTestStopped();
    let output = '';
    if (exitCode === null) await killContainer(docker, id).catch(() => undefined);
    for await (const frame of containerLogs(docker, id, { tail: 40 })) output += frame.data.toString('utf8');
    const argv = options.argv ?? ['(image entrypoint/cmd)'];
    if (exitCode === null) {
      return options.argv
        ? { argv, exitCode: -1, ok: false, output: `${output}\n(timed out after ${limit / 1000} s)` }
        : { argv, exitCode: 0, ok: true, output: `${output}\n(still running after ${limit / 1000} s: started as a service)` };
    }
    return { argv, exitCode, ok: exitCode === 0, output };
  } finally {
    await removeContainer(docker, id, { force: true }).catch(() => undefined);
  }
}
