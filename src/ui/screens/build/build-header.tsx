// The pane's first two lines: what is built from what, how long it has run and how it stands;
// then the package counts and Portage's own Jobs/Load facts.
import React from 'react';
import { Box, Text } from 'ink';
import { packageCounts, type BuildProgress } from '../../../core/build/progress.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import type { BuildState } from '../../session/workbench-store.js';
import { formatDuration, formatLoad } from './format.js';

export interface BuildFacts {
  recipe: string;
  base: string;
  mode: string;
}

export interface BuildHeaderProps {
  build: BuildState;
  facts: BuildFacts | null;
  elapsed: number | null;
  width: number;
}

const OUTCOME_WORDS: Record<BuildState['outcome'], { text: string; tone: 'info' | 'pass' | 'fail' | 'warn' | 'muted' }> = {
  running: { text: 'building', tone: 'info' },
  succeeded: { text: 'succeeded', tone: 'pass' },
  failed: { text: 'FAILED', tone: 'fail' },
  cancelled: { text: 'cancelled', tone: 'warn' },
  detached: { text: 'detached', tone: 'muted' },
  lost: { text: 'LOST', tone: 'fail' },
};

function currentStep(progress: BuildProgress): string | null {
  const running = progress.steps.filter((s) => s.state === 'running');
  return running.at(-1)?.title ?? null;
}

export function BuildHeader({ build, facts, elapsed, width }: BuildHeaderProps) {
  const { glyphs } = useLook();
  const { progress } = build;
  const counts = packageCounts(progress);
  const outcome = OUTCOME_WORDS[build.outcome];
  const what = facts ? `${facts.recipe} · ${facts.base} · ${facts.mode}` : `build ${build.id}`;
  const step = build.outcome === 'running' ? currentStep(progress) : null;
  const jobs = progress.jobs;
  const portage = jobs
    ? `Jobs ${jobs.complete}/${progress.total ?? '?'}${jobs.mergeWait > 0 ? ` · ${jobs.mergeWait} merge wait` : ''} · Load ${formatLoad(jobs.load)}`
    : 'Jobs -';
  const queued = counts.queued === null ? '?' : String(counts.queued);
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Box height={1} width={width} overflow="hidden">
        <Box flexShrink={0}>
          <Tone tone={outcome.tone} bold>
            {outcome.text}
          </Tone>
        </Box>
        <Text wrap="truncate-end">
          {`  ${elapsed === null ? '-:--' : formatDuration(elapsed)}  ${what}${step ? `  ${glyphs.arrow} ${step}` : ''}`}
        </Text>
      </Box>
      <Box height={1} width={width} overflow="hidden">
        <Text wrap="truncate-end">
          {`running ${counts.running}  queued ${queued}  done ${counts.done}  `}
          <Tone tone={counts.failed > 0 ? 'fail' : undefined} bold={counts.failed > 0}>{`failed ${counts.failed}`}</Tone>
          {counts.dropped > 0 ? `  dropped ${counts.dropped}` : ''}
          <Tone tone="muted">{`   ${portage}`}</Tone>
        </Text>
      </Box>
    </Box>
  );
}
