// The visible window of a log: one <Box height={1}> per line, each a row of <Text> runs with the
// cells' own styles, search matches laid over them.
import React from 'react';
import { Box, Text } from 'ink';
import { highlightRuns, type Highlight } from './line-runs.js';
import type { LogMatch } from './log-search.js';
import type { LogTerminal } from './log-terminal.js';
import type { CellStyle, StyledRun } from './styled-run.js';

export interface MatchStyles {
  match: CellStyle;
  current: CellStyle;
}

export interface LogLinesProps {
  terminal: LogTerminal;
  top: number;
  height: number;
  width: number;
  mono: boolean;
  /** Matches on the visible lines (any order). */
  matches: readonly LogMatch[];
  current: LogMatch | null;
  styles: MatchStyles;
}

function Run({ run }: { run: StyledRun }) {
  return (
    <Text
      color={run.fg}
      backgroundColor={run.bg}
      bold={run.bold}
      dimColor={run.dim}
      italic={run.italic}
      underline={run.underline}
      inverse={run.inverse}
      strikethrough={run.strikethrough}
    >
      {run.text}
    </Text>
  );
}

export function LogLines({ terminal, top, height, width, mono, matches, current, styles }: LogLinesProps) {
  const byLine = new Map<number, Highlight[]>();
  for (const m of matches) {
    if (m.line < top || m.line >= top + height) continue;
    const list = byLine.get(m.line) ?? [];
    list.push({ start: m.start, end: m.end, style: current && m.line === current.line && m.start === current.start ? styles.current : styles.match });
    byLine.set(m.line, list);
  }
  const rows: React.ReactElement[] = [];
  const count = Math.min(height, Math.max(0, terminal.length - top));
  for (let i = 0; i < count; i++) {
    const line = top + i;
    const highlights = byLine.get(line)?.sort((a, b) => a.start - b.start) ?? [];
    const runs = highlightRuns(terminal.lineRuns(line, mono), highlights);
    rows.push(
      // Keyed by screen row, not log line: scrolling then updates rows in place.
      <Box key={i} height={1} width={width} overflow="hidden">
        <Text wrap="truncate-end">{runs.length === 0 ? ' ' : runs.map((run, j) => <Run key={j} run={run} />)}</Text>
      </Box>,
    );
  }
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {rows}
    </Box>
  );
}
