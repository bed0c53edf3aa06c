// Asked when quitting while something long runs (a build): the work keeps running either way.
import React from 'react';
import { Box, Text } from 'ink';
import { useCommands } from '../keys/key-router.js';
import { Tone } from './tone.js';

export function ConfirmQuit({ reason, width, onQuit, onStay }: { reason: string; width: number; onQuit: () => void; onStay: () => void }) {
  useCommands(
    'modal',
    { 'app.back': onStay },
    {
      raw: (key) => {
        if (key === 'y' || key === 'q' || key === 'ctrl+c') onQuit();
        else if (key === 'n') onStay();
        else return false;
        return true;
      },
      footer: [{ keys: 'y/q', label: 'quit' }, { keys: 'n/Esc', label: 'stay' }],
    },
  );
  return (
    <Box flexDirection="column" width={width} paddingX={1} borderStyle="single">
      <Tone tone="warn" bold>
        Quit gentoo-wb?
      </Tone>
      <Text wrap="wrap">{reason}</Text>
    </Box>
  );
}
