// Does a string contain a colour escape? Bold, dim, inverse and the default-colour resets (39/49) are not colours.
const SGR = /\x1b\[([0-9;]*)m/g;

/** True when any SGR sequence in `text` sets a foreground or background colour. */
export function hasColour(text: string): boolean {
  for (const match of text.matchAll(SGR)) {
    const params = (match[1] ?? '').split(';').filter(Boolean).map(Number);
    for (const p of params) {
      if ((p >= 30 && p <= 38) || (p >= 40 && p <= 48) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107)) return true;
    }
  }
  return false;
}
