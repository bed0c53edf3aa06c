// A proportion drawn as a row of cells: "####......" (ASCII glyphs) or "███░░░░".

/** A bar of `width` cells filled to `fraction` (clamped to 0..1; not a number: empty). */
export function bar(fraction: number, width: number, full: string, empty: string): string {
  const f = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  const filled = Math.round(f * width);
  return full.repeat(filled) + empty.repeat(Math.max(0, width - filled));
}
