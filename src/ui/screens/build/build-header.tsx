// The pane's first two lines: what is built from what, how long it has run and how it stands;
// then the package counts (building, waiting for the merge lock, done, failed, of the whole list)
// the whole build's time left and finish clock (from the forecast), and Portage's load average — the
// facts of its Jobs line, in one row that fits 80 columns (the load is cut first).
import React from 'react';
import { Box, Text } from 'ink';
import { packageCounts, type BuildProgress } from '../../../core/build/progress.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import type { BuildState } from '../../session/workbench-store.js';
import type { BuildPhase } from '../../../core/events.js';
import type { BuildEta } from '../../../core/forecast/build-eta.js';
import { finishClock } from '../../../core/forecast/forecast-text.js';
import { formatDuration, formatLoad } from './format.js';

export interface BuildFacts {
  recipe: string;
  base: string;
  mode: string;
}

export interface BuildHeaderProps {
  build: BuildState;
  /** Phases read from the packages' build logs (cpv → phase). */
  phases?: ReadonlyMap<string, BuildPhase>;
  facts: BuildFacts | null;
  elapsed: number | null;
  /** The whole build's ETA while it runs (null: not known yet, or ended). */
  eta?: BuildEta | null;
  /** Epoch ms the ETA was computed at (for the finish clock). */
  now?: number;
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

/** `~3:20 left, ends 10:42` (`~` marks an estimate without a forecast of the packages still to come). */
function etaText(eta: BuildEta, now: number): string {
  if (eta.remainingSeconds < 1) return 'finishing';
  return `${eta.fromForecast ? '' : '~'}${formatDuration(eta.remainingSeconds)} left, ends ${finishClock(now, eta.remainingSeconds)}`;
}

export function BuildHeader({ build, phases, facts, elapsed, eta, now, width }: BuildHeaderProps) {
  const { glyphs } = useLook();
  const { progress } = build;
  const counts = packageCounts(progress, phases);
  const outcome = OUTCOME_WORDS[build.outcome];
  const what = facts ? `${facts.recipe} · ${facts.base} · ${facts.mode}` : `build ${build.id}`;
  const step = build.outcome === 'running' ? currentStep(progress) : null;
  const load = progress.jobs ? `   load ${formatLoad(progress.jobs.load)}` : '';
  const total = counts.total === null ? '?' : String(counts.total);
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
          {`running ${counts.running}  merge wait ${counts.mergeWait}  done ${counts.done}  `}
          <Tone tone={counts.failed > 0 ? 'fail' : undefined} bold={counts.failed > 0}>{`failed ${counts.failed}`}</Tone>
          {`${counts.dropped > 0 ? `  dropped ${counts.dropped}` : ''}  of ${total}`}
          {eta && build.outcome === 'running' ? <Tone tone="info">{`  ${etaText(eta, now ?? Date.now())}`}</Tone> : null}
          <Tone tone="muted">{load}</Tone>
        </Text>
      </Box>
    </Box>
  );
}
