// zstd through the zstd command, and load's decompression chosen by magic bytes (gzip, zstd, plain).
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MaybeDecompress } from '../../../src/engine/inspect/maybe-decompress.js';
import { requireZstd, zstdAvailable, zstdCompressor, zstdDecompressor } from '../../../src/engine/inspect/zstd.js';

async function through(input: Buffer, ...stages: NodeJS.ReadWriteStream[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write(c: Buffer, _e, done) { chunks.push(c); done(); } });
  // Small chunks so the magic-byte sniffing sees a split head.
  const pieces = Array.from({ length: Math.ceil(input.length / 3000) }, (_, i) => input.subarray(i * 3000, (i + 1) * 3000));
  await pipeline([Readable.from(pieces.length > 0 ? pieces : [Buffer.alloc(0)]), ...stages, sink]);
  return Buffer.concat(chunks);
}

const data = Buffer.concat([randomBytes(300_000), Buffer.alloc(700_000, 0x41)]);
const hasZstd = zstdAvailable();

describe.runIf(hasZstd)('zstd via the zstd command', () => {
  it('round-trips a stream and compresses', async () => {
    const packed = await through(data, zstdCompressor());
    expect(packed.readUInt32LE(0)).toBe(0xfd2fb528);
    expect(packed.length).toBeLessThan(data.length / 2);
    expect((await through(packed, zstdDecompressor())).equals(data)).toBe(true);
  });

  it('fails with zstd\'s own message on damaged input', async () => {
    const packed = await through(data, zstdCompressor());
    await expect(through(packed.subarray(0, packed.length - 100), zstdDecompressor())).rejects.toThrow(/zstd decompression failed \(zstd exit 1\)/);
  });
});

describe('zstd without the command', () => {
  it('names the package to install', async () => {
    expect(() => requireZstd('/nonexistent/zstd')).toThrow(/zstd compression needs the zstd command/);
    try {
      requireZstd('/nonexistent/zstd');
    } catch (err) {
      expect((err as { hint: string }).hint).toContain('apt install zstd');
    }
    await expect(through(data, zstdCompressor('/nonexistent/zstd'))).rejects.toThrow(/needs the zstd command/);
  });
});

describe('MaybeDecompress', () => {
  it('passes plain data through, and tiny inputs too', async () => {
    expect((await through(data, new MaybeDecompress())).equals(data)).toBe(true);
    expect((await through(Buffer.from('ab'), new MaybeDecompress())).toString()).toBe('ab');
  });
  it('gunzips gzip', async () => {
    expect((await through(gzipSync(data), new MaybeDecompress())).equals(data)).toBe(true);
  });
  it.runIf(hasZstd)('decompresses zstd', async () => {
    const packed = await through(data, zstdCompressor());
    expect((await through(packed, new MaybeDecompress())).equals(data)).toBe(true);
  });
});
