// Above a failed package's log: which package, in which phase, that no image was made, and where
// its whole build.log is. The log below opens on the failing phase's first error line (see
// failureStartLine), not on emerge's closing boilerplate.
import React from 'react';
import { Box, Text } from 'ink';
import { WrappedText } from '../../components/wrapped-text.js';
import { useLook } from '../../theme/theme-context.js';

export interface FailurePanelProps {
  cpv: string;
  phase: string | null;
  /** The local copy, or the path inside the build container while it runs. */
  logPath: string | null;
  local: boolean;
  width: number;
}

export const FAILURE_PANEL_HEIGHT = 3;

const DIE_PHASE = /failed \((\w+) phase\)/;

/**
 * The phase that failed: die()'s own words in the log's tail when there ("failed (compile phase)"),
 * else what the stream said. With --jobs > 1 emerge prints no phases, so the stream's guess is
 * only where the package was last seen.
 */
export function failedPhase(tail: readonly string[] | null, fromStream: string | null): string | null {
  for (const line of [...(tail ?? [])].reverse()) {
    const m = DIE_PHASE.exec(line);
    if (m) return m[1]!;
  }
  return fromStream;
}

export function FailurePanel({ cpv, phase, logPath, local, width }: FailurePanelProps) {
  const { glyphs } = useLook();
  return (
    <Box flexDirection="column" width={width} height={FAILURE_PANEL_HEIGHT}>
      <WrappedText text={`${glyphs.fail} ${cpv} failed${phase ? ` in the ${phase} phase` : ''}: no image was made`} width={width} maxRows={1} tone="fail" bold />
      <WrappedText text="Log below from its first error · End: its last lines · o: all in $PAGER" width={width} maxRows={1} tone="muted" />
      <Box height={1} width={width} overflow="hidden">
        <Text wrap="truncate-start">{logPath ? `${local ? 'Log' : 'Log (in the build container)'}: ${logPath}` : 'Log: not known yet'}</Text>
      </Box>
    </Box>
  );
}
