// The merge list: one row per package with a focus marker, status letters, package, version
// change, target ROOT (only when some package goes elsewhere than /), changed USE flags
// (highlighted) and download size; search matches are marked.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import { MARKER_WIDTH, rowCells, type ColumnWidths, type TableRow } from './table-model.js';

export interface MergeTableProps {
  rows: readonly TableRow[];
  widths: ColumnWidths;
  selected: number;
  top: number;
  focused: boolean;
  matches: ReadonlySet<number>;
  width: number;
  /** Rows including the header. */
  height: number;
  /** Shown instead of rows when there are none. */
  empty: string;
  /** Portage's totals and the forecast's, under the rows (one row each, taken from the rows given). */
  totals: readonly string[];
}

export function MergeTable({ rows, widths, selected, top, focused, matches, width, height, empty, totals }: MergeTableProps) {
  const { glyphs } = useLook();
  if (height <= 0) return null;
  const shownTotals = totals.filter(Boolean).slice(0, Math.max(0, height - 2));
  const body = Math.max(0, height - 1 - shownTotals.length);
  const range = rows.length > body ? ` ${top + 1}-${Math.min(rows.length, top + body)}/${rows.length}` : '';
  const header = `${' '.repeat(MARKER_WIDTH)}${widths.from > 0 ? `${'FROM'.padEnd(widths.from)} ` : ''}${'ST'.padEnd(widths.status)} ${'PACKAGE'.padEnd(widths.atom)} ${'VERSION'.padEnd(widths.version)} ${widths.root > 0 ? `${'ROOT'.padEnd(widths.root)} ` : ''}${'USE CHANGES'.slice(0, widths.use).padEnd(widths.use)}${'SIZE'.padStart(widths.size)}`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="title" bold={focused} underline={focused}>
          {header.slice(0, width - range.length)}
        </Tone>
        <Tone tone="muted">{range}</Tone>
      </Box>
      {rows.length === 0 ? (
        <Tone tone="muted">{`  ${empty}`}</Tone>
      ) : (
        rows.slice(top, top + body).map((row, i) => {
          const index = top + i;
          const isSelected = index === selected;
          const cells = rowCells(row, widths, glyphs);
          const blocker = row.pkg.kind === 'blocks' && !row.pkg.blocker?.satisfied;
          const marker = isSelected && focused ? glyphs.focus : matches.has(index) ? '*' : glyphs.unfocused;
          return (
            <Box key={index} height={1} width={width} overflow="hidden">
              <Text bold={isSelected}>{`${marker} `}</Text>
              {widths.from > 0 ? <Tone tone={row.forecast?.from === 'source' ? (row.forecast.reason && row.forecast.reason.kind !== 'missing' ? 'warn' : undefined) : 'pass'}>{`${cells.from} `}</Tone> : null}
              <Tone tone={blocker ? 'fail' : row.pkg.mask ? 'warn' : 'accent'} bold={isSelected}>{`${cells.status} `}</Tone>
              <Tone tone={matches.has(index) ? 'match' : undefined} inverse={isSelected && focused} bold={isSelected}>{cells.atom}</Tone>
              <Text> {cells.version} </Text>
              {widths.root > 0 ? <Tone tone={row.pkg.root === '/' ? 'muted' : 'info'}>{`${cells.root} `}</Tone> : null}
              <Tone tone={blocker ? 'fail' : 'changed'}>{cells.use}</Tone>
              <Tone tone="muted">{cells.size}</Tone>
            </Box>
          );
        })
      )}
      {shownTotals.map((line, i) => (
        <Box key={`total-${i}`} height={1} width={width} overflow="hidden">
          <Tone tone="muted">{`  ${line}`}</Tone>
        </Box>
      ))}
    </Box>
  );
}
