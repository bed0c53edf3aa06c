// Containers for tests: run argv in a throwaway labelled container of a test image (files put in
// before it starts) and read its output, through the product's runToEnd.
import type Dockerode from 'dockerode';
import { runToEnd } from '../../src/engine/docker/run-to-end.js';
import { realPortageImages } from './real-portage.js';

/** Label on every container these helpers create (never the product's org.gentoo-wb.*). */
const TEST_CONTAINER_LABEL = 'org.gentoo-wb-test.container';

export interface RunOptions {
  env?: Record<string, string>;
  volumesFrom?: string[];
  /** Defaults to the real-Portage test base. */
  image?: string;
  workingDir?: string;
  timeoutMs?: number;
  /** Files to put into the container before it starts (absolute path → text). */
  files?: Record<string, string>;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The container's ID (it is removed by then). */
  id: string;
}

/** Runs argv (no shell) in a new labelled container of an image (the real-Portage base by default) and returns its output. */
export async function runInImage(docker: Dockerode, argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const run = await runToEnd(docker, {
    image: opts.image ?? realPortageImages().base,
    ...(argv.length ? { cmd: argv } : {}),
    env: opts.env ?? {},
    ...(opts.workingDir ? { workdir: opts.workingDir } : {}),
    ...(opts.volumesFrom ? { volumesFrom: opts.volumesFrom } : {}),
    labels: { [TEST_CONTAINER_LABEL]: 'run' },
  }, {
    timeoutMs,
    files: Object.entries(opts.files ?? {}).map(([path, content]) => ({ path, content, mode: 0o644 })),
  });
  if (run.exitCode === null) throw new Error(`${argv.join(' ')} did not finish within ${timeoutMs} ms`);
  return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, id: run.id };
}
