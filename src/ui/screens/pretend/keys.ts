// The Pretend screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import type { KeyBinding } from '../../keys/key-binding.js';

export const PRETEND_KEYS = [
  { id: 'pretend.apply', keys: ['a'], label: 'apply', help: "write Portage's requested USE/keyword/unmask/licence changes into the recipe and re-run", group: 'Pretend' },
  { id: 'pretend.rerun', keys: ['r'], label: 're-run', help: 'run emerge --pretend again (Esc cancels a run)', group: 'Pretend' },
  { id: 'pretend.tree', keys: ['t'], label: 'tree', help: 'show the dependency tree (emerge --tree) or the merge order, and re-run', group: 'Pretend' },
] as const satisfies readonly KeyBinding[];
