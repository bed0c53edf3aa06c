// Asked when quitting would abandon something: a build running in its container, unsaved recipe
// edits. Each guard offers its own ways out; k or Esc stays.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { QuitGuard } from '../app/wizard-context.js';
import { useCommands } from '../keys/key-router.js';
import { Tone } from './tone.js';

export function ConfirmQuit({ guard, onDone, onStay }: { guard: QuitGuard; onDone: () => void; onStay: () => void }) {
  const [busy, setBusy] = useState(false);
  useCommands(
    'modal',
    { 'app.back': onStay },
    {
      raw: (key) => {
        if (busy) return true;
        const choice = guard.choices.find((c) => c.key === key) ?? (key === 'q' || key === 'ctrl+c' ? guard.choices[0] : undefined);
        if (choice) {
          setBusy(true);
          void Promise.resolve(choice.run()).finally(onDone);
        } else if (key === 'k') onStay();
        else return false;
        return true;
      },
      footer: [...guard.choices.map((c) => ({ keys: c.key, label: c.label })), { keys: 'k/Esc', label: 'stay' }],
    },
  );
  return (
    <Box flexDirection="column" width="100%" paddingX={1} borderStyle="single">
      <Tone tone="warn" bold>
        Quit gentoo-wb?
      </Tone>
      <Text wrap="wrap">{guard.reason}</Text>
      {guard.choices.map((c) => (
        <Text key={c.key} wrap="wrap">{`${c.key}: ${c.text}`}</Text>
      ))}
      <Text wrap="wrap">k or Esc: stay.</Text>
      {busy ? <Tone tone="muted">working…</Tone> : null}
    </Box>
  );
}
