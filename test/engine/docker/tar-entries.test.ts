// The tar entry filter: passed entries come out byte for byte (PAX records and long names included),
// dropped ones vanish with their extension headers, captured ones come back whole, appended ones land
// before the end of the archive. (The layer merge that finds an image's own engine-file entries:
// engine-files.test.ts.)
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { TarEntryFilter, type TarEntryHandlers } from '../../../src/engine/docker/tar-entries.js';
import { tarEntries, tarOf as pack } from '../../helpers/tar-entries.js';

type Entry = { header: Partial<tar.Header> & { name: string }; body?: string };

async function filter(input: Buffer, handlers: TarEntryHandlers, chunkSize = 700): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunkSize) parts.push(input.subarray(i, i + chunkSize));
  const out: Buffer[] = [];
  await pipeline(Readable.from(parts), new TarEntryFilter(handlers), new Writable({ write: (c: Buffer, _e, done) => { out.push(c); done(); } }));
  return Buffer.concat(out);
}

async function list(archive: Buffer): Promise<{ name: string; body: string; pax: Record<string, string> | null }[]> {
  const found: { name: string; body: string; pax: Record<string, string> | null }[] = [];
  for await (const { header, body } of tarEntries(archive)) found.push({ name: header.name, body: body.toString(), pax: (header.pax as Record<string, string> | undefined) ?? null });
  return found;
}

const long = `usr/share/${'deep/'.repeat(30)}file.txt`;
const sample: Entry[] = [
  { header: { name: 'etc', type: 'directory', mode: 0o755 } },
  { header: { name: 'etc/hosts', mode: 0o755 }, body: '' },
  { header: { name: 'etc/os-release', mode: 0o644 }, body: 'ID=gentoo\n' },
  { header: { name: long, mode: 0o644 }, body: 'x'.repeat(1000) },
  { header: { name: 'usr/bin/ping', mode: 0o4755, pax: { 'SCHILY.xattr.security.capability': 'cap' } }, body: 'ELF' },
  { header: { name: 'etc/mtab', type: 'symlink', linkname: '/proc/mounts' } },
];

describe('TarEntryFilter', () => {
  it('passes every entry byte for byte', async () => {
    const input = await pack(sample);
    expect((await filter(input, { decide: () => 'pass' })).equals(input)).toBe(true);
    expect((await filter(input, { decide: () => 'pass' }, 512)).equals(input)).toBe(true);
  });

  it('drops entries with their PAX headers, keeps the rest intact', async () => {
    const input = await pack(sample);
    const out = await list(await filter(input, { decide: (e) => (e.path === 'etc/hosts' || e.path === long || e.path === 'etc/mtab' ? 'drop' : 'pass') }));
    expect(out.map((e) => e.name)).toEqual(['etc', 'etc/os-release', 'usr/bin/ping']);
    expect(out[2]!.pax).toMatchObject({ 'SCHILY.xattr.security.capability': 'cap' });
  });

  it('captures entries whole and appends entries before the end', async () => {
    const input = await pack(sample);
    const captured = new Map<string, Buffer>();
    await filter(input, { decide: (e) => (e.path === long || e.path === 'etc/os-release' ? 'capture' : 'drop'), onCapture: (e, raw) => captured.set(e.path, raw) });
    expect([...captured.keys()]).toEqual(['etc/os-release', long]);
    const out = await list(await filter(await pack(sample.slice(0, 2)), { decide: () => 'pass', append: async () => [captured.get(long)!, captured.get('etc/os-release')!] }));
    expect(out.map((e) => e.name)).toEqual(['etc', 'etc/hosts', long, 'etc/os-release']);
    expect(out[2]!.body).toBe('x'.repeat(1000));
  });

  it('fails a truncated tar', async () => {
    const input = await pack(sample);
    await expect(filter(input.subarray(0, 2000), { decide: () => 'pass' })).rejects.toThrow(/truncated/);
  });
});
