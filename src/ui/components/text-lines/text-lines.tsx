// Prepared lines of text (a finding's fix, a layer's detail, Portage's problems in words) drawn one
// row each, and a scroll window over them that says which lines show.
import React from 'react';
import { Box, Text } from 'ink';
import type { ColorToken } from '../../../core/theme.js';
import { sanitizeText } from '../../../core/format/sanitize.js';
import { Tone } from '../tone.js';

/** One line, already wrapped to the width it is drawn in. */
export interface TextLine {
  text: string;
  tone?: ColorToken;
  bold?: boolean;
}

/** One row: toned when the line says so, truncated (never wrapped) at the edge; control characters shown, not sent. */
export function LineRow({ line, width, indent = 0 }: { line: TextLine; width?: number; indent?: number }) {
  const text = sanitizeText(line.text) || ' ';
  return (
    <Box height={1} overflow="hidden" paddingLeft={indent} {...(width !== undefined ? { width } : {})}>
      {line.tone ? (
        <Tone tone={line.tone} bold={line.bold}>
          {text}
        </Tone>
      ) : (
        <Text bold={line.bold} wrap="truncate-end">
          {text}
        </Text>
      )}
    </Box>
  );
}

/** Rows for the lines when `count` lines share `height` rows: one goes to the position line when they do not fit. */
export function scrollBody(count: number, height: number): number {
  return count > height ? height - 1 : height;
}

export interface ScrollLinesProps {
  lines: readonly TextLine[];
  top: number;
  width: number;
  height: number;
  paddingX?: number;
}

/** The window of `lines` from `top`, with a "lines a-b of n" row when not all fit. */
export function ScrollLines({ lines, top, width, height, paddingX = 0 }: ScrollLinesProps) {
  const body = scrollBody(lines.length, height);
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={paddingX}>
      {lines.slice(top, top + body).map((line, i) => (
        <LineRow key={top + i} line={line} />
      ))}
      {lines.length > height ? (
        <Box height={1}>
          <Tone tone="muted">{`lines ${top + 1}-${Math.min(lines.length, top + body)} of ${lines.length} (↑↓ PgUp PgDn scroll)`}</Tone>
        </Box>
      ) : null}
    </Box>
  );
}
