// A list under one-line headings, filling its pane: the shape of the list tabs (Result's Packages and
// Diff, Recipe's Packages). Each heading is cut to one row; `children` are drawn under the list.
import React from 'react';
import { Box } from 'ink';
import { ListView, type ListViewProps } from './list-view.js';

export interface HeadedListProps<T> extends ListViewProps<T> {
  height: number;
  headings: React.ReactNode[];
  children?: React.ReactNode;
}

export function HeadedList<T>({ height, headings, children, ...view }: HeadedListProps<T>) {
  return (
    <Box flexDirection="column" width={view.width} height={height}>
      {headings.map((heading, i) => (
        <Box key={i} height={1} width={view.width} overflow="hidden">
          {heading}
        </Box>
      ))}
      <ListView {...view} />
      {children}
    </Box>
  );
}
