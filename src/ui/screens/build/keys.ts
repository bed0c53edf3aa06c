// The Build screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import type { KeyBinding } from '../../keys/key-binding.js';

export const BUILD_KEYS = [
  { id: 'build.start', keys: ['b'], label: 'build', help: 'build the open recipe (when no build runs)', group: 'Build' },
] as const satisfies readonly KeyBinding[];
