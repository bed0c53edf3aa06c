// State and keys of the Directories tab: expand/collapse (Enter, → ←), moves, sort, and a `/`
// filter that lists matching paths; Enter on a match opens the tree down to it.
import { useMemo, useState } from 'react';
import type { DirNode } from '../../../../core/inspect/dir-tree.js';
import { useCommands, type CommandHandlers, type FooterItem } from '../../../keys/key-router.js';
import { editText, textInputState, type TextInputState } from '../../../components/text-input/text-input-state.js';
import { ancestors, matchingRows, treeRows, TREE_SORTS, type TreeRow, type TreeSort } from './tree-rows.js';

export interface TreeState {
  rows: TreeRow[];
  /** Matches in all (the list shows at most the first 5,000). */
  matches: number | null;
  selected: number;
  top: number;
  height: number;
  sort: TreeSort;
  expanded: ReadonlySet<string>;
  query: string;
  filtering: boolean;
}

function clamp(i: number, n: number): number {
  return n === 0 ? 0 : Math.max(0, Math.min(i, n - 1));
}

function windowTop(top: number, selected: number, height: number, total: number): number {
  let next = top;
  if (selected < next) next = selected;
  if (selected >= next + height) next = selected - height + 1;
  return Math.max(0, Math.min(next, Math.max(0, total - height)));
}

/** Drive the tree of `root` in a window of `height` rows. */
export function useTree(root: DirNode, options: { height: number; active: boolean; footer: Array<string | FooterItem> }): TreeState {
  const { height, active } = options;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [sort, setSort] = useState<TreeSort>('size');
  const [selectedRaw, setSelected] = useState(0);
  const [storedTop, setTop] = useState(0);
  const [query, setQuery] = useState<TextInputState>(textInputState(''));
  const [filtering, setFiltering] = useState(false);

  const tree = useMemo(() => treeRows(root, expanded, sort), [root, expanded, sort]);
  const filtered = useMemo(() => (query.value === '' ? null : matchingRows(root, query.value)), [root, query.value]);
  const rows = filtered?.rows ?? tree;
  const selected = clamp(selectedRaw, rows.length);
  const top = windowTop(storedTop, selected, height, rows.length);
  if (top !== storedTop) setTop(top);
  const current = rows[selected];

  const select = (i: number) => setSelected(clamp(i, rows.length));
  const setOpen = (path: string, open: boolean) => {
    setExpanded((prev) => {
      if (prev.has(path) === open) return prev;
      const next = new Set(prev);
      if (open) next.add(path);
      else next.delete(path);
      return next;
    });
  };
  const clearFilter = () => {
    setQuery(textInputState(''));
    setFiltering(false);
  };
  /** Leave the filter and show `node` in the tree, its parents opened. */
  const reveal = (node: DirNode) => {
    const open = new Set(expanded);
    for (const a of ancestors(node.path)) open.add(a);
    const nextRows = treeRows(root, open, sort);
    setExpanded(open);
    clearFilter();
    setSelected(Math.max(0, nextRows.findIndex((r) => r.node.path === node.path)));
  };
  const page = Math.max(1, height - 1);
  const moves: CommandHandlers = {
    'move.up': () => select(selected - 1),
    'move.down': () => select(selected + 1),
    'move.pageUp': () => select(selected - page),
    'move.pageDown': () => select(selected + page),
    'move.top': () => select(0),
    'move.bottom': () => select(rows.length - 1),
  };
  const handlers: CommandHandlers = {
    ...moves,
    'item.choose': () => {
      if (!current) return;
      if (filtered) reveal(current.node);
      else if (current.node.children) setOpen(current.node.path, !expanded.has(current.node.path));
    },
    'result.expand': () => {
      if (!current?.node.children || filtered) return;
      if (!expanded.has(current.node.path)) setOpen(current.node.path, true);
      else if (current.node.children.length > 0) select(selected + 1);
    },
    'result.collapse': () => {
      if (!current || filtered) return;
      if (current.node.children && expanded.has(current.node.path)) {
        setOpen(current.node.path, false);
        return;
      }
      for (let i = selected - 1; i >= 0; i--) {
        if (rows[i]!.depth < current.depth) {
          select(i);
          return;
        }
      }
    },
    'result.sort': () => {
      const next = TREE_SORTS[(TREE_SORTS.indexOf(sort) + 1) % TREE_SORTS.length]!;
      setSort(next);
      // The selection stays on the same path in the new order.
      if (current && !filtered) setSelected(Math.max(0, treeRows(root, expanded, next).findIndex((r) => r.node.path === current.node.path)));
    },
    'list.search': () => setFiltering(true),
    'app.back': query.value !== '' ? clearFilter : undefined,
  };
  // Two registrations (browsing, typing a filter), each with its own fixed footer.
  useCommands('pane', handlers, {
    active: active && !filtering && !filtered,
    footer: [{ keys: 'Enter/→←', label: 'open/close' }, { keys: '/', label: 'filter' }, 'result.sort', ...options.footer],
  });
  useCommands('pane', handlers, {
    active: active && !filtering && filtered !== null,
    footer: [{ keys: 'Enter', label: 'show in tree' }, { keys: 'Esc', label: 'clear filter' }, { keys: '/', label: 'filter' }, ...options.footer],
  });
  useCommands('pane', moves, {
    active: active && filtering,
    footer: [{ keys: 'Enter', label: 'keep filter' }, { keys: 'Esc', label: 'clear filter' }],
    raw: (key, input) => {
      if (key === 'enter') setFiltering(false);
      else if (key === 'escape') clearFilter();
      else {
        const next = editText(query, key, input);
        if (next === null) return false;
        setQuery(next);
        if (next.value !== query.value) {
          setSelected(0);
          setTop(0);
        }
      }
      return true;
    },
  });
  return { rows, matches: filtered?.total ?? null, selected, top, height, sort, expanded, query: query.value, filtering };
}
