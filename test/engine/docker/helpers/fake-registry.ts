// A minimal Docker Registry HTTP API v2 on 127.0.0.1 serving one image built in the test, so pulls
// run for real without reaching any outside registry. Blobs can be served slowly or stalled.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface FakeRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** Image ID the engine will report (the config digest). */
  configDigest: string;
  layerDigest: string;
  layerSize: number;
  close(): Promise<void>;
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Serve `repo:tag` whose single layer is `rootfsTar`; `stallBlobs` stops after half the layer. */
export async function startFakeRegistry(repo: string, tag: string, rootfsTar: Buffer, options: { stallBlobs?: boolean } = {}): Promise<FakeRegistry> {
  const layer = gzipSync(rootfsTar, { level: 1 });
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', created: '2026-01-01T00:00:00Z',
    config: { Cmd: ['/bin/sh'], Labels: { 'org.example.pulled': 'yes' } },
    rootfs: { type: 'layers', diff_ids: [sha(rootfsTar)] },
    history: [{ created: '2026-01-01T00:00:00Z', created_by: 'gentoo-wb test registry' }],
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha(config) },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha(layer) }],
  }));
  const blobs = new Map([[sha(config), config], [sha(layer), layer]]);
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
    if (url === '/v2/' || url === '/v2') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      return;
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/?]+)$/.exec(url);
    if (!m || m[1] !== repo) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}');
      return;
    }
    if (m[2] === 'manifests') {
      if (m[3] !== tag && m[3] !== sha(manifest)) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json', 'Docker-Content-Digest': sha(manifest), 'Content-Length': manifest.length });
      res.end(req.method === 'HEAD' ? undefined : manifest);
      return;
    }
    const blob = blobs.get(m[3] ?? '');
    if (!blob) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Docker-Content-Digest': m[3] ?? '', 'Content-Length': blob.length });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Served in slices with pauses so the engine reports download progress along the way.
    const slice = 256 * 1024;
    let offset = 0;
    const next = (): void => {
      if (res.destroyed) return;
      if (options.stallBlobs && blob === layer && offset >= blob.length / 2) return;
      if (offset >= blob.length) {
        res.end();
        return;
      }
      res.write(blob.subarray(offset, offset + slice));
      offset += slice;
      setTimeout(next, 15);
    };
    next();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    configDigest: sha(config),
    layerDigest: sha(layer),
    layerSize: layer.length,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
