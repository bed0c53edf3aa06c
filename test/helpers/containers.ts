// Containers for tests: run argv in a throwaway labelled container of a test image and read its output,
// put text files in with a tar upload, read files back out, and a snapshot container of the test tree.
import { PassThrough, Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import tar from 'tar-stream';
import { realPortageImages } from './real-portage.js';

/** Label on every container these helpers create (never the product's org.gentoo-wb.*). */
export const TEST_CONTAINER_LABEL = 'org.gentoo-wb-test.container';

export interface RunOptions {
  env?: Record<string, string>;
  binds?: string[];
  volumesFrom?: string[];
  /** Defaults to the real-Portage test base. */
  image?: string;
  workingDir?: string;
  timeoutMs?: number;
  /** Keep the container (for commit/inspect); the caller removes it. */
  keep?: boolean;
  /** Files to put into the container before it starts (absolute path → text). */
  files?: Record<string, string>;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  container: Dockerode.Container;
}

async function drain(stream: PassThrough): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/** Splits a container's multiplexed log into stdout and stderr with dockerode's demuxStream. */
async function demuxLogs(docker: Dockerode, raw: Buffer): Promise<{ stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const src = Readable.from([raw]);
  const ended = new Promise<void>((resolve) => src.on('end', () => resolve()));
  docker.modem.demuxStream(src, out, err);
  await ended;
  out.end();
  err.end();
  const [stdout, stderr] = await Promise.all([drain(out), drain(err)]);
  return { stdout, stderr };
}

/** Runs argv (no shell) in a new labelled container of an image (the real-Portage base by default) and returns its output. */
export async function runInImage(docker: Dockerode, argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const container = await docker.createContainer({
    Image: opts.image ?? realPortageImages().base,
    Cmd: argv.length ? argv : undefined,
    Env: Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`),
    WorkingDir: opts.workingDir,
    Labels: { [TEST_CONTAINER_LABEL]: 'run' },
    Tty: false,
    HostConfig: { Binds: opts.binds, VolumesFrom: opts.volumesFrom },
  });
  try {
    if (opts.files) await container.putArchive(await tarOf(opts.files), { path: '/' });
    await container.start();
    const timeout = opts.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      container.wait() as Promise<{ StatusCode: number }>,
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${argv.join(' ')} did not finish within ${timeout} ms`)), timeout); }),
    ]).finally(() => clearTimeout(timer));
    const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    return { exitCode: result.StatusCode, ...(await demuxLogs(docker, raw)), container };
  } finally {
    if (!opts.keep) await container.remove({ force: true }).catch(() => undefined);
  }
}

/** A tar (in memory) of text files at absolute paths. */
export async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [path, text] of Object.entries(files)) pack.entry({ name: path.replace(/^\/+/, ''), mode: 0o644 }, text);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Entries under `path` in a (stopped or running) container: name → content (files) or null (dirs, links). */
export async function readFromContainer(container: Dockerode.Container, path: string): Promise<Map<string, Buffer | null>> {
  const stream = (await container.getArchive({ path })) as unknown as Readable;
  const extract = tar.extract();
  const out = new Map<string, Buffer | null>();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, body, next) => {
      const chunks: Buffer[] = [];
      body.on('data', (c: unknown) => { chunks.push(c as Buffer); });
      body.on('end', () => { out.set(header.name, header.type === 'file' ? Buffer.concat(chunks) : null); next(); });
      body.resume();
    });
    extract.on('finish', () => resolve());
    extract.on('error', reject);
  });
  stream.pipe(extract);
  await done;
  return out;
}

/** A created (never started) container of the test tree image (like gentoo/portage) whose volume holds the repository. */
export async function createSnapshotContainer(docker: Dockerode): Promise<{ id: string; remove: () => Promise<void> }> {
  const c = await docker.createContainer({ Image: realPortageImages().tree, Cmd: ['/bin/true'], Labels: { [TEST_CONTAINER_LABEL]: 'snapshot' } });
  return { id: c.id, remove: async () => { await c.remove({ force: true, v: true }).catch(() => undefined); } };
}
