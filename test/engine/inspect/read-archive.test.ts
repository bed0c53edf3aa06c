// The archive reader on synthetic archives in both layouts, with the stacking and dive's figures
// computed from what it read: overwrites, file and directory whiteouts, opaque directories.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildInspection } from '../../../src/core/inspect/inspection.js';
import { readImageArchive } from '../../../src/engine/inspect/read-archive.js';
import { imageIdOf, layerTar, legacyArchive, ociArchive, type ArchiveSpec, type LayerItem } from './helpers/archive-builder.js';

const contents = (lines: string[]) => `${lines.join('\n')}\n`;
const vdb = (cpv: string, files: Record<string, string>): LayerItem[] =>
  Object.entries(files).map(([key, content]) => ({ file: `var/db/pkg/${cpv}/${key}`, content }));

const LAYERS: LayerItem[][] = [
  [
    { dir: 'etc' }, { file: 'etc/a', size: 100 }, { file: 'etc/b', size: 50 },
    { dir: 'var' }, { dir: 'var/cache' }, { file: 'var/cache/x', size: 1000 }, { file: 'var/cache/y', size: 500 },
    { dir: 'opt' }, { dir: 'opt/d' }, { file: 'opt/d/1', size: 10 }, { file: 'opt/d/2', size: 20 },
    { symlink: 'lib', target: 'usr/lib' },
  ],
  [
    { file: 'etc/a', size: 300 }, { whiteout: 'etc/b' },
    { dir: 'var/cache' }, { opaque: 'var/cache' }, { file: 'var/cache/z', size: 40 },
    { whiteout: 'opt/d' },
  ],
  [{ file: 'etc/a', size: 100 }, { file: 'big', size: 2000 }],
];

async function spec(extra: LayerItem[][] = []): Promise<ArchiveSpec> {
  const all = LAYERS.map((l, i) => [...l, ...(extra[i] ?? [])]);
  return { layers: await Promise.all(all.map(layerTar)), createdBy: ['base', 'tweak', 'add big'], tag: 'example/test:1' };
}

const layouts = {
  'legacy docker save': legacyArchive,
  'OCI image layout': ociArchive,
  'OCI image layout with gzip layers': (s: ArchiveSpec) => ociArchive({ ...s, gzipLayers: true }),
};

