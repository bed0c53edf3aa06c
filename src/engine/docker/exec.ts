// Run a command inside a running container: argv array (never a shell string), env, workdir,
// user; stdout and stderr kept apart, in memory (every caller reads a short output whole); the exit code.
import { Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { demultiplex } from './demux.js';
import { EngineError, toEngineError } from './errors.js';
import { shortId } from '../../core/format/short-id.js';

export interface ExecOptions {
  argv: string[];
  env?: Record<string, string>;
  workdir?: string;
  user?: string;
  signal?: AbortSignal;
}

export interface ExecResult {
  exitCode: number;
  stdoutBytes: number;
  stderrBytes: number;
}

/** A Writable that keeps everything written to it. */
class Collector extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
}

/** Run argv in the container and collect stdout and stderr in memory (for short outputs). */
export async function execCapture(docker: Dockerode, containerId: string, options: ExecOptions): Promise<ExecResult & { stdout: Buffer; stderr: Buffer }> {
  if (options.argv.length === 0) throw new EngineError('bad-request', 'exec needs a command', 'pass the program and its arguments as an array');
  const action = `run ${options.argv[0] ?? ''} in container ${shortId(containerId)}`;
  const container = docker.getContainer(containerId);
  let exec: Dockerode.Exec;
  try {
    exec = await container.exec({
      Cmd: options.argv,
      Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
      WorkingDir: options.workdir,
      User: options.user,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
  } catch (err) {
    throw toEngineError(err, { action, notFound: 'container', subject: shortId(containerId) });
  }
  const stdout = new Collector();
  const stderr = new Collector();
  let counts: { stdoutBytes: number; stderrBytes: number };
  try {
    const stream = (await exec.start({ hijack: true, stdin: false })) as NodeJS.ReadableStream & { destroy?: () => void };
    const onAbort = (): void => stream.destroy?.();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      counts = await demultiplex(stream as AsyncIterable<Buffer>, { stdout, stderr });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  } catch (err) {
    throw toEngineError(options.signal?.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : err, { action });
  }
  return { exitCode: await exitCodeOf(exec, action), ...counts, stdout: Buffer.concat(stdout.chunks), stderr: Buffer.concat(stderr.chunks) };
}

// Podman can report Running for a moment after the output stream has closed.
async function exitCodeOf(exec: Dockerode.Exec, action: string): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    let info: { Running?: boolean; ExitCode?: number | null };
    try {
      info = (await exec.inspect()) as { Running?: boolean; ExitCode?: number | null };
    } catch (err) {
      throw toEngineError(err, { action });
    }
    if (!info.Running && typeof info.ExitCode === 'number') return info.ExitCode;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new EngineError('timeout', `${action}: the engine did not report an exit code`, 'the command may still be running; check with `docker ps`');
}
