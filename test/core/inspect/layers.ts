// Layer descriptions for core tests: LayerFiles built directly (no tar), so stacking rules are
// tested on their own.
import { layerEntry } from '../../../src/core/inspect/layer-stack.js';
import type { LayerEntry, LayerFiles } from '../../../src/core/inspect/layer-types.js';

export type Item = [path: string, size: number] | [path: string, 'dir'] | [path: string, '->', target: string] | [path: string, 'wh'] | [path: string, 'opq'];

/** A layer from short items: ['/a', 10] file, ['/d', 'dir'], ['/l', '->', 't'], ['/x', 'wh'], ['/d', 'opq']. */
export function layer(index: number, items: Item[], captured: Record<string, string> = {}): LayerFiles {
  const entries: LayerEntry[] = items.map((item) => {
    const [path, second, third] = item;
    if (typeof second === 'number') return layerEntry(path, 'file', second, null);
    if (second === 'dir') return layerEntry(path, 'dir', 0, null);
    if (second === '->') return layerEntry(path, 'symlink', 0, third ?? '');
    if (second === 'wh') return { path, kind: 'whiteout', size: 0 };
    return { path, kind: 'opaque', size: 0 };
  });
  // Captured files are members of the layer like any other.
  for (const [path, text] of Object.entries(captured)) entries.push(layerEntry(path, 'file', Buffer.byteLength(text), null));
  return { index, diffId: `sha256:${String(index).padStart(64, '0')}`, createdBy: `step ${index}`, created: '', entries, captured: new Map(Object.entries(captured)) };
}

/** vdb files of one package as captured texts. */
export function vdbFiles(cpv: string, keys: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(keys).map(([k, v]) => [`/var/db/pkg/${cpv}/${k}`, v]));
}

export const md5 = '0123456789abcdef0123456789abcdef';

/** CONTENTS text with `obj` lines for files and `sym` lines for `[path, '->', target]`. */
export function contents(...items: (string | [string, string])[]): string {
  return items.map((i) => (typeof i === 'string' ? `obj ${i} ${md5} 1700000000` : `sym ${i[0]} -> ${i[1]} 1700000000`)).join('\n') + '\n';
}

export const FACTS = { id: 'sha256:feed', tags: ['example/app:1'], created: '2026-01-01T00:00:00Z', labels: {}, architecture: 'amd64', engineSize: null, entrypoint: [], cmd: [] };