describe.each(Object.entries(layouts))('readImageArchive: %s', (_name, make) => {
  it('reads the layers in order with their history, and the image ID from the config', async () => {
    const s = await spec();
    const archive = await readImageArchive(Readable.from([await make(s)]));
    expect(archive.imageId).toBe(imageIdOf(s));
    expect(archive.repoTags).toEqual(['example/test:1']);
    expect(archive.layers.map((l) => l.createdBy)).toEqual(['base', 'tweak', 'add big']);
    expect(archive.layers.map((l) => l.diffId)).toEqual(archive.config.diffIds);
    expect(archive.layers[1]!.entries).toEqual(expect.arrayContaining([
      { path: '/etc/b', kind: 'whiteout', size: 0 },
      { path: '/var/cache', kind: 'opaque', size: 0 },
      { path: '/opt/d', kind: 'whiteout', size: 0 },
      { path: '/etc/a', kind: 'file', size: 300 },
    ]));
    expect(archive.layers[0]!.entries).toContainEqual({ path: '/lib', kind: 'symlink', size: 7, target: 'usr/lib' });
  });

  it('stacks them: sizes, efficiency and wasted bytes as dive counts them', async () => {
    const archive = await readImageArchive(Readable.from([await make(await spec())]));
    const ins = buildInspection({
      image: { id: archive.imageId, tags: [], created: '', labels: {}, architecture: 'amd64', engineSize: null, entrypoint: [], cmd: [] },
      layers: archive.layers, base: { ref: 'base', id: null, sharedLayers: 1 }, recordedDb: null, build: null,
    });
    expect(ins.layers.map((l) => l.size)).toEqual([1687, 340, 2100]);
    expect(ins.size).toBe(4127);
    // /etc/a 100 + /lib 7 + /var/cache/z 40 + /big 2000
    expect(ins.visibleBytes).toBe(2147);
    expect(ins.files).toBe(4);
    expect(ins.waste.efficiency).toBeCloseTo(2147 / 4127, 10);
    // Paths written or removed more than once: /etc/a 500, /etc/b 50, /var/cache/x 1000, y 500, /opt/d/1 10, /opt/d/2 20.
    expect(ins.waste.wastedBytes).toBe(2080);
    expect(ins.waste.hiddenBytes).toBe(4127 - 2147);
    expect(ins.waste.paths.slice(0, 2)).toEqual([{ path: '/var/cache/x', count: 2, totalBytes: 1000 }, { path: '/etc/a', count: 3, totalBytes: 500 }]);
    expect(ins.layers[1]).toMatchObject({ added: 1, modified: 1, removed: 5, hiddenBytes: 100 + 50 + 1500 + 30 });
    expect(ins.base).toEqual({ ref: 'base', id: null, layers: 1, bytes: 1687, share: 1687 / 4127 });
    expect(ins.tree.children?.map((c) => [c.name, c.size, c.files])).toEqual([['big', 2000, 1], ['etc', 100, 1], ['var', 40, 1], ['lib', 7, 1], ['opt', 0, 0]]);
  });

  it('reads the package database that survives the stack (an upgrade replaces the old entry)', async () => {
    const old = vdb('app-misc/hello-1.0', { CONTENTS: contents(['dir /usr', 'obj /usr/bin/hello 0123456789abcdef0123456789abcdef 1700000000']), SIZE: '11\n', SLOT: '0\n', USE: 'amd64 nls\n', IUSE: 'nls\n', LICENSE: 'GPL-2\n', repository: 'gentoo\n', COUNTER: '1\n' });
    const upgraded = vdb('app-misc/hello-2.0', {
      CONTENTS: contents(['dir /usr', 'obj /usr/bin/hello 0123456789abcdef0123456789abcdef 1700000000', 'sym /usr/bin/hi -> hello 1700000000', 'obj /usr/share/doc/hello/README 0123456789abcdef0123456789abcdef 1700000000']),
      SIZE: '30\n', SLOT: '0\n', USE: 'amd64 nls\n', IUSE: '+nls test\n', LICENSE: '|| ( MIT GPL-2 )\n', repository: 'gentoo\n', COUNTER: '2\n',
    });
    const s = await spec([
      [{ dir: 'usr' }, { dir: 'usr/bin' }, { file: 'usr/bin/hello', size: 11 }, ...old],
      [{ file: 'usr/bin/hello', size: 25 }, { symlink: 'usr/bin/hi', target: 'hello' }, { whiteout: 'var/db/pkg/app-misc/hello-1.0' }, ...upgraded],
    ]);
    const archive = await readImageArchive(Readable.from([await make(s)]));
    const ins = buildInspection({
      image: { id: archive.imageId, tags: [], created: '', labels: {}, architecture: '', engineSize: null, entrypoint: [], cmd: [] },
      layers: archive.layers, base: null, recordedDb: null, build: null,
    });
    expect(ins.packages.source).toBe('image');
    expect(ins.packages.packages).toHaveLength(1);
    expect(ins.packages.packages[0]).toMatchObject({
      cpv: 'app-misc/hello-2.0', cp: 'app-misc/hello', version: '2.0', size: 25 + 5, files: 2, missing: 1, use: ['nls'], license: '|| ( MIT GPL-2 )', recordedSize: 30, slot: '0', repository: 'gentoo',
    });
  });
});

describe('readImageArchive: damaged input', () => {
  it('says what is wrong with a tar that is no image archive', async () => {
    const bogus = await layerTar([{ file: 'hello.txt', content: 'hi' }]);
    await expect(readImageArchive(Readable.from([bogus]))).rejects.toThrow(/neither manifest.json nor index.json/);
  });

  it('says which layer is missing', async () => {
    const s = await spec();
    const whole = await legacyArchive(s);
    const tar = await import('tar-stream');
    const extract = tar.extract();
    const pack = tar.pack();
    let dropped = false;
    extract.on('entry', (header, stream, next) => {
      if (!dropped && header.name.endsWith('/layer.tar')) {
        dropped = true;
        stream.on('end', () => next());
        stream.resume();
        return;
      }
      stream.pipe(pack.entry(header, next));
    });
    extract.on('finish', () => pack.finalize());
    Readable.from([whole]).pipe(extract as unknown as NodeJS.WritableStream);
    const chunks: Buffer[] = [];
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
    await expect(readImageArchive(Readable.from([Buffer.concat(chunks)]))).rejects.toThrow(/lacks layer [0-9a-f]+\/layer.tar/);
  });

  it('fails on a truncated archive instead of returning half an image', async () => {
    const whole = await legacyArchive(await spec());
    await expect(readImageArchive(Readable.from([whole.subarray(0, Math.floor(whole.length / 2))]))).rejects.toThrow();
  });
});
