// The top line: what the checks found, how long they took, and what that means for moving on.
import React from 'react';
import { Box, Text } from 'ink';
import type { HostCheckResult } from '../../../core/host/evaluate.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';

export interface SummaryLineProps {
  result: HostCheckResult | null;
  checking: boolean;
  elapsedMs: number | null;
  error: string | null;
  /** The configured engine checked (Base › Engine); null: the default endpoint, not named. */
  engine?: string | null;
  width: number;
}

export function SummaryLine({ result, checking, elapsedMs, error, engine = null, width }: SummaryLineProps) {
  const { glyphs } = useLook();
  if (error !== null) {
    return (
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="fail" bold>{`${glyphs.fail} The checks stopped: ${error} (r tries again)`}</Tone>
      </Box>
    );
  }
  if (result === null) {
    const what = engine === null ? 'the host' : `engine ${engine}`;
    return (
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="info">{`Checking ${what}: engine, socket, kernel, cgroups, container probe${glyphs.ellipsis}`}</Tone>
      </Box>
    );
  }
  // A configured engine is named first: the findings are of it (and of this machine's kernel).
  const label = engine === null ? '' : `${engine.length > 24 ? `${engine.slice(0, 23)}${glyphs.ellipsis}` : engine}: `;
  const c = result.counts;
  const counts = [`${glyphs.fail} ${c.fail} failed`, `  ${glyphs.warn} ${c.warn} warnings`, `  ${glyphs.pass} ${c.pass} passed`, `  ${glyphs.info} ${c.info} info`];
  const verdict = c.fail > 0 ? 'fix failures or confirm to go on' : c.warn > 0 ? 'ready with warnings' : 'ready';
  // Say as much as fits: counts always, then the time, then the verdict.
  let tail = checking ? `  re-checking${glyphs.ellipsis}` : '';
  if (!checking) {
    const room = width - label.length - counts.join('').length;
    const time = elapsedMs === null ? '' : ` · ${(elapsedMs / 1000).toFixed(2)} s`;
    if (time.length + 3 + verdict.length <= room) tail = `${time} · ${verdict}`;
    else if (time.length <= room) tail = time;
  }
  return (
    <Box height={1} width={width} overflow="hidden">
      {label === '' ? null : <Text bold wrap="truncate-end">{label}</Text>}
      <Tone tone="fail" bold={c.fail > 0}>{counts[0]}</Tone>
      <Tone tone="warn">{counts[1]}</Tone>
      <Tone tone="pass">{counts[2]}</Tone>
      <Tone tone="info">{counts[3]}</Tone>
      <Text wrap="truncate-end">{tail}</Text>
    </Box>
  );
}
