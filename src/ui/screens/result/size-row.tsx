// One row of a Result list (Packages, Layers, Diff): a fixed lead column in the selection's look, an
// optional share-of-the-image bar and fixed columns after it, then whatever may be cut at the edge.
import React from 'react';
import { Box } from 'ink';
import { bar } from '../../../core/format/bar.js';
import type { RowContext } from '../../components/list/row-context.js';
import { SelectionText } from '../../components/list/selection-text.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';

/** Cells of the share bar. */
const BAR_WIDTH = 10;

export interface SizeRowProps {
  ctx: RowContext;
  lead: string;
  /** The row's share of the whole (0..1), drawn as a bar after the lead; none: no bar. */
  share?: number;
  /** Fixed columns after the bar. */
  columns?: React.ReactNode;
  /** The rest of the row, drawn in what is left. */
  children?: React.ReactNode;
}

export function SizeRow({ ctx, lead, share, columns, children }: SizeRowProps) {
  const { glyphs } = useLook();
  return (
    <Box width={ctx.width} overflow="hidden">
      <Box flexShrink={0}>
        <SelectionText ctx={ctx}>{lead}</SelectionText>
        {share === undefined ? null : <Tone tone="progress">{bar(share, BAR_WIDTH, glyphs.barFull, glyphs.barEmpty)}</Tone>}
        {columns}
      </Box>
      {children}
    </Box>
  );
}
