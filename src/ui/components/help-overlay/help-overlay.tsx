// `?`: the current screen's keys, then the common ones, from the keymap, scrollable so it fits 80x24.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { useCommands, useKeymap } from '../../keys/key-router.js';
import { keyLabel, keyLabelAscii } from '../../keys/key-name.js';
import { useLook } from '../../theme/theme-context.js';
import { Tone } from '../tone.js';
import type { KeyGroup } from '../../keys/key-binding.js';
import { HELP_KEY_WIDTH, helpLines } from './help-lines.js';

export interface HelpOverlayProps {
  width: number;
  height: number;
  /** The current screen's help section, shown first. */
  screen?: KeyGroup | null;
  onClose: () => void;
}

export function HelpOverlay({ width, height, screen = null, onClose }: HelpOverlayProps) {
  const { glyphs } = useLook();
  const keymap = useKeymap();
  const lines = helpLines(keymap.bindings, glyphs.focus === '>' ? keyLabelAscii : keyLabel, screen, width - 1);
  const bodyHeight = Math.max(1, height - 2);
  const maxTop = Math.max(0, lines.length - bodyHeight);
  const [top, setTop] = useState(0);
  const scroll = (delta: number) => setTop((t) => Math.min(maxTop, Math.max(0, t + delta)));
  useCommands(
    'modal',
    {
      'app.back': onClose,
      'app.help': onClose,
      'app.quit': onClose,
      'move.down': () => scroll(1),
      'move.up': () => scroll(-1),
      'move.pageDown': () => scroll(bodyHeight),
      'move.pageUp': () => scroll(-bodyHeight),
      'move.top': () => setTop(0),
      'move.bottom': () => setTop(maxTop),
    },
    { footer: [{ keys: '↑↓', label: 'scroll' }, { keys: 'Esc/?/q', label: 'close help' }] },
  );
  const keyWidth = HELP_KEY_WIDTH;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1}>
        <Tone tone="title" bold>
          Keys {top > 0 || maxTop > 0 ? `(${top + 1}-${Math.min(lines.length, top + bodyHeight)} of ${lines.length})` : ''}
        </Tone>
      </Box>
      {lines.slice(top, top + bodyHeight).map((line, i) => (
        <Box key={`${top + i}`} height={1} width={width}>
          {line.kind === 'heading' ? (
            <Tone tone="accent" bold>
              {line.text}
            </Tone>
          ) : line.kind === 'binding' ? (
            <>
              <Box width={keyWidth} flexShrink={0}>
                <Tone tone="key">{`  ${line.keys}`}</Tone>
              </Box>
              <Text wrap="truncate-end">{line.text}</Text>
            </>
          ) : (
            <Text> </Text>
          )}
        </Box>
      ))}
    </Box>
  );
}
