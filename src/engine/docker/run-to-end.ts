// Run a throwaway container to its end and collect what it printed: the one way probes, base
// inspection, smoke tests and the tests' helpers do "create, start, wait, read the logs, remove".
import type Dockerode from 'dockerode';
import { uploadFiles, type UploadEntry } from './archive.js';
import type { ContainerSpec } from './container-spec.js';
import { createContainer, killContainer, removeContainerSurely, startContainer, waitContainer } from './containers.js';
import { toEngineError } from './errors.js';
import { containerLogs } from './logs.js';
import { shortId } from '../../core/format/short-id.js';

export interface RunToEndOptions {
  /** Files put into the container before it starts. */
  files?: UploadEntry[];
  /** How long it may run; past it the container is killed and `exitCode` is null. */
  timeoutMs?: number;
  /** Aborted: the container is removed and the run rejects with an `aborted` EngineError. */
  signal?: AbortSignal;
  /** Only the last N lines of its output. */
  tail?: number;
  /** Reads the stopped container (files it left) before it is removed. */
  beforeRemove?: (id: string) => Promise<void>;
  /** Leave the container for the caller to remove (commit, inspect) when the run returns; a run that throws removes it. */
  keep?: boolean;
}

export interface RunToEndResult {
  id: string;
  /** null when it ran past `timeoutMs`. */
  exitCode: number | null;
  /** stdout and stderr as the engine interleaved them. */
  output: string;
  stdout: string;
  stderr: string;
}

function aborted(action: string): Error {
  return toEngineError(Object.assign(new Error('aborted'), { name: 'AbortError' }), { action });
}

/** Create a container from `spec`, run it to its end (or `timeoutMs`), and return its exit code and output. */
export async function runToEnd(docker: Dockerode, spec: ContainerSpec, options: RunToEndOptions = {}): Promise<RunToEndResult> {
  const stop = options.signal;
  const id = await createContainer(docker, spec);
  const action = `run ${spec.image} in container ${shortId(id)}`;
  let returned = false;
  try {
    if (options.files && options.files.length > 0) await uploadFiles(docker, id, options.files);
    if (stop?.aborted) throw aborted(action);
    await startContainer(docker, id);
    const timeout = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
    const waitSignal = timeout && stop ? AbortSignal.any([timeout, stop]) : timeout ?? stop;
    let exitCode: number | null = null;
    try {
      exitCode = await waitContainer(docker, id, waitSignal);
    } catch (err) {
      if (stop?.aborted) throw aborted(action);
      if (!timeout?.aborted) throw err;
    }
    if (stop?.aborted) throw aborted(action);
    if (exitCode === null) await killContainer(docker, id).catch(() => undefined);
    const all: Buffer[] = [];
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    for await (const frame of containerLogs(docker, id, options.tail === undefined ? {} : { tail: options.tail })) {
      all.push(frame.data);
      if (frame.stream === 'stdout') out.push(frame.data);
      else if (frame.stream === 'stderr') err.push(frame.data);
    }
    await options.beforeRemove?.(id);
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    returned = true;
    return { id, exitCode, output: text(all), stdout: text(out), stderr: text(err) };
  } finally {
    // The caller cannot remove a container it never got the ID of.
    if (!options.keep || !returned) await removeContainerSurely(docker, id);
  }
}
