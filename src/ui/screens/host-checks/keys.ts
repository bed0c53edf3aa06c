// The Host screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import type { KeyBinding } from '../../keys/key-binding.js';

export const HOST_CHECK_KEYS = [
  { id: 'host.problemsOnly', keys: ['f'], label: 'problems', help: 'show only failures and warnings, or everything again', group: 'Host checks' },
  { id: 'host.rerun', keys: ['r'], label: 're-run', help: 'run the host checks again', group: 'Host checks' },
] as const satisfies readonly KeyBinding[];
