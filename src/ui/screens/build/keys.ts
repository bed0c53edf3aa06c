// The Build screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import type { KeyBinding } from '../../keys/key-binding.js';

export const BUILD_KEYS = [
  { id: 'build.start', keys: ['b'], label: 'build', help: 'build the open recipe (when no build runs); in the farm setup, start the farm', group: 'Build' },
  { id: 'build.farm', keys: ['f'], label: 'farm', help: 'farm: several recipes on several engines at once, one shared binhost (shows the farm while one runs or after it ended; there, a new farm)', group: 'Build' },
] as const satisfies readonly KeyBinding[];
