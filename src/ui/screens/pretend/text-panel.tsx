// A titled panel of prepared lines with a scroll window: the problems, the changes, a package's detail.
import React from 'react';
import { Box } from 'ink';
import { LineRow } from '../../components/text-lines/text-lines.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import type { PanelLine } from './panel-lines.js';

export interface TextPanelProps {
  title: string;
  lines: readonly PanelLine[];
  top: number;
  focused: boolean;
  width: number;
  /** Rows including the title. */
  height: number;
}

/** Lines are drawn under the title's focus marker; callers wrap them to the width minus this. */
export const PANEL_INDENT = 2;

/** Largest useful scroll offset for `count` lines in a panel of `height` rows (title included). */
export function maxPanelTop(count: number, height: number): number {
  return Math.max(0, count - Math.max(1, height - 1));
}

export function TextPanel({ title, lines, top, focused, width, height }: TextPanelProps) {
  const { glyphs } = useLook();
  if (height <= 0) return null;
  const body = Math.max(0, height - 1);
  const first = Math.min(top, maxPanelTop(lines.length, height));
  const range = lines.length > body ? ` (${first + 1}-${Math.min(lines.length, first + body)} of ${lines.length})` : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="title" bold={focused} underline={focused}>
          {`${focused ? glyphs.focus : ' '} ${title}${range}`}
        </Tone>
      </Box>
      {lines.slice(first, first + body).map((line, i) => (
        <LineRow key={first + i} line={line} width={width} indent={PANEL_INDENT} />
      ))}
    </Box>
  );
}
