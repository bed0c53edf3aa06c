// Esc on a running farm asks first: a farm is many builds, and Esc is also "back" elsewhere.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../../components/tone.js';
import { useCommands } from '../../../keys/key-router.js';

export function ConfirmCancel({ count, width, onCancel, onStay }: { count: number; width: number; onCancel: () => void; onStay: () => void }) {
  useCommands(
    'modal',
    { 'app.back': onStay },
    {
      raw: (key) => {
        if (key === 'y' || key === 'x') onCancel();
        else if (key === 'n' || key === 'q') onStay();
        else return false;
        return true;
      },
      footer: [{ keys: 'y', label: 'cancel the farm' }, { keys: 'n/Esc', label: 'keep it running' }],
    },
  );
  return (
    <Box flexDirection="column" width={width} paddingX={1} borderStyle="single">
      <Tone tone="warn" bold>Cancel the farm?</Tone>
      <Text wrap="wrap">{`y stops every build of its ${count} recipes (their containers are stopped and removed, nothing is tagged) and the binhost it started; n or Esc keeps it running.`}</Text>
    </Box>
  );
}
