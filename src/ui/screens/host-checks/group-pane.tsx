// Left pane: one row per group with its counts per status; the selected group is marked.
import React from 'react';
import { Box, Text } from 'ink';
import type { FindingStatus } from '../../../core/host/finding.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import type { GroupRow } from './list-model.js';

const ORDER: FindingStatus[] = ['fail', 'warn', 'pass', 'info'];

export interface GroupPaneProps {
  rows: readonly GroupRow[];
  selected: number;
  focused: boolean;
  width: number;
  height: number;
  /** Still gathering and nothing to show yet. */
  pending: boolean;
}

export function GroupPane({ rows, selected, focused, width, height, pending }: GroupPaneProps) {
  const { glyphs } = useLook();
  const nameWidth = Math.max(6, ...rows.map((r) => r.title.length));
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Box height={1}>
        <Tone tone="title" bold={focused} underline={focused}>
          Groups
        </Tone>
      </Box>
      {rows.slice(0, Math.max(0, height - 1)).map((row, i) => {
        const isSelected = i === selected;
        return (
          <Box key={row.group} height={1} width={width} overflow="hidden">
            <Box flexShrink={0}>
              <Text inverse={isSelected && focused} bold={isSelected}>
                {isSelected ? glyphs.focus : glyphs.unfocused} {row.title.padEnd(nameWidth)}
              </Text>
            </Box>
            {pending ? <Tone tone="muted"> {glyphs.ellipsis}</Tone> : null}
            {ORDER.filter((s) => row.counts[s] > 0).map((s) => (
              <Tone key={s} tone={s} bold={s === 'fail'}>
                {` ${glyphs[s]}${row.counts[s]}`}
              </Tone>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}
