// The selection's look in one place: the selected row's text is bold, and inverse while its list has
// the focus. ListView draws string rows with it; row renderers use it for their lead column.
import React from 'react';
import { Text, type TextProps } from 'ink';
import type { RowContext } from './row-context.js';

export interface SelectionTextProps {
  ctx: Pick<RowContext, 'selected' | 'focused'>;
  wrap?: TextProps['wrap'];
  children: React.ReactNode;
}

export function SelectionText({ ctx, wrap, children }: SelectionTextProps) {
  return (
    <Text inverse={ctx.selected && ctx.focused} bold={ctx.selected} wrap={wrap}>
      {children}
    </Text>
  );
}
