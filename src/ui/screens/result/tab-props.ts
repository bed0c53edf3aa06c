// What the Result screen gives each of its tabs: the pane's size, whether the tab has the keys, and
// the footer entries of the screen the tab adds its own to.
import type { FooterItem } from '../../keys/key-router.js';

export interface TabProps {
  width: number;
  height: number;
  active: boolean;
  footer: Array<string | FooterItem>;
}
