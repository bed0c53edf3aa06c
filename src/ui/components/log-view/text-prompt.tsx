// A one-line text field on the modal layer (search text, a file path): typed characters go in,
// Backspace deletes, Ctrl-U clears, Enter submits, Esc cancels. Every other key is swallowed.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { useCommands } from '../../keys/key-router.js';
import { Tone } from '../tone.js';

export interface TextPromptProps {
  label: string;
  initial?: string;
  width: number;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}

export function TextPrompt({ label, initial = '', width, onSubmit, onCancel }: TextPromptProps) {
  const [text, setText] = useState(initial);
  useCommands('modal', {}, {
    raw: (key, input) => {
      if (key === 'enter') onSubmit(text);
      else if (key === 'escape') onCancel();
      else if (key === 'backspace') setText((t) => t.slice(0, -1));
      else if (key === 'ctrl+u') setText('');
      else if (key === 'space') setText((t) => `${t} `);
      else if (key === 'paste') setText((t) => t + input.replace(/[\r\n\t]+/g, ' '));
      else if (input.length === 1 && key.length === 1) setText((t) => t + input);
      return true;
    },
    footer: [{ keys: 'Enter', label: 'ok' }, { keys: 'Esc', label: 'cancel' }, { keys: '^U', label: 'clear' }],
  });
  // Keep the end of a long entry in view: that is where the typing happens.
  const room = Math.max(1, width - label.length - 2);
  const shown = text.length > room ? text.slice(text.length - room) : text;
  return (
    <Box height={1} width={width}>
      <Tone tone="key" bold>
        {label}
      </Tone>
      <Text wrap="truncate-end">{`${shown}_`}</Text>
    </Box>
  );
}
