// Times and numbers as the build pane shows them: short, fixed-width where it helps the columns.

/** Seconds as m:ss, or h:mm:ss from an hour on. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Portage's three load averages, or "?" when it printed `unknown`. */
export function formatLoad(load: readonly [number, number, number] | null): string {
  return load ? load.map((n) => n.toFixed(2)).join(' ') : '?';
}
