// Read an image archive (`docker save` output, legacy or OCI layout) as it streams: each layer is
// scanned on the fly (file list, sizes, package database files), small JSON members are kept, and
// at the end the index says which scans are the layers and in which order. No layer is ever held
// in memory or written to disk.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { isVdbFile } from '../../core/inspect/package-db.js';
import type { LayerFiles } from '../../core/inspect/layer-types.js';
import { EngineError, toEngineError } from '../docker/errors.js';
import { ByteCounter, type ProgressListener } from '../docker/transfer.js';
import { configFacts, resolveArchiveIndex, type ArchiveLayout, type ConfigFacts } from './archive-index.js';
import { BlobSink } from './blob-sink.js';
import type { LayerScan } from './layer-scan.js';

export interface ImageArchive {
  layout: ArchiveLayout;
  /** sha256 of the config document: the image ID. */
  imageId: string;
  repoTags: string[];
  config: ConfigFacts;
  layers: LayerFiles[];
  /** Archive bytes read. */
  bytes: number;
}

export interface ReadArchiveOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Known archive size, for percentages. */
  totalBytes?: number | null;
  /** Which files to keep whole (default: the package database). */
  capture?: (path: string) => boolean;
}

const SMALL_JSON = 16 * 1024 * 1024;

function isLayerCandidate(name: string): boolean {
  return name.endsWith('/layer.tar') || name.startsWith('blobs/');
}

/** Read a whole image archive stream. */
export async function readImageArchive(source: Readable, options: ReadArchiveOptions = {}): Promise<ImageArchive> {
  const counter = new ByteCounter(options.totalBytes ?? null, options.onProgress);
  const extract = tar.extract();
  const json = new Map<string, Buffer>();
  const scans = new Map<string, Promise<LayerScan>>();
  const aliases = new Map<string, string>();
  const capture = options.capture ?? isVdbFile;

  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.\//, '');
    if (header.type === 'symlink' && isLayerCandidate(name)) {
      // Newer Docker writes repeated layers once and links the others to it.
      const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
      aliases.set(name, normaliseMember(`${dir}${header.linkname ?? ''}`));
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    if (isLayerCandidate(name)) {
      const sink = new BlobSink({ capture, forceLayer: name.endsWith('/layer.tar') });
      // JSON blobs (OCI manifests and configs) are kept by name; layers resolve to their scan.
      const scan = sink.content.then((c) => {
        if (c.kind === 'json') json.set(name, c.bytes);
        return c.kind === 'layer' ? c.scan : Promise.reject(new Error(`${name} is not a layer`));
      });
      scan.catch(() => undefined);
      scans.set(name, scan);
      const stopped = (err?: unknown) => next(err === undefined ? undefined : (err as Error));
      stream.on('error', (err: Error) => sink.destroy(err));
      sink.on('error', (err: Error) => stopped(err));
      sink.on('finish', () => stopped());
      stream.pipe(sink as unknown as NodeJS.WritableStream);
      return;
    }
    if ((header.size ?? 0) <= SMALL_JSON && (name.endsWith('.json') || name === 'repositories' || name === 'oci-layout')) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        json.set(name, Buffer.concat(chunks));
        next();
      });
      return;
    }
    stream.on('end', () => next());
    stream.resume();
  });

  try {
    await pipeline(source, counter, extract as unknown as NodeJS.WritableStream, { signal: options.signal });
  } catch (err) {
    source.destroy();
    const aborted = options.signal?.aborted === true;
    throw toEngineError(aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : err, { action: 'read the image archive' });
  }

  // Blob JSON (OCI manifests and configs) settles with its sink; wait for every member.
  await Promise.all([...scans.values()].map((p) => p.catch(() => undefined)));
  const index = resolveArchiveIndex(json);
  const configBytes = json.get(index.config);
  if (!configBytes) throw new EngineError('bad-request', `the image archive lacks its config ${index.config}`, 'save the image again; the archive may be truncated');
  const config = configFacts(JSON.parse(configBytes.toString('utf8')));
  const layers: LayerFiles[] = [];
  for (const [i, member] of index.layers.entries()) {
    const scan = scans.get(aliases.get(member) ?? member) ?? scans.get(member);
    if (!scan) throw new EngineError('bad-request', `the image archive lacks layer ${member}`, 'save the image again; the archive may be truncated');
    let read: LayerScan;
    try {
      read = await scan;
    } catch (err) {
      throw new EngineError('bad-request', `layer ${member} of the image archive could not be read: ${(err as Error).message}`, 'save the image again; the archive may be truncated');
    }
    const history = config.layerHistory[i];
    layers.push({ index: i, diffId: config.diffIds[i] ?? null, createdBy: history?.createdBy ?? '', created: history?.created ?? '', entries: read.entries, captured: read.captured });
  }
  return {
    layout: index.layout,
    imageId: `sha256:${createHash('sha256').update(configBytes).digest('hex')}`,
    repoTags: index.repoTags,
    config,
    layers,
    bytes: counter.bytes,
  };
}

function normaliseMember(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
