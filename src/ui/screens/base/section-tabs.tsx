// The line of section names; the current one marked (› or >), bold and inverse, so it shows without colour.
import React from 'react';
import { Box, Text } from 'ink';
import { useLook } from '../../theme/theme-context.js';

export function SectionTabs({ titles, current, width }: { titles: readonly string[]; current: number; width: number }) {
  const { glyphs } = useLook();
  return (
    <Box height={1} width={width} overflow="hidden">
      {titles.map((title, i) => (
        <Box key={title} marginRight={1} flexShrink={0}>
          <Text bold={i === current} inverse={i === current}>{`${i === current ? glyphs.focus : ' '}${title} `}</Text>
        </Box>
      ))}
    </Box>
  );
}
