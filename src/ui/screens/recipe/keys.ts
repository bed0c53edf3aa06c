// The Recipe screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import { keyTable } from '../../keys/key-binding.js';

export const RECIPE_KEYS = keyTable('Recipe', {
  'recipe.nextTab': ['right', 'next tab', 'next tab (Tab too): Packages USE package.use Keywords make.conf Mode Image Binaries'],
  'recipe.prevTab': ['left', 'prev tab', 'previous tab (Shift-Tab too)'],
  'recipe.add': ['a', 'add', 'add an atom, a package.use entry, a keywords line, a make.conf variable or a binhost'],
  'recipe.delete': ['d', 'delete', 'remove the selected entry'],
  'recipe.preset': ['p', 'preset', 'make.conf: next CFLAGS preset (-O2 -pipe, -march=native -O2 -pipe, -Os -pipe)'],
  'recipe.sizing': ['r', 'sizing', 'make.conf: MAKEOPTS and emerge --jobs from the host checks\' sizing'],
  'recipe.rename': ['R', 'rename', 'rename the recipe (the name images and builds are labelled with; the file keeps its path)'],
  'recipe.open': ['o', 'open', 'open another recipe (asks first when this one has unsaved edits)'],
});
