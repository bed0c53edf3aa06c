// Sizes, percentages and ncdu-style bars as the Result screen shows them (decimal units, like the
// docker CLI and `gentoo-wb images`).

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 1.98 MB, 431 MB, 1.2 GB. */
export function bytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '?';
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit] ?? ''}`;
}

/** +1.20 MB / -300 kB */
export function signedBytes(n: number): string {
  return `${n >= 0 ? '+' : '-'}${bytes(Math.abs(n))}`;
}

/** 0.982 → "98.2 %"; never "100.0 %" for less than all (0.99976 → "99.97 %"). */
export function percent(fraction: number): string {
  const p = fraction * 100;
  if (p < 100 && p >= 99.95) return `${(Math.floor(p * 100) / 100).toFixed(2)} %`;
  return `${p.toFixed(1)} %`;
}

/** A bar of `width` cells filled to `fraction`, e.g. "####......" (ASCII) or "███░░░░". */
export function bar(fraction: number, width: number, full: string, empty: string): string {
  const f = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  const filled = Math.round(f * width);
  return full.repeat(filled) + empty.repeat(Math.max(0, width - filled));
}

/** Text cut to `width` with an ellipsis. */
export function fit(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - ellipsis.length))}${ellipsis}`;
}

/** Text cut from the left (paths: the end matters most). */
export function fitLeft(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${ellipsis}${text.slice(text.length - Math.max(0, width - ellipsis.length))}`;
}

/** A transfer line: "12.3 MB / 150 MB 8 %  45 MB/s". */
export function transferText(done: number, total: number | null, seconds: number): string {
  const rate = seconds > 0.05 ? `  ${bytes(done / seconds)}/s` : '';
  const amount = total ? `${bytes(done)} / ${bytes(total)} ${Math.min(100, Math.floor((done / total) * 100))} %` : bytes(done);
  return `${amount}${rate}`;
}
