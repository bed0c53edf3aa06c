// While emerge runs: the exact command (wrapped) and the newest output lines, so a long
// resolution visibly moves.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { wrapLine } from '../../../core/format/wrap.js';

export interface RunningViewProps {
  command: string;
  output: readonly string[];
  width: number;
  height: number;
}

export function RunningView({ command, output, width, height }: RunningViewProps) {
  const commandLines = wrapLine(command, width, '    ').slice(0, Math.max(1, Math.floor(height / 3)));
  const body = Math.max(0, height - commandLines.length);
  const lines = output.filter((l, i) => l.trim() !== '' || i === output.length - 1).slice(-body);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {commandLines.map((l, i) => (
        <Box key={`c${i}`} height={1} width={width} overflow="hidden">
          <Tone tone="muted">{l}</Tone>
        </Box>
      ))}
      {lines.map((l, i) => (
        <Box key={i} height={1} width={width} overflow="hidden">
          <Text wrap="truncate-end">{l || ' '}</Text>
        </Box>
      ))}
    </Box>
  );
}
