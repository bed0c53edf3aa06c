// Turns the engine's pull messages into typed per-layer events and a running byte total. Pure.
import type { JsonMessage } from './json-messages.js';

export type LayerPhase =
  | 'waiting' | 'downloading' | 'verifying' | 'downloaded' | 'extracting' | 'complete' | 'exists' | 'other';

export type PullEvent =
  | { kind: 'layer'; layer: string; phase: LayerPhase; status: string; current: number | null; total: number | null }
  | { kind: 'status'; message: string };

const PHASES: [RegExp, LayerPhase][] = [
  [/^(waiting|pulling fs layer)/i, 'waiting'],
  [/^downloading/i, 'downloading'],
  [/^verifying checksum/i, 'verifying'],
  [/^download complete/i, 'downloaded'],
  [/^extracting/i, 'extracting'],
  [/^pull complete/i, 'complete'],
  [/^already exists/i, 'exists'],
];

/** One message → one event (or null for empty keep-alives). */
export function pullEventOf(msg: JsonMessage): PullEvent | null {
  const status = (msg.status ?? msg.stream ?? '').trim();
  if (status === '') return null;
  // Layer messages carry a short layer ID; "Pulling from x" carries the tag as id, so require hex.
  if (msg.id && /^[0-9a-f]{12,64}$/.test(msg.id)) {
    const phase = PHASES.find(([re]) => re.test(status))?.[1] ?? 'other';
    const current = msg.progressDetail?.current ?? null;
    const total = msg.progressDetail?.total ?? null;
    return { kind: 'layer', layer: msg.id, phase, status, current, total };
  }
  return { kind: 'status', message: msg.id ? `${msg.id}: ${status}` : status };
}

export interface LayerProgress { phase: LayerPhase; downloaded: number; size: number | null }

/** Keeps the latest state of every layer, for a progress bar over the whole pull. */
export class PullProgress {
  readonly layers = new Map<string, LayerProgress>();

  /** Fold an event in. */
  apply(event: PullEvent): void {
    if (event.kind !== 'layer') return;
    const layer = this.layers.get(event.layer) ?? { phase: event.phase, downloaded: 0, size: null };
    layer.phase = event.phase;
    if (event.phase === 'downloading') {
      if (event.current !== null) layer.downloaded = event.current;
      if (event.total !== null && event.total > 0) layer.size = event.total;
    }
    if ((event.phase === 'downloaded' || event.phase === 'extracting' || event.phase === 'complete') && layer.size !== null) layer.downloaded = layer.size;
    this.layers.set(event.layer, layer);
  }

  /** Bytes downloaded and the known total over all layers (null while some sizes are unknown). */
  totals(): { downloaded: number; total: number | null; layers: number; done: number } {
    let downloaded = 0;
    let total = 0;
    let unknown = false;
    let done = 0;
    for (const l of this.layers.values()) {
      downloaded += l.downloaded;
      if (l.phase === 'complete' || l.phase === 'exists') done++;
      if (l.phase === 'exists') continue;
      if (l.size === null) unknown = true;
      else total += l.size;
    }
    return { downloaded, total: unknown ? null : total, layers: this.layers.size, done };
  }
}
