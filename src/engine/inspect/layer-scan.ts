// One layer tar read as it streams: every entry's path, kind and size, and the few small files worth
// keeping whole (the package database). Bodies of everything else are skipped, never buffered, so a
// layer of any size costs memory only for its file list.
import type { Writable } from 'node:stream';
import { layerEntry } from '../../core/inspect/layer-stack.js';
import { normalizeTarPath, type LayerEntry } from '../../core/inspect/layer-types.js';
import { TarHeaderReader } from './tar-headers.js';

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

/** A writable that takes a layer tar and resolves `result` once the whole tar was read. */
export function scanLayer(options: ScanOptions = {}): { sink: Writable; result: Promise<LayerScan> } {
  const entries: LayerEntry[] = [];
  const captured = new Map<string, string>();
  const capture = options.capture ?? (() => false);
  const maxCapture = options.maxCaptureBytes ?? 8 * 1024 * 1024;
  const reader = new TarHeaderReader({
    onEntry(header) {
      const path = normalizeTarPath(header.name);
      entries.push(layerEntry(path, header.type, header.size, header.linkname || null));
      return header.type === 'file' && header.size > 0 && header.size <= maxCapture && capture(path);
    },
    onBody(header, body) {
      captured.set(normalizeTarPath(header.name), body.toString('utf8'));
    },
  });
  const result = new Promise<LayerScan>((resolve, reject) => {
    reader.on('finish', () => resolve({ entries, captured }));
    reader.on('error', reject);
  });
  // Rejections are read by whoever awaits `result`; an unawaited one must not crash the process.
  result.catch(() => undefined);
  return { sink: reader, result };
}
