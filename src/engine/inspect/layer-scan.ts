// One layer tar read as it streams: every entry's path, kind and size, and the few small files worth
// keeping whole (the package database). Bodies of everything else are skipped, never buffered, so a
// layer of any size costs memory only for its file list.
import type { Writable } from 'node:stream';
import * as tar from 'tar-stream';
import { layerEntry } from '../../core/inspect/layer-stack.js';
import { normalizeTarPath, type LayerEntry } from '../../core/inspect/layer-types.js';

export interface LayerScan {
  entries: LayerEntry[];
  captured: Map<string, string>;
}

export interface ScanOptions {
  /** Keep this file's text (absolute path)? */
  capture?: (path: string) => boolean;
  /** Files larger than this are never kept (a damaged vdb must not fill memory). */
  maxCaptureBytes?: number;
}

type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

function typeOf(header: tar.Header): EntryType {
  switch (header.type as tar.Header['type'] | null | undefined) {
    case 'file':
    case 'contiguous-file':
    case null:
    case undefined:
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** A writable that takes a layer tar and resolves `result` once the whole tar was read. */
export function scanLayer(options: ScanOptions = {}): { sink: Writable; result: Promise<LayerScan> } {
  const extract = tar.extract();
  const entries: LayerEntry[] = [];
  const captured = new Map<string, string>();
  const capture = options.capture ?? (() => false);
  const maxCapture = options.maxCaptureBytes ?? 8 * 1024 * 1024;
  extract.on('entry', (header, stream, next) => {
    const path = normalizeTarPath(header.name);
    const type = typeOf(header);
    const size = header.size ?? 0;
    entries.push(layerEntry(path, type, size, header.linkname ?? null));
    if (type === 'file' && size > 0 && size <= maxCapture && capture(path)) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        captured.set(path, Buffer.concat(chunks).toString('utf8'));
        next();
      });
      return;
    }
    stream.on('end', () => next());
    stream.resume();
  });
  const result = new Promise<LayerScan>((resolve, reject) => {
    extract.on('finish', () => resolve({ entries, captured }));
    extract.on('error', reject);
  });
  // Rejections are read by whoever awaits `result`; an unawaited one must not crash the process.
  result.catch(() => undefined);
  return { sink: extract as unknown as Writable, result };
}
