// The one way a message that is longer than its row is shown: wrapped at spaces over as many rows
// as it needs (up to a cap), never cut at the edge. The message line, the failure panel, the Mode
// tab's hints and the host findings' titles all use it, and lay themselves out with `wrappedRows`.
import React from 'react';
import { Box } from 'ink';
import type { ColorToken } from '../../core/theme.js';
import { wrapLine } from '../../core/format/wrap.js';
import { sanitizeText } from '../../core/format/sanitize.js';
import { Tone } from './tone.js';

/**
 * The rows `text` takes at `width` (continuation rows start with `indent`), at most `maxRows`:
 * past the cap the last row ends with "…".
 */
export function wrappedRows(text: string, width: number, maxRows = Infinity, indent = ''): string[] {
  const rows = text
    .split('\n')
    .flatMap((line) => wrapLine(sanitizeText(line), width, indent));
  if (rows.length <= maxRows) return rows;
  const kept = rows.slice(0, Math.max(1, maxRows));
  const last = kept.length - 1;
  kept[last] = `${kept[last]!.slice(0, Math.max(0, width - 1))}…`;
  return kept;
}

export interface WrappedTextProps {
  text: string;
  width: number;
  maxRows?: number;
  indent?: string;
  tone?: ColorToken;
  bold?: boolean;
}

/** `text` over as many rows as it needs at `width` (see `wrappedRows`). */
export function WrappedText({ text, width, maxRows, indent, tone, bold }: WrappedTextProps) {
  const rows = wrappedRows(text, width, maxRows, indent);
  return (
    <Box flexDirection="column" width={width} height={rows.length} flexShrink={0}>
      {rows.map((row, i) => (
        <Box key={i} height={1} width={width} overflow="hidden">
          <Tone tone={tone} bold={bold}>
            {row || ' '}
          </Tone>
        </Box>
      ))}
    </Box>
  );
}
