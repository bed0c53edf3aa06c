// One row per running (and failed) package: atom, phase, elapsed, an ETA bar from past builds.
// The first row stands for the whole build output. The row whose log is shown is bold; while this
// pane has focus the selected row carries the focus marker and is inverse.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import { bar, formatDuration } from './format.js';
import type { PackageRow, PackageRowOf } from './package-rows-model.js';

export interface PackageRowsProps {
  rows: readonly PackageRow[];
  selected: number;
  top: number;
  height: number;
  width: number;
  focused: boolean;
  /** Key of the row whose log is shown. */
  shown: string;
  /** Lines of output so far, for the first row. */
  outputLines: number;
}

const PHASE_WIDTH = 10;
const TIME_WIDTH = 8;
const BAR_WIDTH = 10;
const ETA_WIDTH = 8;

function PackageCells({ row, width, highlight, bold }: { row: PackageRowOf; width: number; highlight: boolean; bold: boolean }) {
  const { glyphs } = useLook();
  const mark = row.state === 'failed' ? glyphs.fail : row.state === 'done' ? glyphs.pass : row.state === 'dropped' ? glyphs.warn : ' ';
  const phase = row.state === 'failed' ? 'failed' : row.state === 'done' ? 'merged' : row.state === 'dropped' ? 'dropped' : row.state === 'installing' ? 'merge' : (row.phase ?? 'start');
  const time = row.elapsed === null ? '' : formatDuration(row.elapsed);
  const running = row.fraction !== null;
  const eta = row.left === null ? '' : row.left >= 0 ? `~${formatDuration(row.left)}` : `+${formatDuration(-row.left)}`;
  const atomWidth = Math.max(8, width - 2 - PHASE_WIDTH - TIME_WIDTH - BAR_WIDTH - 1 - ETA_WIDTH);
  return (
    <>
      <Box width={2} flexShrink={0}>
        <Tone tone={row.state === 'failed' ? 'fail' : row.state === 'done' ? 'pass' : undefined}>{mark}</Tone>
      </Box>
      <Box width={atomWidth} flexShrink={1} overflow="hidden">
        <Text wrap="truncate-end" inverse={highlight} bold={bold}>{`${row.cpv}${row.binary ? ' (binary)' : ''}`}</Text>
      </Box>
      <Box width={PHASE_WIDTH} flexShrink={0}>
        <Tone tone={row.state === 'failed' ? 'fail' : 'accent'}>{phase}</Tone>
      </Box>
      <Box width={TIME_WIDTH} flexShrink={0} justifyContent="flex-end">
        <Text>{`${time} `}</Text>
      </Box>
      {running ? (
        <>
          <Box width={BAR_WIDTH + 1} flexShrink={0}>
            <Tone tone="progress">{bar(row.fraction ?? 0, BAR_WIDTH, glyphs.barFull, glyphs.barEmpty)}</Tone>
          </Box>
          <Box width={ETA_WIDTH} flexShrink={0}>
            <Tone tone={row.left !== null && row.left < 0 ? 'warn' : 'muted'}>{eta}</Tone>
          </Box>
        </>
      ) : null}
    </>
  );
}

export function PackageRows({ rows, selected, top, height, width, focused, shown, outputLines }: PackageRowsProps) {
  const { glyphs } = useLook();
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.slice(top, top + height).map((row, i) => {
        const index = top + i;
        const isSelected = index === selected;
        const isShown = row.key === shown;
        return (
          <Box key={row.key} height={1} width={width} overflow="hidden">
            <Box width={2} flexShrink={0}>
              <Text bold={isSelected}>{isSelected && focused ? glyphs.focus : glyphs.unfocused}</Text>
            </Box>
            <Box width={width - 2} overflow="hidden">
              {row.kind === 'all' ? (
                <Text wrap="truncate-end" inverse={isSelected && focused} bold={isShown || isSelected}>{`Build output (${outputLines} lines)`}</Text>
              ) : (
                <PackageCells row={row} width={width - 2} highlight={isSelected && focused} bold={isShown || isSelected} />
              )}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
