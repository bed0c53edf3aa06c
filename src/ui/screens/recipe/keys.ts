// The Recipe screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import type { KeyBinding } from '../../keys/key-binding.js';

export const RECIPE_KEYS = [
  { id: 'recipe.nextTab', keys: ['right'], label: 'next tab', help: 'next tab (Tab too): Packages USE package.use Keywords make.conf Mode Image Binaries', group: 'Recipe' },
  { id: 'recipe.prevTab', keys: ['left'], label: 'prev tab', help: 'previous tab (Shift-Tab too)', group: 'Recipe' },
  { id: 'recipe.add', keys: ['a'], label: 'add', help: 'add an atom, a package.use entry, a keywords line, a make.conf variable or a binhost', group: 'Recipe' },
  { id: 'recipe.delete', keys: ['d'], label: 'delete', help: 'remove the selected entry', group: 'Recipe' },
  { id: 'recipe.preset', keys: ['p'], label: 'preset', help: 'make.conf: next CFLAGS preset (-O2 -pipe, -march=native -O2 -pipe, -Os -pipe)', group: 'Recipe' },
  { id: 'recipe.sizing', keys: ['r'], label: 'sizing', help: 'make.conf: MAKEOPTS and emerge --jobs from the host checks\' sizing', group: 'Recipe' },
  { id: 'recipe.rename', keys: ['R'], label: 'rename', help: 'rename the recipe (the name images and builds are labelled with; the file keeps its path)', group: 'Recipe' },
  { id: 'recipe.open', keys: ['o'], label: 'open', help: 'open another recipe (asks first when this one has unsaved edits)', group: 'Recipe' },
] as const satisfies readonly KeyBinding[];
