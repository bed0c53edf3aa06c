// After a build on an engine other than the shared binhost's: the packages it compiled go from that
// engine's cache volume into the served cache, through the Docker API only (GET archive from a
// helper container holding the volume there, only the packages' files kept, PUT archive into a helper
// container holding the served volume), then Portage's own `emaint binhost --fix` rewrites the
// served Packages index (with FEATURES=pkgdir-index-trusted Portage reads the index, not the folder).
import { pipeline } from 'node:stream/promises';
import type Dockerode from 'dockerode';
import * as tar from 'tar-stream';
import { binpkgMatcher } from '../../core/farm/binpkg-paths.js';
import { gentooWbLabels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { PKGDIR, refreshIndex } from '../binhost/serve-binhost.js';
import { dialJson, dialStream } from '../docker/dial.js';
import { toEngineError } from '../docker/errors.js';
import { createContainer, removeContainerSurely } from '../docker/index.js';

export interface CacheSide {
  docker: Dockerode;
  /** The binary package cache volume. */
  volume: string;
  /** An image there for the helper container (never started). */
  image: string;
}

export interface Published {
  files: number;
  bytes: number;
  seconds: number;
}

/** A created, never started container with the cache volume at PKGDIR: what the archive calls act on. */
async function holder(side: CacheSide, readOnly: boolean): Promise<string> {
  return createContainer(side.docker, {
    image: side.image,
    cmd: ['true'],
    mounts: [{ kind: 'volume', name: side.volume, target: PKGDIR, readOnly }],
    network: 'none',
    labels: gentooWbLabels({ version: appVersion(), role: 'probe' }),
  });
}

/** Copy the binary packages of `cpvs` from one cache to the served one and reindex it. */
export async function publishPackages(from: CacheSide, to: CacheSide, cpvs: readonly string[], signal?: AbortSignal): Promise<Published> {
  const started = performance.now();
  const wanted = binpkgMatcher(cpvs);
  const top = `${PKGDIR.split('/').pop()!}/`;
  let files = 0;
  let bytes = 0;
  const source = await holder(from, true);
  let target: string | null = null;
  try {
    target = await holder(to, false);
    const res = await dialStream(from.docker, { method: 'GET', path: `/containers/${source}/archive`, query: { path: PKGDIR }, ok: [200], signal }).catch((err: unknown) => {
      throw toEngineError(err, { action: `read the binary package cache ${from.volume}` });
    });
    const extract = tar.extract();
    const pack = tar.pack();
    const put = dialJson(to.docker, {
      method: 'PUT', path: `/containers/${target}/archive`, query: { path: PKGDIR.slice(0, PKGDIR.lastIndexOf('/')) },
      file: pack as unknown as NodeJS.ReadableStream, headers: { 'Content-Type': 'application/x-tar' }, ok: [200], signal,
    }).catch((err: unknown) => {
      throw toEngineError(err, { action: `write into the served binary package cache ${to.volume}` });
    });
    put.catch(() => undefined);
    const copy = (async () => {
      res.pipe(extract as unknown as NodeJS.WritableStream);
      res.on('error', (err: Error) => extract.destroy(err));
      for await (const entry of extract) {
        const name = entry.header.name;
        const relative = name.startsWith(top) ? name.slice(top.length) : name;
        if (relative === '' || !wanted(relative)) {
          entry.resume();
          continue;
        }
        if (entry.header.type !== 'file') {
          pack.entry(entry.header);
          entry.resume();
          continue;
        }
        files += 1;
        bytes += entry.header.size ?? 0;
        await pipeline(entry, pack.entry(entry.header) as unknown as NodeJS.WritableStream);
      }
      pack.finalize();
    })().catch((err: unknown) => {
      // The upload must not wait for an archive that will never end.
      pack.destroy(err as Error);
      throw err;
    });
    await Promise.all([copy, put]);
    if (files > 0) await refreshIndex(to.docker, to.image, to.volume);
  } finally {
    await removeContainerSurely(from.docker, source);
    if (target !== null) await removeContainerSurely(to.docker, target);
  }
  return { files, bytes, seconds: (performance.now() - started) / 1000 };
}
