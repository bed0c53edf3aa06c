// The top line: running (with elapsed time and how to cancel), the verdict in words, or what went wrong.
import React from 'react';
import { Box } from 'ink';
import { verdictLine } from '../../../core/pretend/verdict.js';
import type { ColorToken } from '../../../core/theme.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import type { PretendState } from './use-pretend-run.js';

export interface StatusLineProps {
  state: PretendState;
  elapsedMs: number;
  image: string;
  stale: boolean;
  width: number;
}

function line(state: PretendState, elapsedMs: number, image: string, stale: boolean, ellipsis: string, width: number): { text: string; tone: ColorToken } {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  switch (state.phase) {
    case 'running':
      return { text: `Running emerge --pretend${ellipsis} ${Math.floor(elapsedMs / 1000)} s · Esc cancels · in ${image}`, tone: 'info' };
    case 'cancelled':
      return { text: 'Cancelled: the container was removed. r runs pretend again.', tone: 'warn' };
    case 'failed':
      return { text: `Pretend could not run: ${state.error?.message ?? 'unknown error'}`, tone: 'fail' };
    case 'idle':
      return { text: `Waiting to run emerge --pretend${ellipsis}`, tone: 'muted' };
    case 'done': {
      const run = state.run!;
      const v = run.verdict;
      const tone: ColorToken = v.kind === 'mergeable' || v.kind === 'nothing-to-merge' ? 'pass' : v.kind === 'needs-changes' || v.kind === 'needs-downloads' ? 'warn' : 'fail';
      const suffix = stale ? ' · recipe changed since, r re-runs' : ` · ${seconds(run.elapsedMs)}, exit ${run.exitCode}`;
      const main = verdictLine(v);
      // The verdict matters more than the timing: the suffix only when it fits whole.
      return { text: main.length + suffix.length <= width || stale ? `${main}${suffix}` : main, tone };
    }
  }
}

export function StatusLine({ state, elapsedMs, image, stale, width }: StatusLineProps) {
  const { glyphs } = useLook();
  const { text, tone } = line(state, elapsedMs, image, stale, glyphs.ellipsis, width);
  return (
    <Box height={1} width={width} overflow="hidden">
      <Tone tone={tone} bold={tone === 'fail'}>
        {text}
      </Tone>
    </Box>
  );
}
