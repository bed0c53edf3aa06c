// A real OCI image layout: `podman save --format oci-archive` (index.json, gzip-compressed layer
// blobs) read by the archive reader, against podman's own image ID and the files put in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInspection } from '../../../src/core/inspect/inspection.js';
import { readImageArchive } from '../../../src/engine/inspect/read-archive.js';
import { podmanAvailability } from '../../helpers/podman.js';
import { layerTar } from './helpers/archive-builder.js';

const podman = podmanAvailability();
const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-podman-oci-'));
afterAll(() => {
  // Only this test's private store is touched.
  if (podman.available) spawnSync('podman', [...store(), 'rmi', '--all', '--force'], { stdio: 'ignore', timeout: 60_000 });
  rmSync(dir, { recursive: true, force: true });
});

function store(): string[] {
  return ['--root', path.join(dir, 'store'), '--runroot', path.join(dir, 'run'), '--storage-driver', 'vfs'];
}

function podmanRun(args: string[]): string {
  const r = spawnSync('podman', [...store(), ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`podman ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe.runIf(podman.available)('podman save --format oci-archive', () => {
  it('reads the OCI layout with its gzip layer: image ID, files and sizes', async () => {
    const rootfs = path.join(dir, 'rootfs.tar');
    writeFileSync(rootfs, await layerTar([{ dir: 'etc' }, { file: 'etc/hello', content: 'hi\n' }, { dir: 'usr' }, { dir: 'usr/bin' }, { file: 'usr/bin/tool', size: 70_000 }, { symlink: 'usr/bin/t', target: 'tool' }]));
    const id = podmanRun(['import', '--quiet', rootfs, 'gwb-test/oci:1']);
    const out = path.join(dir, 'oci.tar');
    podmanRun(['save', '--quiet', '--format', 'oci-archive', '-o', out, 'gwb-test/oci:1']);
    const archive = await readImageArchive(Readable.from([readFileSync(out)]));
    expect(archive.layout).toBe('oci');
    expect(archive.imageId).toBe(id.startsWith('sha256:') ? id : `sha256:${id}`);
    expect(archive.layers).toHaveLength(1);
    const ins = buildInspection({
      image: { id: archive.imageId, tags: [], created: '', labels: {}, architecture: '', engineSize: null, entrypoint: [], cmd: [] },
      layers: archive.layers, base: null, recordedDb: null, build: null,
    });
    expect(ins.size).toBe(3 + 70_000 + 4);
    expect(ins.files).toBe(3);
  });
});
