// The Recipe screen's top two lines: which recipe, where it is saved, whether it has unsaved edits
// and problems; then the tabs with the current one marked.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';

export const TABS = ['Packages', 'USE', 'package.use', 'Keywords', 'make.conf', 'Mode', 'Image', 'Binaries'] as const;

/** Columns the tab row takes: each title with its mark and a space, and a margin. */
const TABS_WIDTH = TABS.reduce((sum, t) => sum + t.length + 2, 0);
const TABS_HINT = 'Tab ←→';

export interface RecipeHeaderProps {
  name: string;
  path: string | null;
  dirty: boolean;
  problems: number;
  tab: number;
  width: number;
}

export function RecipeHeader({ name, path, dirty, problems, tab, width }: RecipeHeaderProps) {
  const { glyphs } = useLook();
  return (
    <>
      <Box height={1} width={width} overflow="hidden">
        {/* Name and state keep their room; the path gives way (its start is cut first). */}
        <Box flexShrink={0}>
          <Text bold>{`Recipe ${name}`}</Text>
          {dirty ? <Tone tone="warn" bold>{' * modified'}</Tone> : path ? <Tone tone="pass">{' saved'}</Tone> : null}
          {problems > 0 ? <Tone tone="fail">{` ${glyphs.fail} ${problems} problem${problems === 1 ? '' : 's'}`}</Tone> : null}
          <Text> </Text>
        </Box>
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Tone tone="muted" wrap="truncate-start">{path ?? '(no file yet: s saves)'}</Tone>
        </Box>
      </Box>
      <Box height={1} width={width} overflow="hidden">
        {TABS.map((title, i) => (
          <Box key={title} marginRight={1} flexShrink={0}>
            <Text bold={i === tab} inverse={i === tab}>{`${i === tab ? glyphs.focus : ' '}${title} `}</Text>
          </Box>
        ))}
        {/* The hint gives way when the tabs fill the line (eight tabs take exactly 80 columns). */}
        {width >= TABS_WIDTH + TABS_HINT.length ? <Tone tone="muted">{TABS_HINT}</Tone> : null}
      </Box>
    </>
  );
}
