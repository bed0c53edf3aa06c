// The Base screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import { keyTable } from '../../keys/key-binding.js';

export const BASE_KEYS = keyTable('Base', {
  'base.pull': ['p', 'pull', 'pull the selected image from the registry (per-layer progress; Esc cancels)'],
  'base.import': ['i', 'import', 'import a stage3 (or any root file system) tarball and tag it'],
  'base.dated': ['t', 'tag', 'type a stage3 tag, e.g. a dated one (amd64-openrc-20260420), to pull and use'],
  'base.arch': ['a', 'arch', 'show the stage3 catalogue of another architecture'],
  'base.refresh': ['r', 'refresh', 'list local images again; on the Engine section, ask the engines again'],
});
