// The header-only tar reader: names from ustar prefixes, PAX records and GNU long-name entries,
// bodies kept only when asked (across chunk boundaries), base-256 sizes, and truncation reported.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { parsePax } from '../../../src/engine/docker/tar-fields.js';
import { TarHeaderReader, type TarHeader } from '../../../src/engine/inspect/tar-headers.js';
import { tarOf as packed } from '../../helpers/tar-entries.js';

async function read(tarBytes: Buffer, keep: (h: TarHeader) => boolean = () => false, chunk = 777) {
  const headers: TarHeader[] = [];
  const bodies = new Map<string, string>();
  const reader = new TarHeaderReader({ onEntry: (h) => (headers.push(h), keep(h)), onBody: (h, b) => bodies.set(h.name, b.toString()) });
  const pieces = Array.from({ length: Math.ceil(tarBytes.length / chunk) }, (_, i) => tarBytes.subarray(i * chunk, (i + 1) * chunk));
  await pipeline(Readable.from(pieces), reader as Writable);
  return { headers, bodies };
}

/** A raw 512-byte header (for what tar-stream does not write: GNU long names, base-256 sizes). */
function rawHeader(name: string, flag: string, size: number | 'base256', body = Buffer.alloc(0)): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 99), 0, 'utf8');
  h.write('0000644\0', 100);
  if (size === 'base256') {
    h[124] = 0x80;
    h.writeUIntBE(body.length, 136 - 6, 6);
  } else h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(flag, 156);
  h.write('ustar  \0', 257);
  const padded = Buffer.alloc(Math.ceil(body.length / 512) * 512);
  body.copy(padded);
  return Buffer.concat([h, padded]);
}

describe('TarHeaderReader', () => {
  it('reads names, kinds, sizes and link targets, keeping only the bodies asked for', async () => {
    const long = `usr/share/${'deep/'.repeat(30)}file.txt`;
    const tarBytes = await packed([
      { header: { name: 'etc/', type: 'directory' } },
      { header: { name: 'etc/hosts', type: 'file' }, body: 'x'.repeat(1300) },
      { header: { name: 'bin/sh', type: 'symlink', linkname: 'busybox' } },
      { header: { name: 'bin/ash', type: 'link', linkname: 'bin/busybox' } },
      { header: { name: long, type: 'file' }, body: 'long' },
      { header: { name: 'var/db/pkg/a/b-1/SIZE', type: 'file' }, body: '42\n' },
    ]);
    const { headers, bodies } = await read(tarBytes, (h) => h.name.endsWith('/SIZE') || h.name === 'etc/hosts');
    expect(headers.map((h) => [h.name, h.type, h.size, h.linkname])).toEqual([
      ['etc/', 'dir', 0, ''], ['etc/hosts', 'file', 1300, ''], ['bin/sh', 'symlink', 0, 'busybox'], ['bin/ash', 'hardlink', 0, 'bin/busybox'], [long, 'file', 4, ''], ['var/db/pkg/a/b-1/SIZE', 'file', 3, ''],
    ]);
    expect(bodies.get('etc/hosts')).toBe('x'.repeat(1300));
    expect(bodies.get('var/db/pkg/a/b-1/SIZE')).toBe('42\n');
    expect(bodies.size).toBe(2);
  });

  it('reads PAX paths longer than any ustar field', async () => {
    const name = `${'x'.repeat(180)}/${'y'.repeat(120)}`;
    const { headers } = await read(await packed([{ header: { name, type: 'file' }, body: 'z' }]), () => false, 100);
    expect(headers[0]).toMatchObject({ name, size: 1 });
  });

  it('reads GNU long names and links, and base-256 sizes', async () => {
    const longName = `${'n'.repeat(150)}/file`;
    const longLink = `${'l'.repeat(140)}/target`;
    const body = Buffer.from('hello');
    const bytes = Buffer.concat([
      rawHeader('././@LongLink', 'L', Buffer.byteLength(longName) + 1, Buffer.from(`${longName}\0`)),
      rawHeader('././@LongLink', 'K', Buffer.byteLength(longLink) + 1, Buffer.from(`${longLink}\0`)),
      rawHeader('short', '2', 0),
      rawHeader('big', '0', 'base256', body),
      Buffer.alloc(1024),
    ]);
    const { headers } = await read(bytes, () => false, 333);
    expect(headers).toEqual([{ name: longName, type: 'symlink', size: 0, linkname: longLink }, { name: 'big', type: 'file', size: 5, linkname: '' }]);
  });

  it('reports a tar cut in the middle of a body', async () => {
    const tarBytes = await packed([{ header: { name: 'a', type: 'file' }, body: Buffer.alloc(5000) }]);
    await expect(read(tarBytes.subarray(0, 2000))).rejects.toThrow(/truncated/);
  });

  it('parses PAX records', () => {
    expect(parsePax(Buffer.from('28 path=some/long/path/name\n18 linkpath=a/b/c\n'))).toEqual({ path: 'some/long/path/name', linkpath: 'a/b/c' });
  });
});
