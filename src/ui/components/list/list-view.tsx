// Draws a useList state: one row per visible item with a focus marker (› or >) and bold/inverse
// for the selection, a position line when the list scrolls, and the filter line while one is set.
import React from 'react';
import { Box, Text } from 'ink';
import { sanitizeText } from '../../../core/format/sanitize.js';
import { useLook } from '../../theme/theme-context.js';
import { Tone } from '../tone.js';
import { SelectionText } from './selection-text.js';
import type { RowContext } from './row-context.js';
import type { ListState } from './use-list.js';

export interface ListViewProps<T> {
  list: ListState<T>;
  width: number;
  focused: boolean;
  /** Draw one row; a string is truncated to the width. */
  renderItem: (item: T, context: RowContext) => React.ReactNode;
  /** Shown when nothing is in the list (or nothing matches). */
  empty?: string;
}

export function ListView<T>({ list, width, focused, renderItem, empty = 'Nothing here.' }: ListViewProps<T>) {
  const { glyphs } = useLook();
  const rows = list.visible.slice(list.top, list.top + list.height);
  const contentWidth = Math.max(1, width - 2);
  const filterShown = list.filtering || list.query !== '';
  const status = filterShown
    ? `  ${list.visible.length} of ${list.items.length}`
    : list.visible.length > list.height
        ? `${list.top + 1}-${Math.min(list.visible.length, list.top + list.height)} of ${list.visible.length}  (/ filters)`
        : '';
  return (
    <Box flexDirection="column" width={width}>
      {rows.length === 0 ? (
        <Box height={1} width={width}>
          <Tone tone="muted">{list.query !== '' ? `Nothing matches "${list.query}". Esc clears the filter.` : empty}</Tone>
        </Box>
      ) : null}
      {rows.map((itemIndex, i) => {
        const isSelected = list.top + i === list.selected;
        const item = list.items[itemIndex]!;
        const content = renderItem(item, { selected: isSelected, focused, width: contentWidth });
        return (
          <Box key={itemIndex} height={1} width={width} overflow="hidden">
            <Box width={2} flexShrink={0}>
              <Text bold={isSelected}>{isSelected ? (focused ? glyphs.focus : glyphs.dot) : glyphs.unfocused}</Text>
            </Box>
            <Box width={contentWidth} overflow="hidden">
              {typeof content === 'string' ? (
                <SelectionText ctx={{ selected: isSelected, focused }} wrap="truncate-end">
                  {sanitizeText(content)}
                </SelectionText>
              ) : (
                content
              )}
            </Box>
          </Box>
        );
      })}
      {Array.from({ length: Math.max(0, list.height - Math.max(rows.length, 1)) }, (_, i) => (
        <Box key={`pad${i}`} height={1} />
      ))}
      <Box height={1} width={width} overflow="hidden">
        {filterShown ? (
          <>
            <Tone tone="accent" bold={list.filtering}>{`/${list.query}`}</Tone>
            {list.filtering ? <Text inverse> </Text> : null}
          </>
        ) : null}
        <Tone tone="muted">{status || ' '}</Tone>
      </Box>
    </Box>
  );
}
