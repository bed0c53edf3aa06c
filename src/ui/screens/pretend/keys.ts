// The Pretend screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import { keyTable } from '../../keys/key-binding.js';

export const PRETEND_KEYS = keyTable('Pretend', {
  'pretend.apply': ['a', 'apply', "write Portage's requested USE/keyword/unmask/licence changes into the recipe and re-run"],
  'pretend.rerun': ['r', 're-run', 'run emerge --pretend again (Esc cancels a run)'],
  'pretend.tree': ['t', 'tree', 'show the dependency tree (emerge --tree) or the merge order, and re-run'],
});
