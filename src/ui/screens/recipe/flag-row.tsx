// One USE flag as a row: its setting ([+] on, [-] off, [ ] unset — readable without colour), the
// name, what the base's profile does with it, and the description.
import React from 'react';
import { Box, Text } from 'ink';
import type { FlagSetting } from '../../../core/recipe/recipe-edit.js';
import type { RowContext } from '../../components/list/row-context.js';
import { Tone } from '../../components/tone.js';
import { SelectionText } from '../../components/list/selection-text.js';

const MARK: Record<FlagSetting, string> = { on: '[+]', off: '[-]', unset: '[ ]' };

export interface FlagRowProps {
  name: string;
  description: string;
  setting: FlagSetting;
  /** What the base does without us: on, off, or unknown (null). */
  profile: 'on' | 'off' | null;
  nameWidth: number;
  ctx: RowContext;
}

export function FlagRow({ name, description, setting, profile, nameWidth, ctx }: FlagRowProps) {
  return (
    <Box width={ctx.width} overflow="hidden">
      <Box width={4} flexShrink={0}>
        <Tone tone={setting === 'on' ? 'added' : setting === 'off' ? 'removed' : 'muted'} bold={setting !== 'unset'}>{MARK[setting]}</Tone>
      </Box>
      <Box width={nameWidth} flexShrink={0}>
        <SelectionText ctx={ctx} wrap="truncate-end">{name}</SelectionText>
      </Box>
      <Box width={5} flexShrink={0}>
        <Tone tone="muted">{profile === 'on' ? ' on ' : profile === 'off' ? ' off' : '    '}</Tone>
      </Box>
      <Text wrap="truncate-end" dimColor={!ctx.selected}>{description || '(no description)'}</Text>
    </Box>
  );
}

/** The header over flag rows. */
export function FlagHeader({ nameWidth, width, column }: { nameWidth: number; width: number; column: string }) {
  return (
    <Box height={1} width={width} overflow="hidden">
      <Tone tone="muted">{`  set ${'flag'.padEnd(nameWidth)}${column.padEnd(5)}description`}</Tone>
    </Box>
  );
}
