// Shown instead of everything else when the terminal is below the minimum size.
import React from 'react';
import { Box, Text } from 'ink';
import type { TerminalSize } from '../layout/terminal-size.js';
import { useCommands } from '../keys/key-router.js';

export function TooSmall({ size, need, onQuit }: { size: TerminalSize; need: TerminalSize; onQuit: () => void }) {
  useCommands('modal', { 'app.quit': onQuit });
  const width = Math.max(1, size.columns);
  return (
    <Box flexDirection="column" width={width} height={Math.max(1, size.rows - 1)}>
      <Text wrap="wrap" bold>
        Terminal too small: {size.columns}×{size.rows}, need {need.columns}×{need.rows}.
      </Text>
      <Text wrap="wrap">Make the window larger, or press q to quit.</Text>
    </Box>
  );
}
