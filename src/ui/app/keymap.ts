// The one keymap: every command, its keys and its words. The footer, the help overlay and the key
// router all read this table, so what the screen says and what the keys do cannot drift apart.
import { GLOBAL_KEYS } from '../keys/global-keys.js';
import type { KeyBinding, KeyGroup } from '../keys/key-binding.js';
import { makeKeymap, type Keymap } from '../keys/keymap.js';
import { HOST_CHECK_KEYS } from '../screens/host-checks/keys.js';
import { BASE_KEYS } from '../screens/base/keys.js';
import { RECIPE_KEYS } from '../screens/recipe/keys.js';
import { BUILD_KEYS } from '../screens/build/keys.js';
import { PRETEND_KEYS } from '../screens/pretend/keys.js';
import { RESULT_KEYS } from '../screens/result/keys.js';
import type { StepId } from './steps.js';

/** Every binding of the app: the global ones, then each screen's. */
const KEYMAP = [...GLOBAL_KEYS, ...HOST_CHECK_KEYS, ...BASE_KEYS, ...RECIPE_KEYS, ...BUILD_KEYS, ...PRETEND_KEYS, ...RESULT_KEYS] as const;

/** Every command id of the app: a mistyped id in `useCommands` or a footer fails to compile. */
export type CommandId = (typeof KEYMAP)[number]['id'];

/** The app's keymap; its bindings carry `CommandId`s. */
export const APP_KEYMAP: Keymap<KeyBinding & { readonly id: CommandId }> = makeKeymap(KEYMAP);

/** The help section of each step's own keys: `?` shows it first. */
export const STEP_HELP_GROUP: Record<StepId, KeyGroup> = {
  host: 'Host checks', base: 'Base', recipe: 'Recipe', pretend: 'Pretend', build: 'Build', result: 'Result',
};
