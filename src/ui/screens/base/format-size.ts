// Byte counts for narrow panes: 1.98 MB, 431 MB, 1.2 GB (decimal, as docker prints them).
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** A short size text. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${UNITS[unit]}`;
}

/** "3 days ago" for an ISO date. */
export function formatAge(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return '?';
  const steps: [number, string][] = [[60, 's'], [60, 'min'], [24, 'h'], [30, 'd'], [12, 'mo'], [Infinity, 'y']];
  let value = seconds;
  for (const [size, name] of steps) {
    if (value < size) return `${value} ${name} ago`;
    value = Math.floor(value / size);
  }
  return '?';
}
