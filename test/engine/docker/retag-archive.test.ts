// Renaming the image inside a save archive on the fly: index files rewritten, layers untouched.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { retagArchive } from '../../../src/engine/docker/retag-archive.js';
import { tarEntries, tarOf } from '../../helpers/tar-entries.js';

function tarOfFiles(files: Record<string, Buffer | string>): Promise<Buffer> {
  return tarOf(Object.entries(files).map(([name, body]) => ({ header: { name }, body })));
}

async function untar(stream: Readable): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const { header, body } of tarEntries(stream)) out.set(header.name, body);
  return out;
}

describe('retagArchive', () => {
  it('renames the image in manifest.json and repositories and passes layers through byte for byte', async () => {
    const layer = randomBytes(3 * 1024 * 1024 + 17);
    const archive = await tarOfFiles({
      'abc/layer.tar': layer,
      'cfg.json': '{"config":{}}',
      'manifest.json': JSON.stringify([{ Config: 'cfg.json', RepoTags: ['gentoo-wb-tmp/flatten-1:latest'], Layers: ['abc/layer.tar'] }]),
      repositories: JSON.stringify({ 'gentoo-wb-tmp/flatten-1': { latest: 'abc' } }),
    });
    // Small chunks exercise the streaming path.
    const chunks: Buffer[] = [];
    for (let i = 0; i < archive.length; i += 65536) chunks.push(archive.subarray(i, i + 65536));
    const files = await untar(retagArchive(Readable.from(chunks), ['gentoo-mini:1', 'registry.example:5000/team/gentoo-mini:latest']));
    expect(files.get('abc/layer.tar')?.equals(layer)).toBe(true);
    expect(files.get('cfg.json')?.toString()).toBe('{"config":{}}');
    expect(JSON.parse(files.get('manifest.json')?.toString() ?? '')).toEqual([{ Config: 'cfg.json', RepoTags: ['gentoo-mini:1', 'registry.example:5000/team/gentoo-mini:latest'], Layers: ['abc/layer.tar'] }]);
    expect(JSON.parse(files.get('repositories')?.toString() ?? '')).toEqual({ 'gentoo-mini': { 1: 'abc' }, 'registry.example:5000/team/gentoo-mini': { latest: 'abc' } });
  });

  it('renames OCI index entries (Docker 25+ save format)', async () => {
    const index = { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:1', size: 1, annotations: { 'io.containerd.image.name': 'docker.io/library/tmp:latest', 'org.opencontainers.image.ref.name': 'latest' } }] };
    const files = await untar(retagArchive(Readable.from([await tarOfFiles({ 'index.json': JSON.stringify(index) })]), ['gentoo-mini:1']));
    const out = JSON.parse(files.get('index.json')!.toString()) as typeof index;
    expect(out.manifests).toHaveLength(1);
    expect(out.manifests[0]?.annotations).toEqual({ 'io.containerd.image.name': 'gentoo-mini:1', 'org.opencontainers.image.ref.name': '1' });
    expect(out.manifests[0]?.digest).toBe('sha256:1');
  });

  it('fails when the source fails', async () => {
    const broken = new Readable({ read() { this.destroy(new Error('engine went away')); } });
    await expect(untar(retagArchive(broken, ['x:1']))).rejects.toThrow(/engine went away/);
  });
});
