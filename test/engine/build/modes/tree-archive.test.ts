// The tree archive as the engine sends it ("destination/…" names) scanned for the ROOT check, on
// archives made here: hard links, folders, links and ELF files. (Re-homed for import: import-tree.test.ts.)
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { inTreePath } from '../../../../src/engine/build/modes/tree-archive.js';
import { scanTree } from '../../../../src/engine/build/modes/tree-scan.js';
import { buildElf } from '../../../core/elf/elf-builder.js';

type Entry = { name: string; type?: tar.Header['type']; body?: Buffer | string; linkname?: string; mode?: number };

async function archiveOf(entries: Entry[]): Promise<Readable> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  })();
  for (const e of entries) {
    const body = typeof e.body === 'string' ? Buffer.from(e.body) : e.body;
    await new Promise<void>((resolve, reject) => {
      const header = { name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: e.mode ?? 0o644, uid: 0, gid: 0, mtime: new Date(0), ...(body ? { size: body.length } : {}) };
      if (body) pack.entry(header, body, (err) => (err ? reject(err) : resolve()));
      else pack.entry(header, (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  await done;
  return Readable.from([Buffer.concat(chunks)]);
}

describe('tree archives', () => {
  it('drops the leading folder from names', () => {
    expect(inTreePath('destination/')).toBe('/');
    expect(inTreePath('destination/usr/bin/hello')).toBe('/usr/bin/hello');
    expect(inTreePath('destination/usr/')).toBe('/usr');
  });

  it('scans kinds, ELF facts, loader configuration and hard links for the ROOT check', async () => {
    const elf = buildElf({ type: 2, interpreter: '/lib64/ld-linux-x86-64.so.2', needed: ['libfoo.so.1'] });
    const scan = await scanTree(await archiveOf([
      { name: 'destination/', type: 'directory' },
      { name: 'destination/usr/bin/tool', body: elf, mode: 0o755 },
      { name: 'destination/usr/bin/tool2', type: 'link', linkname: 'destination/usr/bin/tool' },
      { name: 'destination/usr/bin/script', body: '#!/bin/sh\necho hi\n' },
      { name: 'destination/usr/bin/tiny', body: 'ab' },
      { name: 'destination/usr/lib64/broken.so', body: elf.subarray(0, 70) },
      { name: 'destination/etc/ld.so.conf', body: '/usr/lib64\n' },
      { name: 'destination/lib64', type: 'symlink', linkname: 'usr/lib64' },
    ]));
    expect(scan.files).toBe(5);
    const tool = scan.tree.get('/usr/bin/tool');
    expect(tool?.kind === 'file' && tool.elf?.needed).toEqual(['libfoo.so.1']);
    expect(scan.tree.get('/usr/bin/tool2')).toEqual(tool);
    expect(scan.tree.get('/usr/bin/script')).toEqual({ kind: 'file', size: 18, elf: null });
    expect(scan.tree.resolve('/lib64/broken.so')).toBe('/usr/lib64/broken.so');
    expect(scan.unreadable).toEqual([{ file: '/usr/lib64/broken.so', problem: expect.stringMatching(/^truncated or malformed ELF/) }]);
    expect([...scan.loaderConfig]).toEqual([['/etc/ld.so.conf', '/usr/lib64\n']]);
  });
});
