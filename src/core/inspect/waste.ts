// Efficiency and wasted bytes as dive defines them: for every non-directory path, the smallest size
// it had in any layer against the sum of all its sizes over the layers (a removal by a whiteout or
// an opaque directory counts as size 0). One difference from dive, on purpose: a removed directory
// counts every file it held, where dive counts the directory once at the summed size — which never
// lowers dive's score however much a later `rm -rf` hid.
import type { PathHistory, Stack } from './layer-stack.js';

export interface WastedPath {
  path: string;
  /** How many layers wrote or removed it. */
  count: number;
  /** Sum of its sizes over the layers. */
  totalBytes: number;
}

export interface WasteReport {
  /** Σ smallest size per path / Σ size per path over all layers; 1 when nothing was ever written. */
  efficiency: number;
  /** dive's figure: the summed sizes of every path written or removed more than once. */
  wastedBytes: number;
  /** Bytes the layers hold that the final file system does not show (what flattening saves). */
  hiddenBytes: number;
  /** The paths behind `wastedBytes`, largest first (at most `limit`). */
  paths: WastedPath[];
}

/** Efficiency, wasted bytes and the worst paths of a stack. */
export function wasteOf(stack: Stack, limit = 200): WasteReport {
  let minimum = 0;
  let total = 0;
  let wasted = 0;
  const multiple: [string, PathHistory][] = [];
  for (const entry of stack.history) {
    const h = entry[1];
    minimum += h.min;
    total += h.total;
    if (h.count >= 2) {
      wasted += h.total;
      multiple.push(entry);
    }
  }
  multiple.sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  const hiddenBytes = stack.effects.reduce((sum, e) => sum + e.hiddenBytes, 0);
  return {
    efficiency: total === 0 ? 1 : minimum / total,
    wastedBytes: wasted,
    hiddenBytes,
    paths: multiple.slice(0, limit).map(([path, h]) => ({ path, count: h.count, totalBytes: h.total })),
  };
}
