// The Result screen's own keys; src/ui/app/keymap.ts splices them into the one keymap. Tabs use the global
// Tab / Shift-Tab (pane.next / pane.prev), lists the global moves, `/` filters.
import type { KeyBinding } from '../../keys/key-binding.js';

export const RESULT_KEYS = [
  { id: 'result.tag', keys: ['t'], label: 'tag', help: 'tag the image (several tags: separate them with spaces)', group: 'Result' },
  { id: 'result.export', keys: ['e'], label: 'export', help: 'export as a docker save archive (.tar, .tar.gz, .tar.zst) with the recipe, a Dockerfile and an SBOM beside it', group: 'Result' },
  { id: 'result.flatten', keys: ['f'], label: 'flatten', help: 'export flattened to one layer (same config), with the files beside it', group: 'Result' },
  { id: 'result.sort', keys: ['s'], label: 'sort', help: 'sort by size, name or file count (layers: by position or size)', group: 'Result' },
  { id: 'result.diffWith', keys: ['d'], label: 'diff with', help: 'Diff tab: compare with the base image, the previous build of the recipe, or another image', group: 'Result' },
  { id: 'result.image', keys: ['i'], label: 'image', help: 'inspect another image (results of gentoo-wb builds first, a shows all)', group: 'Result' },
  { id: 'result.expand', keys: ['right', 'l'], label: 'expand', help: 'Directories: open the directory (Enter toggles)', group: 'Result' },
  { id: 'result.collapse', keys: ['left'], label: 'collapse', help: 'Directories: close the directory, or go to its parent', group: 'Result' },
  { id: 'result.reload', keys: ['r'], label: 're-read', help: 'read the image again (after a failure, or when it changed)', group: 'Result' },
  { id: 'result.allImages', keys: ['a'], label: 'all images', help: 'image list: show every local image, or only build results', group: 'Result' },
] as const satisfies readonly KeyBinding[];
