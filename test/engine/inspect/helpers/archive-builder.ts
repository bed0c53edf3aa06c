// Synthetic image archives for the reader's tests: layer tars from a short description (files,
// directories, symlinks, whiteouts, opaque markers) and whole archives in Docker's legacy layout or
// the OCI image layout, so overwrites and deletions have exactly known sizes.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { packTar } from '../../../helpers/tar-entries.js';

export type LayerItem =
  | { file: string; size?: number; content?: string }
  | { dir: string }
  | { symlink: string; target: string }
  | { whiteout: string }
  | { opaque: string };

/** A layer tar: whiteouts become `.wh.` members, opaque markers `.wh..wh..opq`. */
export function layerTar(items: LayerItem[]): Promise<Buffer> {
  const mtime = new Date('2026-01-01T00:00:00Z');
  return packTar((pack) => {
    for (const item of items) {
      if ('file' in item) {
        const body = item.content !== undefined ? Buffer.from(item.content) : Buffer.alloc(item.size ?? 0, 0x61);
        pack.entry({ name: item.file, type: 'file', mode: 0o644, size: body.length, mtime }, body);
      } else if ('dir' in item) pack.entry({ name: `${item.dir}/`, type: 'directory', mode: 0o755, mtime });
      else if ('symlink' in item) pack.entry({ name: item.symlink, type: 'symlink', linkname: item.target, mode: 0o777, mtime });
      else if ('whiteout' in item) {
        const slash = item.whiteout.lastIndexOf('/');
        const name = `${item.whiteout.slice(0, slash + 1)}.wh.${item.whiteout.slice(slash + 1)}`;
        pack.entry({ name, type: 'file', mode: 0o644, size: 0, mtime }, Buffer.alloc(0));
      } else pack.entry({ name: `${item.opaque}/.wh..wh..opq`, type: 'file', mode: 0o644, size: 0, mtime }, Buffer.alloc(0));
    }
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface ArchiveSpec {
  layers: Buffer[];
  createdBy?: string[];
  tag?: string;
  labels?: Record<string, string>;
  /** Gzip the layer blobs (OCI only). */
  gzipLayers?: boolean;
}

function configFor(spec: ArchiveSpec): Buffer {
  return Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', created: '2026-01-01T00:00:00Z',
    config: { Labels: spec.labels ?? {}, Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: spec.layers.map((l) => `sha256:${sha(l)}`) },
    history: [
      { created: '2026-01-01T00:00:00Z', created_by: 'ENV A=1', empty_layer: true },
      ...spec.layers.map((_, i) => ({ created: '2026-01-01T00:00:00Z', created_by: spec.createdBy?.[i] ?? `layer ${i}` })),
    ],
  }));
}

/** The image ID the archive's config gives. */
export function imageIdOf(spec: ArchiveSpec): string {
  return `sha256:${sha(configFor(spec))}`;
}

/** Docker's legacy `docker save` layout: `<dir>/layer.tar`, `<id>.json`, manifest.json last. */
export function legacyArchive(spec: ArchiveSpec): Promise<Buffer> {
  const config = configFor(spec);
  const configName = `${sha(config)}.json`;
  const dirs = spec.layers.map((l, i) => sha(Buffer.concat([l, Buffer.from(String(i))])));
  return packTar((pack) => {
    spec.layers.forEach((layer, i) => {
      pack.entry({ name: `${dirs[i]}/`, type: 'directory', mode: 0o755 });
      pack.entry({ name: `${dirs[i]}/VERSION`, type: 'file' }, '1.0');
      pack.entry({ name: `${dirs[i]}/layer.tar`, type: 'file', size: layer.length }, layer);
    });
    pack.entry({ name: configName, type: 'file' }, config);
    pack.entry({ name: 'manifest.json', type: 'file' }, JSON.stringify([{ Config: configName, RepoTags: spec.tag ? [spec.tag] : null, Layers: dirs.map((d) => `${d}/layer.tar`) }]));
  });
}

/** The OCI image layout: blobs first, then index.json (no legacy manifest.json). */
export function ociArchive(spec: ArchiveSpec): Promise<Buffer> {
  const config = configFor(spec);
  const blobs = spec.layers.map((l) => (spec.gzipLayers ? gzipSync(l) : l));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha(config)}`, size: config.length },
    layers: blobs.map((b) => ({ mediaType: spec.gzipLayers ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${sha(b)}`, size: b.length })),
  }));
  const index = {
    schemaVersion: 2,
    manifests: [{
      mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha(manifest)}`, size: manifest.length,
      annotations: spec.tag ? { 'io.containerd.image.name': spec.tag } : {},
    }],
  };
  return packTar((pack) => {
    pack.entry({ name: 'blobs/', type: 'directory' });
    pack.entry({ name: 'blobs/sha256/', type: 'directory' });
    const written = new Set<string>();
    for (const blob of [manifest, ...blobs, config]) {
      const name = `blobs/sha256/${sha(blob)}`;
      if (written.has(name)) continue;
      written.add(name);
      pack.entry({ name, type: 'file', size: blob.length }, blob);
    }
    pack.entry({ name: 'oci-layout', type: 'file' }, '{"imageLayoutVersion":"1.0.0"}');
    pack.entry({ name: 'index.json', type: 'file' }, JSON.stringify(index));
  });
}
