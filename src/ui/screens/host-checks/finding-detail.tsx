// One finding in full: wrapped to the width, scrollable when longer than the pane.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import type { DetailLine } from './detail-lines.js';

export interface FindingDetailProps {
  lines: readonly DetailLine[];
  top: number;
  width: number;
  height: number;
}

export function FindingDetail({ lines, top, width, height }: FindingDetailProps) {
  const scrolls = lines.length > height;
  const body = scrolls ? height - 1 : height;
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1}>
      {lines.slice(top, top + body).map((line, i) => (
        <Box key={top + i} height={1}>
          {line.tone ? (
            <Tone tone={line.tone} bold={line.bold}>
              {line.text || ' '}
            </Tone>
          ) : (
            <Text bold={line.bold} wrap="truncate-end">
              {line.text || ' '}
            </Text>
          )}
        </Box>
      ))}
      {scrolls ? (
        <Box height={1}>
          <Tone tone="muted">{`lines ${top + 1}-${Math.min(lines.length, top + body)} of ${lines.length} (↑↓ PgUp PgDn scroll)`}</Tone>
        </Box>
      ) : null}
    </Box>
  );
}
