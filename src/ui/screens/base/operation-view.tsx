// A running pull (one bar per layer and a total) or import (one bar for the bytes sent).
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import { humanSize } from '../../../core/format/size.js';
import type { LayerRow, Operation } from './use-operation.js';
import { shortId } from '../../../core/format/short-id.js';

const PHASE_WORD: Record<LayerRow['phase'], string> = {
  waiting: 'waiting', downloading: 'download', verifying: 'verify', downloaded: 'fetched', extracting: 'extract', complete: 'done', exists: 'exists', other: '…',
};

function Bar({ fraction, width }: { fraction: number | null; width: number }) {
  const { glyphs } = useLook();
  const full = fraction === null ? 0 : Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return (
    <>
      <Tone tone="progress">{glyphs.barFull.repeat(full)}</Tone>
      <Tone tone="progressTrack">{glyphs.barEmpty.repeat(width - full)}</Tone>
    </>
  );
}

export function OperationView({ operation, width, height }: { operation: Operation; width: number; height: number }) {
  if (operation.kind === 'import') {
    const fraction = operation.total ? operation.bytes / operation.total : null;
    return (
      <Box flexDirection="column" width={width}>
        <Tone tone="title" bold>Importing</Tone>
        <Text wrap="truncate-middle">{operation.file}</Text>
        <Text wrap="truncate-middle">{`as ${operation.tag}`}</Text>
        <Box height={1}>
          <Bar fraction={fraction} width={Math.max(4, width - 22)} />
          <Text>{` ${humanSize(operation.bytes)}${operation.total ? ` of ${humanSize(operation.total)}` : ''}`}</Text>
        </Box>
        <Tone tone="muted">Esc cancels</Tone>
      </Box>
    );
  }
  const rows = Math.max(1, height - 5);
  const shown = operation.layers.slice(0, rows);
  const total = operation.total ? operation.downloaded / operation.total : null;
  return (
    <Box flexDirection="column" width={width}>
      <Tone tone="title" bold>Pulling</Tone>
      <Text wrap="truncate-middle">{operation.ref}</Text>
      <Box height={1}>
        <Bar fraction={total} width={Math.max(4, width - 24)} />
        <Text wrap="truncate-end">{` ${operation.done}/${operation.layers.length} layers ${humanSize(operation.downloaded)}${operation.total ? `/${humanSize(operation.total)}` : ''}`}</Text>
      </Box>
      {shown.length === 0 ? <Tone tone="muted">{operation.status ?? 'asking the registry…'}</Tone> : null}
      {shown.map((l) => (
        <Box key={l.id} height={1} width={width} overflow="hidden">
          <Text>{`${shortId(l.id)} `}</Text>
          <Bar fraction={l.phase === 'complete' || l.phase === 'exists' ? 1 : l.size ? l.downloaded / l.size : null} width={Math.max(4, width - 23)} />
          <Text wrap="truncate-end">{` ${PHASE_WORD[l.phase]}`}</Text>
        </Box>
      ))}
      {operation.layers.length > shown.length ? <Tone tone="muted">{`and ${operation.layers.length - shown.length} more layers`}</Tone> : null}
      <Tone tone="muted">Esc cancels</Tone>
    </Box>
  );
}
