// The one keymap: every command, its keys and its words. The footer, the help overlay and the key
// router all read this table, so what the screen says and what the keys do cannot drift apart.
import { HOST_CHECK_KEYS } from './screens/host-checks/keys.js';
import { BASE_KEYS } from './screens/base/keys.js';
import { RECIPE_KEYS } from './screens/recipe/keys.js';
import { BUILD_KEYS } from './screens/build/keys.js';
import { PRETEND_KEYS } from './screens/pretend/keys.js';
import { RESULT_KEYS } from './screens/result/keys.js';
export interface KeyBinding {
  /** Stable command id handlers register under. */
  id: string;
  keys: string[];
  /** Short word for the footer. */
  label: string;
  /** One line for the help overlay. */
  help: string;
  /** Help section. */
  group: 'Global' | 'Move' | 'Steps' | 'Lists' | 'Logs' | 'Host checks' | 'Base' | 'Recipe' | 'Pretend' | 'Build' | 'Result';
}

/** The help section of each step's own keys: `?` shows it first. */
export const STEP_HELP_GROUP: Record<'host' | 'base' | 'recipe' | 'pretend' | 'build' | 'result', KeyBinding['group']> = {
  host: 'Host checks', base: 'Base', recipe: 'Recipe', pretend: 'Pretend', build: 'Build', result: 'Result',
};

const GLOBAL_KEYS: readonly KeyBinding[] = [
  { id: 'app.help', keys: ['?'], label: 'help', help: 'show this help', group: 'Global' },
  { id: 'app.quit', keys: ['q', 'ctrl+c'], label: 'quit', help: 'quit; a running build keeps running (asks first)', group: 'Global' },
  { id: 'app.back', keys: ['escape', 'backspace', 'h'], label: 'back', help: 'back / close (h and Backspace too: Esc is slow under tmux)', group: 'Global' },
  { id: 'step.goto', keys: ['1', '2', '3', '4', '5', '6'], label: 'step', help: 'go to a step: Host Base Recipe Pretend Build Result', group: 'Steps' },
  { id: 'step.next', keys: [']'], label: 'next step', help: 'next step', group: 'Steps' },
  { id: 'step.prev', keys: ['['], label: 'prev step', help: 'previous step', group: 'Steps' },
  { id: 'pane.next', keys: ['tab'], label: 'pane', help: 'next pane', group: 'Move' },
  { id: 'pane.prev', keys: ['shift+tab'], label: 'pane', help: 'previous pane', group: 'Move' },
  { id: 'move.up', keys: ['up', 'k'], label: 'up', help: 'move up', group: 'Move' },
  { id: 'move.down', keys: ['down', 'j'], label: 'down', help: 'move down', group: 'Move' },
  { id: 'move.pageUp', keys: ['pageup', 'ctrl+u'], label: 'page up', help: 'page up', group: 'Move' },
  { id: 'move.pageDown', keys: ['pagedown', 'ctrl+d'], label: 'page down', help: 'page down', group: 'Move' },
  { id: 'move.top', keys: ['home', 'g'], label: 'top', help: 'go to the top', group: 'Move' },
  { id: 'move.bottom', keys: ['end', 'G'], label: 'bottom', help: 'go to the bottom (resumes follow in logs)', group: 'Move' },
  { id: 'item.choose', keys: ['enter'], label: 'open', help: 'choose / open the selected item', group: 'Lists' },
  { id: 'item.toggle', keys: ['space'], label: 'toggle', help: 'toggle the selected item', group: 'Lists' },
  { id: 'list.search', keys: ['/'], label: 'search', help: 'search (then n / N for next / previous match)', group: 'Lists' },
  { id: 'list.nextMatch', keys: ['n'], label: 'next', help: 'next match', group: 'Lists' },
  { id: 'list.prevMatch', keys: ['N'], label: 'prev', help: 'previous match', group: 'Lists' },
  { id: 'pane.maximise', keys: ['+'], label: 'max', help: 'maximise the focused pane', group: 'Move' },
  { id: 'pane.restore', keys: ['_'], label: 'restore', help: 'restore the pane layout', group: 'Move' },
  { id: 'action.save', keys: ['s'], label: 'save', help: 'save (the log, the report) to a file', group: 'Logs' },
  { id: 'action.wrap', keys: ['w'], label: 'wrap', help: 'wrap long lines', group: 'Logs' },
  { id: 'action.copy', keys: ['c'], label: 'copy', help: 'copy to the clipboard (OSC 52: works over SSH)', group: 'Logs' },
  { id: 'action.pager', keys: ['o'], label: 'pager', help: 'open the full log in $PAGER', group: 'Logs' },
];

/** Every binding of the app: the global ones, then each screen's (screens add theirs here). */
export const KEYMAP: readonly KeyBinding[] = [...GLOBAL_KEYS, ...HOST_CHECK_KEYS, ...BASE_KEYS, ...RECIPE_KEYS, ...BUILD_KEYS, ...PRETEND_KEYS, ...RESULT_KEYS];

const byKey = new Map<string, string[]>();
for (const binding of KEYMAP) {
  for (const key of binding.keys) byKey.set(key, [...(byKey.get(key) ?? []), binding.id]);
}
const byId = new Map(KEYMAP.map((b) => [b.id, b]));

/** Command ids bound to a key name, in table order. */
export function commandsForKey(key: string): string[] {
  return byKey.get(key) ?? [];
}

/** The binding of a command id; throws on typos so they fail in tests, not in front of users. */
export function binding(id: string): KeyBinding {
  const found = byId.get(id);
  if (!found) throw new Error(`keymap has no command "${id}"`);
  return found;
}
