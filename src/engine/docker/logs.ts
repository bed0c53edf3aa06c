// A container's output, past and (with follow) live, as separate stdout/stderr chunks.
import type Dockerode from 'dockerode';
import { FrameParser, type Frame } from './demux.js';
import { dialStream } from './dial.js';
import { toEngineError } from './errors.js';
import { shortId } from '../../core/format/short-id.js';

export interface LogOptions {
  follow?: boolean;
  /** Only the last N lines. */
  tail?: number;
  signal?: AbortSignal;
  /** The container runs with a TTY: its output is one raw stream, not frames. */
  tty?: boolean;
  /** Prefix every line with the engine's RFC 3339 timestamp (builds replay with real times). */
  timestamps?: boolean;
}

/** Yield the container's output chunks until it ends (with follow: until the container stops). */
export async function* containerLogs(docker: Dockerode, id: string, options: LogOptions = {}): AsyncGenerator<Frame> {
  const action = `read the logs of container ${shortId(id)}`;
  let res;
  try {
    res = await dialStream(docker, {
      method: 'GET', path: `/containers/${id}/logs`,
      query: { stdout: true, stderr: true, follow: options.follow ?? false, timestamps: options.timestamps ?? false, tail: options.tail === undefined ? 'all' : String(options.tail) },
      ok: [200], signal: options.signal,
    });
  } catch (err) {
    throw toEngineError(err, { action, notFound: 'container', subject: shortId(id) });
  }
  const parser = new FrameParser();
  try {
    // Pulling frames one by one lets a slow consumer slow the stream down (backpressure).
    for await (const chunk of res) {
      const data = chunk as Buffer;
      if (options.tty) yield { stream: 'stdout', data };
      else yield* parser.push(data);
    }
  } catch (err) {
    if (!options.signal?.aborted) throw toEngineError(err, { action });
  } finally {
    res.destroy();
  }
}
