// What a key binding is, and the one form key tables are written in: each screen states its own keys
// with `keyTable` (so their command ids are literal types); src/ui/app/keymap.ts puts every table together
// into the one keymap.
export type KeyGroup = 'Global' | 'Move' | 'Steps' | 'Lists' | 'Logs' | 'Host checks' | 'Base' | 'Recipe' | 'Pretend' | 'Build' | 'Result';

export interface KeyBinding {
  /** Stable command id handlers register under. */
  id: string;
  keys: readonly string[];
  /** Short word for the footer. */
  label: string;
  /** One line for the help overlay. */
  help: string;
  /** Help section. */
  group: KeyGroup;
}

/** One row of a key table: the key names separated by spaces (the space bar is `space`), the footer word, the help line. */
export type KeyRow = readonly [keys: string, label: string, help: string];

/** The bindings of one help section from `{ 'command.id': [keys, label, help] }` rows, in row order. */
export function keyTable<const Rows extends Record<string, KeyRow>>(group: KeyGroup, rows: Rows): ReadonlyArray<KeyBinding & { readonly id: keyof Rows & string }> {
  return Object.entries(rows).map(([id, [keys, label, help]]) => ({ id, keys: keys.split(' '), label, help, group }));
}
