// The first frame, drawn the moment the workbench starts: loading Ink, React and the screens takes
// a few hundred milliseconds (seconds on a loaded build box), and a blank terminal for that long
// reads as a hang. The frame is the step bar the app itself draws first, in plain text (inverse
// marks the current step without colour), and one line saying what is happening.
import { STEPS, type StepId } from '../app/steps.js';

const INVERSE = '\x1b[7m';
const INVERSE_OFF = '\x1b[27m';

/** The step bar and a status line, as terminal text for an 80+ column screen. */
export function firstFrameText(current: StepId, focusGlyph: string, columns: number): string {
  const labels = STEPS.map((step) => {
    const label = `${step.id === current ? focusGlyph : ' '}${step.number} ${step.title} `;
    return step.id === current ? `${INVERSE}${label}${INVERSE_OFF}` : label;
  });
  const plainWidth = STEPS.reduce((n, s) => n + `${s.number} ${s.title} `.length + 1, 0);
  const brand = ' gentoo-wb';
  const gap = columns - plainWidth - brand.length;
  const bar = labels.join('') + (gap >= 0 ? `${' '.repeat(gap)}${brand}` : '');
  // Ends with a new line: the frame Ink draws next starts on a line of its own in any log of the output.
  return `${bar}\r\nStarting the workbench…\r\n`;
}
