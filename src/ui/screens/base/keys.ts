// The Base screen's own keys; src/ui/app/keymap.ts splices them into the one keymap.
import type { KeyBinding } from '../../keys/key-binding.js';

export const BASE_KEYS = [
  { id: 'base.pull', keys: ['p'], label: 'pull', help: 'pull the selected image from the registry (per-layer progress; Esc cancels)', group: 'Base' },
  { id: 'base.import', keys: ['i'], label: 'import', help: 'import a stage3 (or any root file system) tarball and tag it', group: 'Base' },
  { id: 'base.dated', keys: ['t'], label: 'tag', help: 'type a stage3 tag, e.g. a dated one (amd64-openrc-20260420), to pull and use', group: 'Base' },
  { id: 'base.arch', keys: ['a'], label: 'arch', help: 'show the stage3 catalogue of another architecture', group: 'Base' },
  { id: 'base.refresh', keys: ['r'], label: 'refresh', help: 'list local images again; on the Engine section, ask the engines again', group: 'Base' },
] as const satisfies readonly KeyBinding[];
