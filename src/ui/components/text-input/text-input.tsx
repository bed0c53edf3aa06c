// A one-line text field: label, value with a visible cursor, the part a validator complains about
// underlined and marked with ^ on the line below (so it shows without colour), and the message.
// Keys go to it first (raw, modal layer): Enter submits when valid, Esc cancels.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { useCommands } from '../../keys/key-router.js';
import { useLook } from '../../theme/theme-context.js';
import { Tone } from '../tone.js';
import { editText, textInputState, visibleSlice, type TextInputState } from './text-input-state.js';
import type { InputProblem, InputValidator } from './text-input-types.js';
import { useLatestState } from './use-latest-state.js';

export interface TextInputProps {
  label: string;
  initial?: string;
  width: number;
  validate?: InputValidator;
  /** Shown under the field while the value is fine. */
  hint?: string;
  onSubmit: (value: string) => void;
  onCancel: () => void;
  /** Seen on every change (for previews). */
  onChange?: (value: string) => void;
  submitLabel?: string;
  /** One line only (no mark or message lines), for prompts inside a pane's title row. */
  compact?: boolean;
}

function problemRange(problem: InputProblem | null, length: number): [number, number] | null {
  if (!problem || problem.offset === undefined) return null;
  const from = Math.max(0, Math.min(problem.offset, length));
  return [from, from + Math.max(1, problem.length ?? 1)];
}

/** The field; it owns the keyboard while mounted. */
export function TextInput({ label, initial = '', width, validate, hint, onSubmit, onCancel, onChange, submitLabel = 'ok', compact = false }: TextInputProps) {
  const { glyphs } = useLook();
  const [state, latest, setState] = useLatestState<TextInputState>(() => textInputState(initial));
  const [tried, setTried] = useState(false);
  const problem = validate ? validate(state.value) : null;

  useCommands('modal', {}, {
    raw: (key, input) => {
      const current = latest();
      if (key === 'enter') {
        if (validate?.(current.value)) setTried(true);
        else onSubmit(current.value);
        return true;
      }
      if (key === 'escape') {
        onCancel();
        return true;
      }
      const next = editText(current, key, input);
      if (next === null) return false;
      setState(next);
      setTried(false);
      if (next.value !== current.value) onChange?.(next.value);
      return true;
    },
    footer: [{ keys: 'Enter', label: submitLabel }, { keys: 'Esc', label: 'cancel' }, { keys: '^U', label: 'clear' }],
  });

  const prefix = `${label} `;
  const fieldWidth = Math.max(4, width - prefix.length);
  const { start, text } = visibleSlice(state, fieldWidth);
  const range = problemRange(problem, state.value.length);
  const cursorAt = state.cursor - start;
  const cells = [...text, ' '].slice(0, fieldWidth);
  const marks = cells.map((_, i) => (range && start + i >= range[0] && start + i < range[1] ? '^' : ' ')).join('').trimEnd();
  const message = problem ? `${glyphs.fail} ${tried ? 'fix this first: ' : ''}${problem.message}` : hint ?? '';
  const field = (
    <Box height={1} width={width}>
      <Tone tone="title" bold>
        {prefix}
      </Tone>
      {cells.map((ch, i) => {
        const inError = range !== null && start + i >= range[0] && start + i < range[1];
        return (
          <Text key={i} inverse={i === cursorAt} underline={inError} color={undefined}>
            {ch}
          </Text>
        );
      })}
    </Box>
  );
  if (compact) return field;
  return (
    <Box flexDirection="column" width={width}>
      {field}
      <Box height={1} width={width}>
        <Text>{' '.repeat(prefix.length)}</Text>
        <Tone tone="fail">{marks || ' '}</Tone>
      </Box>
      <Box height={1} width={width}>
        <Tone tone={problem ? 'fail' : 'muted'} bold={problem !== null && tried}>
          {message || ' '}
        </Tone>
      </Box>
    </Box>
  );
}
