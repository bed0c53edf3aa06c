// Text cut to a column width with an ellipsis: at the end (names), or at the start (paths and
// versions, where the end matters most). Lengths are UTF-16 units: callers pass plain text.

/** `text` cut to `width` at the end, with `ellipsis` when cut. */
export function fitEnd(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return `${text.slice(0, Math.max(0, width - ellipsis.length))}${ellipsis}`;
}

/** `text` cut at the start, with `ellipsis` when cut. */
export function fitStart(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return `${ellipsis}${text.slice(text.length - Math.max(0, width - ellipsis.length))}`;
}
