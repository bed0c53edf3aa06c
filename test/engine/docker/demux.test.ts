// The stdout/stderr frame demultiplexer: any chunking of any frame sequence parses back exactly,
// slow writers are waited for, and broken streams are reported.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demultiplex, FrameParser } from '../../../src/engine/docker/demux.js';

function frame(type: number, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

function chunked(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    out.push(buf.subarray(last, p));
    last = p;
  }
  out.push(buf.subarray(last));
  return out.filter((c) => c.length > 0);
}

class Slow extends Writable {
  chunks: Buffer[] = [];
  constructor() {
    super({ highWaterMark: 4 });
  }
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    setImmediate(done);
  }
}

const frames = fc.array(fc.record({ type: fc.constantFrom(1, 2), data: fc.uint8Array({ maxLength: 300 }) }), { maxLength: 30 });

describe('FrameParser', () => {
  it('parses any frame sequence back from any chunking', () => {
    fc.assert(fc.property(frames, fc.array(fc.nat(), { maxLength: 40 }), (fs, cuts) => {
      const wire = Buffer.concat(fs.map((f) => frame(f.type, Buffer.from(f.data))));
      const parser = new FrameParser();
      const got = chunked(wire, cuts).flatMap((c) => parser.push(c));
      expect(parser.leftover).toBe(0);
      expect(got.map((g) => [g.stream, g.data.toString('hex')])).toEqual(fs.map((f) => [f.type === 1 ? 'stdout' : 'stderr', Buffer.from(f.data).toString('hex')]));
    }));
  });

  it('refuses a stream that is not multiplexed', () => {
    expect(() => new FrameParser().push(Buffer.from('plain tty output here'))).toThrow(/not a multiplexed stream/);
  });
});

describe('demultiplex', () => {
  it('writes each stream to its own slow writer, in order', async () => {
    await fc.assert(fc.asyncProperty(frames, fc.array(fc.nat(), { maxLength: 20 }), async (fs, cuts) => {
      const wire = Buffer.concat(fs.map((f) => frame(f.type, Buffer.from(f.data))));
      const stdout = new Slow();
      const stderr = new Slow();
      const counts = await demultiplex(chunked(wire, cuts), { stdout, stderr });
      await Promise.all([stdout, stderr].map((w) => new Promise((r) => w.end(r))));
      const want = (t: number) => Buffer.concat(fs.filter((f) => f.type === t).map((f) => Buffer.from(f.data)));
      expect(Buffer.concat(stdout.chunks).equals(want(1))).toBe(true);
      expect(Buffer.concat(stderr.chunks).equals(want(2))).toBe(true);
      expect(counts).toEqual({ stdoutBytes: want(1).length, stderrBytes: want(2).length });
    }), { numRuns: 30 });
  });

  it('reports a stream cut in the middle of a frame', async () => {
    const wire = frame(1, Buffer.from('hello world'));
    await expect(demultiplex([wire.subarray(0, 12)], {})).rejects.toThrow(/middle of a frame \(12 bytes left\)/);
  });
});
