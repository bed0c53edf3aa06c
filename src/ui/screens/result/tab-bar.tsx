// The tab line: the current tab marked with the focus glyph and drawn bold/inverse (no colour needed).
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';

export const TABS = ['Summary', 'Layers', 'Packages', 'Directories', 'Diff'] as const;
export type TabName = (typeof TABS)[number];

export function TabBar({ current, width, hint }: { current: number; width: number; hint: string }) {
  const { glyphs } = useLook();
  return (
    <Box height={1} width={width} overflow="hidden">
      {TABS.map((name, i) => (
        <Box key={name} marginRight={1} flexShrink={0}>
          {i === current ? (
            <Text bold inverse>{`${glyphs.focus}${name}`}</Text>
          ) : (
            <Text>{` ${name}`}</Text>
          )}
        </Box>
      ))}
      <Tone tone="muted">{hint}</Tone>
    </Box>
  );
}
