// xterm cell colours → colour strings Ink's <Text> understands: the 16 ANSI colours by name (so the
// user's terminal palette applies), the 256-colour palette as ansi256(n), true colour as #rrggbb.
const ANSI_NAMES = [
  'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white',
  'gray', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright',
] as const;

/** Ink colour for a palette index (0-255). */
function paletteColour(index: number): string {
  return index >= 0 && index < ANSI_NAMES.length ? ANSI_NAMES[index]! : `ansi256(${index & 255})`;
}

/** Ink colour for a 24-bit 0xRRGGBB value. */
function rgbColour(value: number): string {
  return `#${(value & 0xffffff).toString(16).padStart(6, '0')}`;
}

/** What a cell's colour needs from xterm's IBufferCell (foreground or background side). */
export interface ColourSide {
  isDefault: boolean;
  isRgb: boolean;
  value: number;
}

/** Ink colour for one side of a cell, undefined for the terminal's default. */
export function cellColour(side: ColourSide): string | undefined {
  if (side.isDefault) return undefined;
  return side.isRgb ? rgbColour(side.value) : paletteColour(side.value);
}
