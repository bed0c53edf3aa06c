// Sizes, percentages and ncdu-style bars as the Result screen shows them (decimal units, like the
// docker CLI and `gentoo-wb images`).
import { fitEnd, fitStart } from '../../../core/format/fit.js';
import { sanitizeText } from '../../../core/format/sanitize.js';
import { humanSize, signedSize } from '../../../core/format/size.js';

/** 1.98 MB, 431 MB, 1.2 GB. */
export const bytes = humanSize;

/** +1.20 MB / -300 kB */
export const signedBytes = signedSize;

/** 0.982 → "98.2 %"; never "100.0 %" for less than all (0.99976 → "99.97 %"). */
export function percent(fraction: number): string {
  const p = fraction * 100;
  if (p < 100 && p >= 99.95) return `${(Math.floor(p * 100) / 100).toFixed(2)} %`;
  return `${p.toFixed(1)} %`;
}

/** Text cut to `width` with an ellipsis. */
export function fit(raw: string, width: number, ellipsis = '…'): string {
  // Tags, paths and messages come from the image and the engine: escaped before measuring.
  return fitEnd(sanitizeText(raw), width, ellipsis);
}

/** Text cut from the left (paths: the end matters most). */
export function fitLeft(raw: string, width: number, ellipsis = '…'): string {
  return fitStart(sanitizeText(raw), width, ellipsis);
}

/** A transfer line: "12.3 MB / 150 MB 8 %  45 MB/s". */
export function transferText(done: number, total: number | null, seconds: number): string {
  const rate = seconds > 0.05 ? `  ${bytes(done / seconds)}/s` : '';
  const amount = total ? `${bytes(done)} / ${bytes(total)} ${Math.min(100, Math.floor((done / total) * 100))} %` : bytes(done);
  return `${amount}${rate}`;
}
