// Text from outside (recipes, image labels and config, engine and registry messages, file names)
// made safe to print on a terminal: control characters are shown, never sent. An ESC in a label
// would otherwise start an escape sequence (OSC 0 renames the tmux pane, OSC 52 writes the
// clipboard, CSI moves the cursor over what was printed before).

export interface SanitizeOptions {
  /** Keep `\n` as a line break (multi-line messages); otherwise shown as `\n`. */
  newline?: boolean;
  /** Keep `\t`; otherwise shown as `\t`. */
  tab?: boolean;
}

// C0 controls, DEL, C1 controls; line/paragraph separators and the bidirectional overrides and
// isolates that reorder what a reader sees ("Trojan Source").
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/** How a character that must not reach the terminal is shown: `\x1b`, `\n`, `\u202e`. */
export function visibleControl(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Outside text, safe to print: every control character escaped visibly, except `\n`/`\t` when allowed. */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  return text.replace(UNSAFE, (c) => ((c === '\n' && options.newline) || (c === '\t' && options.tab) ? c : visibleControl(c)));
}

/** Multi-line outside text (messages, file contents): line breaks and tabs kept, the rest escaped. */
export function sanitizeLines(text: string): string {
  return sanitizeText(text, { newline: true, tab: true });
}
