// State and keys of a windowed, filterable list: ↑↓ PgUp PgDn Home End move, `/` types a filter
// (Enter keeps it, Esc clears it), Enter and Space call the screen's choose and toggle. The keys are
// registered on the pane layer while the list is active, so the screen's own keys sit underneath.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCommands, type CommandHandlers, type FooterItem } from '../../keys/key-router.js';
import { editText, textInputState } from '../text-input/text-input-state.js';
import { useLatestState } from '../text-input/use-latest-state.js';
import { clampIndex, filterIndices, searchIndex, windowTop } from './list-model.js';

export interface UseListOptions<T> {
  /** Rows available for items. */
  height: number;
  /** Text the filter searches (name and description, say). */
  searchText: (item: T) => string;
  /** Keys are handled only while active (the focused pane). */
  active?: boolean;
  onChoose?: (item: T, index: number) => void;
  onToggle?: (item: T, index: number) => void;
  /** Footer entries the screen adds after the list's own. */
  footer?: Array<string | FooterItem>;
  /** Footer words for Enter and Space when "open" and "toggle" say too little ("use", "cycle"). */
  labels?: { choose?: string; toggle?: string };
  /** Which of the list's own keys the footer names (default all); the keys work either way. */
  footerKeys?: ReadonlyArray<'choose' | 'toggle' | 'search'>;
}

export interface ListState<T> {
  items: readonly T[];
  /** Indices into `items` that pass the filter. */
  visible: number[];
  /** Position in `visible`. */
  selected: number;
  selectedItem: T | undefined;
  top: number;
  height: number;
  query: string;
  /** The filter is being typed. */
  filtering: boolean;
  /** Select the visible row `i`. */
  select(i: number): void;
  clearFilter(): void;
}

/** Drive a list of `items`; render it with <ListView list={…} />. */
export function useList<T>(items: readonly T[], options: UseListOptions<T>): ListState<T> {
  const { height, active = true } = options;
  const searchTextRef = useRef(options.searchText);
  searchTextRef.current = options.searchText;
  const index = useMemo(() => searchIndex(items, (item) => searchTextRef.current(item)), [items]);
  const [query, latestQuery, setQuery] = useLatestState(() => textInputState(''));
  const [filtering, setFiltering] = useState(false);
  const [selectedRaw, setSelected] = useState(0);
  const [storedTop, setTop] = useState(0);
  const visible = useMemo(() => filterIndices(index, query.value), [index, query.value]);
  const selected = clampIndex(selectedRaw, visible.length);
  const top = windowTop(storedTop, selected, height, visible.length);
  useEffect(() => {
    if (top !== storedTop) setTop(top);
  }, [top, storedTop]);

  const current = items[visible[selected] ?? -1];

  const select = (i: number) => setSelected(clampIndex(i, visible.length));
  const move = (delta: number) => select(selected + delta);
  const setFilter = (next: typeof query) => {
    setQuery(next);
    setSelected(0);
    setTop(0);
  };
  const clearFilter = () => {
    setFilter(textInputState(''));
    setFiltering(false);
  };
  const chosen = (fn?: (item: T, index: number) => void) =>
    fn && current !== undefined ? () => fn(current, visible[selected]!) : undefined;

  const page = Math.max(1, height - 1);
  const moves: CommandHandlers = {
    'move.up': () => move(-1),
    'move.down': () => move(1),
    'move.pageUp': () => move(-page),
    'move.pageDown': () => move(page),
  };
  const handlers: CommandHandlers = {
    ...moves,
    'move.top': () => select(0),
    'move.bottom': () => select(visible.length - 1),
    'list.search': () => setFiltering(true),
    'item.choose': chosen(options.onChoose),
    'item.toggle': chosen(options.onToggle),
    'app.back': query.value !== '' ? clearFilter : undefined,
  };
  const shown = (key: 'choose' | 'toggle' | 'search') => options.footerKeys === undefined || options.footerKeys.includes(key);
  const footer: Array<string | FooterItem> = filtering
    ? [{ keys: 'Enter', label: 'keep filter' }, { keys: 'Esc', label: 'clear filter' }]
    : [
        ...(options.onChoose && shown('choose') ? [options.labels?.choose ? { keys: 'Enter', label: options.labels.choose } : 'item.choose'] : []),
        ...(options.onToggle && shown('toggle') ? [options.labels?.toggle ? { keys: 'Space', label: options.labels.toggle } : 'item.toggle'] : []),
        ...(shown('search') ? ['list.search'] : []),
        ...(query.value !== '' ? [{ keys: 'Esc', label: 'clear filter' }] : []),
        ...(options.footer ?? []),
      ];
  useCommands('pane', filtering ? moves : handlers, {
    active,
    footer,
    // While the filter is typed, every key edits it except the arrows (which still move).
    raw: filtering
      ? (key, input) => {
          if (key === 'enter') setFiltering(false);
          else if (key === 'escape') clearFilter();
          else {
            const next = editText(latestQuery(), key, input);
            if (next === null) return false;
            if (next.value !== latestQuery().value) setFilter(next);
            else setQuery(next);
          }
          return true;
        }
      : undefined,
  });

  return { items, visible, selected, selectedItem: current, top, height, query: query.value, filtering, select, clearFilter };
}
