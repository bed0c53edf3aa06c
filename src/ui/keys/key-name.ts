// Turns Ink's (input, key) pair into one name the keymap uses: "q", "G", "ctrl+c", "shift+tab",
// "up", "pagedown", "enter", "escape", "space", "backspace"…
import type { Key } from 'ink';

type KeyFlags = Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'shift' | 'tab' | 'backspace' | 'delete' | 'meta'>;

/** The keymap's name for a key press, or null for input we ignore (pastes, unknown sequences). */
export function keyName(input: string, key: KeyFlags): string | null {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  // Most terminals send DEL (0x7f) for Backspace; Ink calls it "delete".
  if (key.backspace || key.delete) return 'backspace';
  if (key.escape) return 'escape';
  if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  if (input.length === 1 && !key.meta) return input;
  return null;
}

/** The key name of one character taken out of a burst of input, or null for one we ignore. */
export function charKeyName(ch: string): string | null {
  if (ch === '\t') return 'tab';
  if (ch === '\r' || ch === '\n') return 'enter';
  if (ch === '\x7f' || ch === '\b') return 'backspace';
  if (ch === ' ') return 'space';
  const code = ch.charCodeAt(0);
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  if (code < 32) return null;
  return ch;
}

/** How a key name is shown in the footer and help. */
export function keyLabel(name: string): string {
  const labels: Record<string, string> = {
    up: '↑', down: '↓', left: '←', right: '→', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End',
    enter: 'Enter', escape: 'Esc', tab: 'Tab', 'shift+tab': 'S-Tab', backspace: 'Bksp', space: 'Space',
  };
  if (labels[name]) return labels[name];
  if (name.startsWith('ctrl+')) return `^${name.slice(5).toUpperCase()}`;
  return name;
}

/** ASCII-only labels for terminals without Unicode. */
export function keyLabelAscii(name: string): string {
  const ascii: Record<string, string> = { up: 'Up', down: 'Dn', left: 'Left', right: 'Right' };
  return ascii[name] ?? keyLabel(name);
}
