// The container probe: one tiny labelled container shows what Portage will meet inside a container
// on this engine (unshare for its sandboxes, ptrace, a tmpfs build directory). It is always removed.
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import type { ProbeFacts } from '../../core/host/facts.js';
import { parseProbeOutput, PROBE_SCRIPT, PROBE_TMPFS_PATH, PTRACE_TEST } from '../../core/host/probe-output.js';
import { appVersion } from '../app-info.js';
import { withNamespaceLabel } from '../docker/object-names.js';
import { probeImageCandidates } from './probe-image.js';

export interface ProbeOptions {
  /** Give up (and remove the container) after this long. */
  timeoutMs?: number;
  /** Use this image instead of choosing one. */
  image?: string;
}

class ProbeError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

function messageOf(err: unknown): string {
  const e = err as { json?: { message?: unknown }; message?: unknown };
  const daemon = e?.json?.message;
  return typeof daemon === 'string' ? daemon : typeof e?.message === 'string' ? e.message : String(err);
}

async function withDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeError(`${what}: no answer in time`, false)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Everything a stream yields until it ends (the container's exit ends an attach stream). */
function collect(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

async function runOnce(docker: Dockerode, image: string, deadline: number, withTmpfs: boolean): Promise<string> {
  // A known name lets us remove the container even when creating it outlived our deadline.
  const name = `gentoo-wb-probe-${randomBytes(6).toString('hex')}`;
  let container: Dockerode.Container;
  try {
    container = await withDeadline(docker.createContainer({
      name,
      Image: image,
      Entrypoint: ['/bin/sh'],
      Cmd: ['-c', PROBE_SCRIPT],
      Env: [`GWB_PTRACE_TEST=${PTRACE_TEST}`],
      User: '0',
      Tty: true,
      Labels: withNamespaceLabel(gentooWbLabels({ version: appVersion(), role: 'probe' })),
      HostConfig: {
        // The daemon removes it once it exits, even if we are gone by then (a TUI quit mid-probe).
        AutoRemove: true,
        NetworkMode: 'none',
        ...(withTmpfs ? { Tmpfs: { [PROBE_TMPFS_PATH]: 'rw,exec,size=16m' } } : {}),
      },
    }), deadline, 'create the probe container');
  } catch (err) {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    throw err instanceof ProbeError ? err : new ProbeError(messageOf(err), /tmpfs/i.test(messageOf(err)));
  }
  try {
    // Attach before starting: with AutoRemove the logs vanish with the container.
    const stream = await withDeadline(container.attach({ stream: true, stdout: true, stderr: true }), deadline, 'attach to the probe container');
    const output = collect(stream);
    try {
      await withDeadline(container.start(), deadline, 'start the probe container');
    } catch (err) {
      // A missing /bin/sh shows up here: another image may have one.
      throw err instanceof ProbeError ? err : new ProbeError(messageOf(err), true);
    }
    return await withDeadline(output, deadline, 'read the probe output');
  } finally {
    // A container that never ran is not auto-removed; one that ran is being removed by the daemon
    // (409 here). Either way wait until it is gone, so nobody sees it after we return.
    await container.remove({ force: true }).catch(() => undefined);
    await withDeadline(container.wait({ condition: 'removed' }), Math.max(deadline, Date.now() + 2000), 'wait for the probe container to go').catch(() => undefined);
  }
}

/** Run the probe on the first local image that works; never leaves a container behind. */
export async function runContainerProbe(docker: Dockerode, options: ProbeOptions = {}): Promise<ProbeFacts> {
  const started = performance.now();
  const deadline = Date.now() + (options.timeoutMs ?? 8000);
  let candidates: string[];
  if (options.image) {
    candidates = [options.image];
  } else {
    try {
      candidates = probeImageCandidates(await withDeadline(docker.listImages(), deadline, 'list images'));
    } catch (err) {
      return { state: 'skipped', reason: `could not list images (${messageOf(err)})` };
    }
  }
  if (candidates.length === 0) return { state: 'skipped', reason: 'no local image to run it in' };
  let last: { image: string; error: string } | null = null;
  for (const image of candidates) {
    try {
      let output: string;
      let tmpfsRefused: string | null = null;
      try {
        output = await runOnce(docker, image, deadline, true);
      } catch (err) {
        if (!(err instanceof ProbeError) || !/tmpfs/i.test(err.message)) throw err;
        tmpfsRefused = err.message;
        output = await runOnce(docker, image, deadline, false);
      }
      const parsed = parseProbeOutput(output);
      if (parsed === null) {
        last = { image, error: `the probe script did not finish; it printed: ${output.trim().split('\n').slice(-3).join(' | ') || 'nothing'}` };
        continue;
      }
      return {
        state: 'done', image, elapsedMs: performance.now() - started, ...parsed,
        tmpfs: tmpfsRefused === null ? parsed.tmpfs : { refused: tmpfsRefused },
      };
    } catch (err) {
      last = { image, error: messageOf(err) };
      if (!(err instanceof ProbeError) || !err.retryable) break;
    }
  }
  return { state: 'failed', image: last?.image ?? candidates[0]!, error: last?.error ?? 'unknown error' };
}
