// Sizes and ages the way the docker CLI prints them: decimal units (1.98 MB, 431 MB, 1.2 GB) and
// "3 minutes ago". One place, so the CLI and every screen agree.
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 1.98 MB, 431 MB, 1.2 GB; "?" for nonsense. */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit] ?? ''}`;
}

/** +1.20 MB / -300 kB */
export function signedSize(bytes: number): string {
  return `${bytes >= 0 ? '+' : '-'}${humanSize(Math.abs(bytes))}`;
}

const LONG_AGE: [number, string][] = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
const SHORT_AGE: [number, string][] = [[60, 's'], [60, 'min'], [24, 'h'], [30, 'd'], [12, 'mo'], [Infinity, 'y']];

/** "3 minutes ago" (or "3 min ago" with `short`) for an ISO date. */
export function humanAge(iso: string, now = Date.now(), short = false): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return '?';
  let value = seconds;
  for (const [size, name] of short ? SHORT_AGE : LONG_AGE) {
    if (value < size) return short ? `${value} ${name} ago` : `${value} ${name}${value === 1 ? '' : 's'} ago`;
    value = Math.floor(value / size);
  }
  return '?';
}
