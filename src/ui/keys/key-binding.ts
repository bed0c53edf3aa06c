// What a key binding is. Screens declare their own bindings with this type (`as const`, so their
// command ids are literal types); src/ui/app/keymap.ts puts every list together into the one keymap.
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
