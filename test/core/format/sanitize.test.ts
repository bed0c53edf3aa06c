// Outside text made safe to print: escape sequences (OSC 0 title, OSC 52 clipboard, CSI) shown, not sent.
import { describe, expect, it } from 'vitest';
import { sanitizeLines, sanitizeText, visibleControl } from '../../../src/core/format/sanitize.js';
import { formatProblem } from '../../../src/core/recipe/recipe-problems.js';

const OSC_TITLE = '\u001b]0;pwned\u0007';
const OSC_52 = '\u001b]52;c;cm0gLXJmIH4K\u001b\\';

describe('sanitizeText', () => {
  it('shows C0, DEL, C1 and bidi controls as escapes; leaves printable text alone', () => {
    expect(sanitizeText(`a${OSC_TITLE}b`)).toBe('a\\x1b]0;pwned\\x07b');
    expect(sanitizeText(OSC_52)).toBe('\\x1b]52;c;cm0gLXJmIH4K\\x1b\\');
    expect(sanitizeText('\u009b2J \u007f \u202e')).toBe('\\x9b2J \\x7f \\u202e');
    expect(sanitizeText('line\nnext\ttab\r')).toBe('line\\nnext\\ttab\\r');
    expect(sanitizeText('ünïcødé — fine')).toBe('ünïcødé — fine');
    expect(visibleControl('\u0000')).toBe('\\x00');
  });

  it('keeps line breaks and tabs only when the caller allows them', () => {
    expect(sanitizeLines('a\n\tb\u001b[2Jc\r')).toBe('a\n\tb\\x1b[2Jc\\r');
  });

  it('recipe problems are printed safe', () => {
    expect(formatProblem({ field: `image.labels.${OSC_TITLE}`, problem: OSC_52 })).not.toMatch(/\u001b|\u0007/);
  });
});
