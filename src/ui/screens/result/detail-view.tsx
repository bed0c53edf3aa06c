// A scrollable page of lines (a layer's or a package's detail); Esc / h / Backspace goes back.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { ColorToken } from '../../../core/theme.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';

export interface DetailLine {
  text: string;
  tone?: ColorToken;
  bold?: boolean;
}

export interface DetailViewProps {
  lines: readonly DetailLine[];
  width: number;
  height: number;
  /** Esc / h / Backspace; without it the page only scrolls. */
  onBack?: () => void;
}

export function DetailView({ lines, width, height, onBack }: DetailViewProps) {
  const scrolls = lines.length > height;
  const body = scrolls ? height - 1 : height;
  const [top, setTop] = useState(0);
  const maxTop = Math.max(0, lines.length - body);
  const move = (d: number) => setTop((t) => Math.max(0, Math.min(maxTop, t + d)));
  useCommands(
    'pane',
    {
      'move.up': () => move(-1),
      'move.down': () => move(1),
      'move.pageUp': () => move(-body),
      'move.pageDown': () => move(body),
      'move.top': () => setTop(0),
      'move.bottom': () => setTop(maxTop),
      'app.back': onBack,
    },
    { footer: onBack ? [{ keys: '↑↓', label: 'scroll' }, { keys: 'Esc/h', label: 'back' }] : scrolls ? [{ keys: '↑↓', label: 'scroll' }] : [] },
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(top, top + body).map((line, i) => (
        <Box key={top + i} height={1} width={width} overflow="hidden">
          {line.tone ? (
            <Tone tone={line.tone} bold={line.bold}>
              {line.text || ' '}
            </Tone>
          ) : (
            <Text bold={line.bold} wrap="truncate-end">
              {line.text || ' '}
            </Text>
          )}
        </Box>
      ))}
      {scrolls ? (
        <Box height={1}>
          <Tone tone="muted">{`lines ${top + 1}-${Math.min(lines.length, top + body)} of ${lines.length} (↑↓ PgUp PgDn scroll)`}</Tone>
        </Box>
      ) : null}
    </Box>
  );
}
