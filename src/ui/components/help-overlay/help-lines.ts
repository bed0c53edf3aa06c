// The help text as lines, generated from the keymap (so it always matches the keys).
import { KEYMAP, type KeyBinding } from '../../keymap.js';

export interface HelpLine {
  kind: 'heading' | 'binding' | 'blank';
  text: string;
  keys?: string;
}

const GROUP_ORDER: KeyBinding['group'][] = ['Global', 'Steps', 'Move', 'Lists', 'Logs', 'Host checks', 'Base', 'Recipe', 'Pretend', 'Build', 'Result'];

/** Help lines grouped by section; `label` renders key names. */
export function helpLines(label: (key: string) => string): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const group of GROUP_ORDER) {
    const bindings = KEYMAP.filter((b) => b.group === group);
    if (bindings.length === 0) continue;
    if (lines.length > 0) lines.push({ kind: 'blank', text: '' });
    lines.push({ kind: 'heading', text: group });
    for (const b of bindings) lines.push({ kind: 'binding', keys: b.keys.map(label).join(' '), text: b.help });
  }
  return lines;
}
