// Renames the image inside a `docker save` archive while it streams to disk: only the small index
// files (manifest.json, repositories, index.json) are rewritten; layers pass through untouched.
// Used by `export --flatten`, whose one-layer image exists in the engine only under a temporary name.
import { PassThrough, type Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { parseImageRef } from './image-ref.js';

const INDEX_FILES = new Set(['manifest.json', 'repositories', 'index.json']);
const MAX_INDEX_BYTES = 16 * 1024 * 1024;

/** Rewrite one index file so the archive names `newTags` instead of whatever it named. */
function retagIndexFile(name: string, content: Buffer, newTags: string[]): Buffer {
  const json: unknown = JSON.parse(content.toString('utf8'));
  if (name === 'manifest.json' && Array.isArray(json)) {
    for (const entry of json) if (typeof entry === 'object' && entry !== null) (entry as Record<string, unknown>).RepoTags = newTags;
    return Buffer.from(JSON.stringify(json));
  }
  if (name === 'repositories' && typeof json === 'object' && json !== null) {
    const ids = Object.values(json as Record<string, Record<string, string>>).flatMap((tags) => Object.values(tags));
    const id = ids[0];
    const out: Record<string, Record<string, string>> = {};
    if (id !== undefined) {
      for (const ref of newTags) {
        const { repo, tag } = parseImageRef(ref);
        (out[repo] ??= {})[tag ?? 'latest'] = id;
      }
    }
    return Buffer.from(JSON.stringify(out));
  }
  if (name === 'index.json' && typeof json === 'object' && json !== null) {
    const index = json as { manifests?: Record<string, unknown>[] };
    const first = index.manifests?.[0];
    if (first) {
      // OCI layout (Docker 25+): one manifest entry per name, annotated with it.
      index.manifests = newTags.map((ref) => ({
        ...first,
        annotations: {
          ...((first.annotations as Record<string, string> | undefined) ?? {}),
          'io.containerd.image.name': ref,
          'org.opencontainers.image.ref.name': parseImageRef(ref).tag ?? 'latest',
        },
      }));
    }
    return Buffer.from(JSON.stringify(index));
  }
  return content;
}

/** The same archive as `source`, naming `newTags`; errors on either side end both. */
export function retagArchive(source: Readable, newTags: string[]): Readable {
  const extract = tar.extract();
  const pack = tar.pack();
  extract.on('entry', (header, stream, next) => {
    if (header.type === 'file' && INDEX_FILES.has(header.name) && (header.size ?? 0) <= MAX_INDEX_BYTES) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('error', next);
      stream.on('end', () => {
        let body: Buffer;
        try {
          body = retagIndexFile(header.name, Buffer.concat(chunks), newTags);
        } catch (err) {
          next(err as Error);
          return;
        }
        pack.entry({ ...header, size: body.length }, body, next);
      });
      return;
    }
    // Layers stream straight through; tar-stream waits for each entry before reading on.
    const sink = pack.entry(header, next);
    // When the consumer gives up, the pack is destroyed and this pipe ends with PREMATURE_CLOSE;
    // that failure already reaches the caller through the destroyed output, so it is not rethrown here.
    stream.on('error', () => undefined);
    sink.on('error', () => undefined);
    stream.pipe(sink);
  });
  extract.on('finish', () => pack.finalize());
  extract.on('error', (err: Error) => pack.destroy(err));
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract as unknown as NodeJS.WritableStream);
  // A plain Node stream outside, fed from tar-stream's streamx pack with backpressure, so the
  // consumer (pipeline) sees ordinary stream semantics when it fails or is cancelled.
  const out = new PassThrough();
  pack.on('data', (chunk: unknown) => {
    if (!out.write(chunk as Buffer)) {
      pack.pause();
      out.once('drain', () => pack.resume());
    }
  });
  pack.on('end', () => out.end());
  pack.on('error', (err: Error) => out.destroy(err));
  out.on('close', () => {
    if (out.writableFinished) return;
    pack.destroy();
    extract.destroy();
    source.destroy();
  });
  return out;
}
