// The Host screen's own keys; spliced into the one keymap in src/ui/keymap.ts.
import type { KeyBinding } from '../../keymap.js';

export const HOST_CHECK_KEYS: readonly KeyBinding[] = [
  { id: 'host.problemsOnly', keys: ['f'], label: 'problems', help: 'show only failures and warnings, or everything again', group: 'Host checks' },
  { id: 'host.rerun', keys: ['r'], label: 're-run', help: 'run the host checks again', group: 'Host checks' },
];
