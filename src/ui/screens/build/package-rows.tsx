// One row per package building, merging, waiting for the merge lock, or failed: atom, phase,
// elapsed, and for the ones building an ETA bar from past builds. The first row stands for the whole
// build output; when the rows do not fit, the last line says how many more there are. The row whose
// log is shown is bold; while this pane has focus the selected row carries the focus marker and is
// inverse.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import { bar } from '../../../core/format/bar.js';
import { formatDuration } from './format.js';
import { rowWindow, type PackageRow, type PackageRowOf } from './package-rows-model.js';

export interface PackageRowsProps {
  rows: readonly PackageRow[];
  selected: number;
  height: number;
  width: number;
  focused: boolean;
  /** Key of the row whose log is shown. */
  shown: string;
  /** Lines of output so far, for the first row. */
  outputLines: number;
}

const PHASE_WIDTH = 11;
const TIME_WIDTH = 8;
const BAR_WIDTH = 10;
const ETA_WIDTH = 8;

const PHASE_WORDS: Partial<Record<PackageRowOf['state'], string>> = { failed: 'failed', done: 'merged', dropped: 'dropped', merging: 'merge', 'merge-wait': 'merge wait' };

/** "N more" with what they are doing, as many words as fit. */
function moreText(rows: readonly PackageRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.kind !== 'package') continue;
    const word = r.state === 'running' ? 'building' : (PHASE_WORDS[r.state] ?? r.state);
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const parts = [...counts].map(([word, n]) => `${n} ${word}`);
  return `${rows.length} more${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

function PackageCells({ row, width, highlight, bold }: { row: PackageRowOf; width: number; highlight: boolean; bold: boolean }) {
  const { glyphs } = useLook();
  const mark = row.state === 'failed' ? glyphs.fail : row.state === 'done' ? glyphs.pass : row.state === 'dropped' ? glyphs.warn : ' ';
  const phase = PHASE_WORDS[row.state] ?? row.phase ?? 'start';
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

export function PackageRows({ rows, selected, height, width, focused, shown, outputLines }: PackageRowsProps) {
  const { glyphs } = useLook();
  const win = rowWindow(rows.length, selected, height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.slice(win.top, win.top + win.shown).map((row, i) => {
        const index = win.top + i;
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
      {win.more > 0 ? (
        <Box height={1} width={width} overflow="hidden">
          <Text wrap="truncate-end">
            <Tone tone="muted">{`    ${moreText(rows.slice(win.top + win.shown))}`}</Tone>
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
