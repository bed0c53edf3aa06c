// Helpers for tests that drive the stand-in stage3 (a test double of gentoo/stage3 whose
// emerge prints Portage's formats; see test/fixtures/stage3-standin/README.md): the image tags
// the global setup built, running a command in a throwaway container, and the snapshot volume.
import { PassThrough } from 'node:stream';
import { inject } from 'vitest';
import type Dockerode from 'dockerode';

/** Label on every container these helpers create (never the product's org.gentoo-wb.*). */
export const STANDIN_LABEL = 'org.gentoo-wb-test.standin';

/** STANDIN_TIME_SCALE for tests: builds run at 1/50 of their "real" duration. */
export const FAST_TIME_SCALE = '0.02';

/** The stand-in image tags; throws the build error when the global setup could not build them. */
export function standinImages(): { stage3: string; portage: string } {
  const s = inject('standin');
  if (!s.stage3 || !s.portage) throw new Error(s.error || 'the stand-in images are not available');
  return { stage3: s.stage3, portage: s.portage };
}

export interface StandinRunOptions {
  env?: Record<string, string>;
  binds?: string[];
  volumesFrom?: string[];
  image?: string;
  workingDir?: string;
  timeoutMs?: number;
  /** Keep the container (for commit/inspect); the caller removes it. */
  keep?: boolean;
}

export interface StandinRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  container: Dockerode.Container;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Runs argv (no shell) in a new container of the stand-in stage3 and returns its output. */
export async function runInStandin(docker: Dockerode, argv: string[], opts: StandinRunOptions = {}): Promise<StandinRun> {
  const container = await docker.createContainer({
    Image: opts.image ?? standinImages().stage3,
    Cmd: argv,
    Env: Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`),
    WorkingDir: opts.workingDir,
    Labels: { [STANDIN_LABEL]: 'run' },
    Tty: false,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: { Binds: opts.binds, VolumesFrom: opts.volumesFrom },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out = new PassThrough();
    const err = new PassThrough();
    const stdout = collect(out);
    const stderr = collect(err);
    const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()));
    docker.modem.demuxStream(stream, out, err);
    await container.start();
    const timeout = opts.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      container.wait() as Promise<{ StatusCode: number }>,
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${argv.join(' ')} did not finish within ${timeout} ms`)), timeout); }),
    ]).finally(() => clearTimeout(timer));
    await Promise.race([ended, new Promise((r) => setTimeout(r, 2000))]);
    return { exitCode: result.StatusCode, stdout: stdout(), stderr: stderr(), container };
  } finally {
    if (!opts.keep) await container.remove({ force: true }).catch(() => undefined);
  }
}

/** A created (never started) container of the stand-in gentoo/portage image whose volume holds the tree. */
export async function createSnapshotContainer(docker: Dockerode): Promise<{ id: string; remove: () => Promise<void> }> {
  const c = await docker.createContainer({ Image: standinImages().portage, Cmd: ['/bin/true'], Labels: { [STANDIN_LABEL]: 'snapshot' } });
  return { id: c.id, remove: async () => { await c.remove({ force: true, v: true }).catch(() => undefined); } };
}
