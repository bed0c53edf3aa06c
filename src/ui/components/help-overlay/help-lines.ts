// The help text as lines, generated from the keymap (so it always matches the keys): the current
// screen's keys first, then the ones that work everywhere; descriptions wrap under their text.
import { wrapLine } from '../../../core/format/wrap.js';
import type { KeyBinding, KeyGroup } from '../../keys/key-binding.js';

export interface HelpLine {
  kind: 'heading' | 'binding' | 'blank';
  text: string;
  /** Empty on a description's continuation rows. */
  keys?: string;
}

/** Sections every screen has, after the screen's own. */
const COMMON_GROUPS: KeyGroup[] = ['Global', 'Steps', 'Move', 'Lists', 'Logs'];

/** Columns the key names take before the descriptions. */
export const HELP_KEY_WIDTH = 18;

/**
 * Help lines of `bindings`: `screen`'s own section first (other screens' are left out), then the common
 * ones. `label` renders key names; descriptions wrap at `width`.
 */
export function helpLines(bindings: readonly KeyBinding[], label: (key: string) => string, screen: KeyGroup | null = null, width = 80): HelpLine[] {
  const groups = [...(screen && !COMMON_GROUPS.includes(screen) ? [screen] : []), ...COMMON_GROUPS];
  const room = Math.max(10, width - HELP_KEY_WIDTH - 1);
  const lines: HelpLine[] = [];
  for (const group of groups) {
    const inGroup = bindings.filter((b) => b.group === group);
    if (inGroup.length === 0) continue;
    if (lines.length > 0) lines.push({ kind: 'blank', text: '' });
    lines.push({ kind: 'heading', text: group === screen ? `${group} (this screen)` : group });
    for (const b of inGroup) {
      wrapLine(b.help, room).forEach((text, i) => lines.push({ kind: 'binding', keys: i === 0 ? b.keys.map(label).join(' ') : '', text }));
    }
  }
  return lines;
}
