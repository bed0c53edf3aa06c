// Asked when quitting would abandon something: a build running in its container, unsaved recipe
// edits. Each guard offers its own ways out, by key or by ↑↓ and Enter; k or Esc stays.
import React, { useState } from 'react';
import { Box } from 'ink';
import type { QuitGuard } from './wizard-context.js';
import { useCommands } from '../keys/key-router.js';
import { ChoiceList, type Choice } from '../components/choice-list/choice-list.js';
import { useChoice } from '../components/choice-list/use-choice.js';
import { Tone } from '../components/tone.js';

/** The last row of the list: what k or Esc does. */
const STAY = 'stay';

export function ConfirmQuit({ guard, onDone, onStay }: { guard: QuitGuard; onDone: () => void; onStay: () => void }) {
  const [busy, setBusy] = useState(false);
  const choices: Array<Choice<string>> = [
    ...guard.choices.map((c) => ({ key: c.key, label: `${c.key}: ${c.text}`, value: c.key })),
    { key: STAY, label: 'k or Esc: stay.', value: STAY },
  ];
  const { selected, move } = useChoice(choices.length);
  const take = (key: string) => {
    const choice = guard.choices.find((c) => c.key === key);
    if (!choice) return onStay();
    setBusy(true);
    void Promise.resolve(choice.run()).finally(onDone);
  };
  useCommands(
    'modal',
    {
      'app.back': onStay,
      // k stays (below), so only the arrow and j move here.
      'move.up': () => move(-1),
      'move.down': () => move(1),
      'item.choose': () => take(choices[selected]!.value),
    },
    {
      raw: (key) => {
        if (busy) return true;
        if (guard.choices.some((c) => c.key === key)) take(key);
        else if ((key === 'q' || key === 'ctrl+c') && guard.choices[0]) take(guard.choices[0].key);
        else if (key === 'k') onStay();
        else return false;
        return true;
      },
      footer: [...guard.choices.map((c) => ({ keys: c.key, label: c.label })), { keys: 'k/Esc', label: 'stay' }, { keys: '↑↓ Enter', label: 'choose' }],
    },
  );
  return (
    <Box flexDirection="column" width="100%" paddingX={1} borderStyle="single">
      <Tone tone="warn" bold>
        Quit gentoo-wb?
      </Tone>
      <Tone wrap="wrap">{guard.reason}</Tone>
      <ChoiceList choices={choices} selected={selected} />
      {busy ? <Tone tone="muted">working…</Tone> : null}
    </Box>
  );
}
