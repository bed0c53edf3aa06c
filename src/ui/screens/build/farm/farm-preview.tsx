// Under the farm's table while it runs, the selected recipe's build as it goes: its last output lines
// (following), or what it waits for while it has no build yet. Enter opens the whole of it.
import React, { useEffect, useMemo } from 'react';
import { Box } from 'ink';
import { LogTerminal } from '../../../components/log-view/log-terminal.js';
import { LogView } from '../../../components/log-view/log-view.js';
import { feedRing } from '../../../components/log-view/ring-feed.js';
import type { LineRing } from '../../../components/log-view/line-ring.js';
import { Tone } from '../../../components/tone.js';

export interface FarmPreviewProps {
  name: string;
  ring: LineRing | null;
  /** Said instead while the recipe has no build. */
  waiting: string;
  width: number;
  height: number;
}

export function FarmPreview({ name, ring, waiting, width, height }: FarmPreviewProps) {
  const terminal = useMemo(() => new LogTerminal({ cols: width, rows: Math.max(1, height - 1) }), [ring]);
  useEffect(() => () => terminal.dispose(), [terminal]);
  useEffect(() => (ring ? feedRing(ring, terminal) : undefined), [ring, terminal]);
  if (!ring) {
    return (
      <Box height={height} width={width} overflow="hidden">
        <Tone tone="muted">{`${name}: ${waiting}`}</Tone>
      </Box>
    );
  }
  return <LogView terminal={terminal} title={`${name}: last lines (Enter shows the build)`} width={width} height={height} focused={false} emptyText="No output yet." />;
}
