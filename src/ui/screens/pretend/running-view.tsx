// While emerge runs: the command and the newest output lines, so a long resolution visibly moves.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';

export interface RunningViewProps {
  command: string;
  output: readonly string[];
  width: number;
  height: number;
}

export function RunningView({ command, output, width, height }: RunningViewProps) {
  const body = Math.max(0, height - 1);
  const lines = output.filter((l, i) => l.trim() !== '' || i === output.length - 1).slice(-body);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="muted">{command}</Tone>
      </Box>
      {lines.map((l, i) => (
        <Box key={i} height={1} width={width} overflow="hidden">
          <Text wrap="truncate-end">{l || ' '}</Text>
        </Box>
      ))}
    </Box>
  );
}
