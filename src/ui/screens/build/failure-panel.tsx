// Above a failed package's log: which package, in which phase, and where its whole build.log is.
// The log below it follows its end, so its last lines are what shows.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';

export interface FailurePanelProps {
  cpv: string;
  phase: string | null;
  /** The local copy, or the path inside the build container while it runs. */
  logPath: string | null;
  local: boolean;
  width: number;
}

export const FAILURE_PANEL_HEIGHT = 2;

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
      <Box height={1} width={width} overflow="hidden">
        <Box flexShrink={0}>
          <Tone tone="fail" bold>
            {`${glyphs.fail} ${cpv} failed${phase ? ` in the ${phase} phase` : ''}`}
          </Tone>
        </Box>
        <Tone tone="muted">{'  its last lines below; o: whole log in $PAGER'}</Tone>
      </Box>
      <Box height={1} width={width} overflow="hidden">
        <Text wrap="truncate-start">{logPath ? `${local ? 'Log' : 'Log (in the build container)'}: ${logPath}` : 'Log: not known yet'}</Text>
      </Box>
    </Box>
  );
}
