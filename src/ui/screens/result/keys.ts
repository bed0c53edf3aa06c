// The Result screen's own keys; src/ui/app/keymap.ts splices them into the one keymap. Tabs use the global
// Tab / Shift-Tab (pane.next / pane.prev), lists the global moves, `/` filters.
import { keyTable } from '../../keys/key-binding.js';

export const RESULT_KEYS = keyTable('Result', {
  'result.tag': ['t', 'tag', 'tag the image (several tags: separate them with spaces)'],
  'result.export': ['e', 'export', 'export as a docker save archive (.tar, .tar.gz, .tar.zst) with the recipe, a Dockerfile and an SBOM beside it'],
  'result.flatten': ['f', 'flatten', 'export flattened to one layer (same config), with the files beside it'],
  'result.sort': ['s', 'sort', 'sort by size, name or file count (layers: by position or size)'],
  'result.diffWith': ['d', 'diff with', 'Diff tab: compare with the base image, the previous build of the recipe, or another image'],
  'result.image': ['i', 'image', 'inspect another image (results of gentoo-wb builds first, a shows all)'],
  'result.expand': ['right l', 'expand', 'Directories: open the directory (Enter toggles)'],
  'result.collapse': ['left', 'collapse', 'Directories: close the directory, or go to its parent'],
  'result.reload': ['r', 're-read', 'read the image again (after a failure, or when it changed)'],
  'result.allImages': ['a', 'all images', 'image list: show every local image, or only build results'],
});
