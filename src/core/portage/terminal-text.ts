// Terminal noise in captured emerge output: colour codes, cursor modes, xterm titles, spinner
// backspaces and carriage-return redraws. Every function here is linear in its input.

// CSI (colours, erase, DEC private modes), OSC (xterm title; BEL or ST terminated, or cut off),
// charset designations and the remaining two-character escapes.
const ESCAPE_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\^_]|\x1b/g;

/** Removes ANSI/VT escape sequences (colours, `\e[?25l`, `\e]0;title\a`, `\eE`). */
export function stripAnsi(text: string): string {
  return text.indexOf('\x1b') < 0 ? text : text.replace(ESCAPE_RE, '');
}

/** Applies backspaces the way a terminal shows them (each `\b` erases the character before it). */
export function applyBackspaces(text: string): string {
  if (text.indexOf('\b') < 0) return text;
  const out: string[] = [];
  for (const ch of text) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}

/**
 * Reduces one physical line to what a terminal finally shows: the last non-empty segment after a
 * carriage return wins (`Calculating dependencies \r… done!`), colour codes and backspaces removed.
 */
function cleanTerminalLine(raw: string): string {
  let line = raw;
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (line.indexOf('\x1b') >= 0) line = stripAnsi(line);
  if (line.indexOf('\r') >= 0) {
    const parts = line.split('\r');
    let chosen = '';
    for (let i = parts.length - 1; i >= 0; i--) {
      if ((parts[i] ?? '').trim() !== '') {
        chosen = parts[i] ?? '';
        break;
      }
    }
    line = chosen;
  }
  if (line.indexOf('\b') >= 0) line = applyBackspaces(line);
  return line;
}

/** Splits a whole capture into cleaned lines (`\n`, `\r\n` and the VT100 `\eE` end a line). */
export function splitTerminalLines(text: string): string[] {
  const normalised = text.indexOf('\x1bE') >= 0 ? text.replace(/\x1bE/g, '\n') : text;
  const lines = normalised.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map(cleanTerminalLine);
}
