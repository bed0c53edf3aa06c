// The Build screen's own keys; spliced into the one keymap in src/ui/keymap.ts.
import type { KeyBinding } from '../../keymap.js';

export const BUILD_KEYS: readonly KeyBinding[] = [
  { id: 'build.start', keys: ['b'], label: 'build', help: 'build the open recipe (when no build runs)', group: 'Build' },
];
