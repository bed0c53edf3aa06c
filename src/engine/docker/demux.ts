// The engines multiplex a non-TTY container's stdout and stderr into one stream of frames:
// an 8-byte header (stream type, 3 zero bytes, big-endian length) then the payload. This splits
// them again, keeping the writers' backpressure (docker-modem's demuxStream ignores it).
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export type StreamType = 'stdin' | 'stdout' | 'stderr' | 'system';

export interface Frame {
  stream: StreamType;
  data: Buffer;
}

const TYPES: Record<number, StreamType> = { 0: 'stdin', 1: 'stdout', 2: 'stderr', 3: 'system' };

/** Incremental frame parser: push chunks as they arrive, get whole frames back. */
export class FrameParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Add a chunk; returns the frames it completed. */
  push(chunk: Buffer): Frame[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames: Frame[] = [];
    let buf = this.pending.length === 1 ? chunk : Buffer.concat(this.pending, this.pendingBytes);
    let offset = 0;
    while (buf.length - offset >= 8) {
      const type = buf[offset] ?? 0;
      const stream = TYPES[type];
      if (stream === undefined) throw new Error(`not a multiplexed stream (frame type ${type}); was the container created with a TTY?`);
      const length = buf.readUInt32BE(offset + 4);
      if (buf.length - offset - 8 < length) break;
      frames.push({ stream, data: buf.subarray(offset + 8, offset + 8 + length) });
      offset += 8 + length;
    }
    buf = buf.subarray(offset);
    this.pending = buf.length > 0 ? [buf] : [];
    this.pendingBytes = buf.length;
    return frames;
  }

  /** Bytes of an incomplete frame left over (non-zero at the end means a truncated stream). */
  get leftover(): number {
    return this.pendingBytes;
  }
}

export interface DemuxSinks {
  stdout?: Writable | undefined;
  stderr?: Writable | undefined;
}

/** Read a multiplexed stream to its end, writing payloads to the sinks with backpressure (the sinks are not ended). */
export async function demultiplex(source: AsyncIterable<Buffer | string> | Iterable<Buffer>, sinks: DemuxSinks): Promise<{ stdoutBytes: number; stderrBytes: number }> {
  const parser = new FrameParser();
  let stdoutBytes = 0;
  let stderrBytes = 0;
  for await (const chunk of source) {
    for (const frame of parser.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) {
      const sink = frame.stream === 'stdout' ? sinks.stdout : frame.stream === 'stderr' || frame.stream === 'system' ? sinks.stderr : undefined;
      if (frame.stream === 'stdout') stdoutBytes += frame.data.length;
      else stderrBytes += frame.data.length;
      if (sink && !sink.write(frame.data)) await once(sink, 'drain');
    }
  }
  if (parser.leftover > 0) throw new Error(`the engine's output stream ended in the middle of a frame (${parser.leftover} bytes left)`);
  return { stdoutBytes, stderrBytes };
}
