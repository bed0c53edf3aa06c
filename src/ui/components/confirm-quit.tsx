// Asked when quitting while work that outlives the TUI runs (a build): detach and leave it running,
// cancel it, or stay and keep watching.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { QuitGuard } from '../app/wizard-context.js';
import { useCommands } from '../keys/key-router.js';
import { Tone } from './tone.js';

export function ConfirmQuit({ guard, onQuit, onStay }: { guard: QuitGuard; onQuit: () => void; onStay: () => void }) {
  const [busy, setBusy] = useState(false);
  useCommands(
    'modal',
    { 'app.back': onStay },
    {
      raw: (key) => {
        if (busy) return true;
        if (key === 'd' || key === 'q' || key === 'ctrl+c') {
          guard.detach();
          onQuit();
        } else if (key === 'x') {
          setBusy(true);
          void guard.cancel().finally(onQuit);
        } else if (key === 'k') onStay();
        else return false;
        return true;
      },
      footer: [{ keys: 'd/q', label: 'detach & quit' }, { keys: 'x', label: 'cancel build & quit' }, { keys: 'k/Esc', label: 'keep watching' }],
    },
  );
  return (
    <Box flexDirection="column" width="100%" paddingX={1} borderStyle="single">
      <Tone tone="warn" bold>
        Quit gentoo-wb?
      </Tone>
      <Text wrap="wrap">{guard.reason}</Text>
      <Text wrap="wrap">d: detach and quit — the build keeps running; gentoo-wb attach picks it up again.</Text>
      <Text wrap="wrap">x: cancel the build — its container is stopped and removed, nothing is tagged.</Text>
      <Text wrap="wrap">k or Esc: keep watching.</Text>
      {busy ? <Tone tone="muted">cancelling…</Tone> : null}
    </Box>
  );
}
