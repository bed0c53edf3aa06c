// One line under the build header while a build has distccd helpers (recipe.distcc): each helper's
// engine, address, jobs, state and the compiles distccd logged — the same words as `build --plain`.
import React from 'react';
import { Box } from 'ink';
import { Tone } from '../../components/tone.js';
import type { BuildProgress } from '../../../core/build/progress.js';
import { distccLine } from '../../../core/distcc/distcc-status.js';
import { fitEnd } from '../../../core/format/fit.js';
import { sanitizeText } from '../../../core/format/sanitize.js';

export interface DistccLineProps {
  distcc: NonNullable<BuildProgress['distcc']>;
  width: number;
}

export function DistccLine({ distcc, width }: DistccLineProps) {
  const lost = distcc.helpers.some((h) => h.state === 'lost');
  return (
    <Box height={1}>
      <Tone tone={lost ? 'warn' : 'muted'}>{fitEnd(sanitizeText(`distcc ${distccLine(distcc.helpers, distcc.makeopts)}`), Math.max(1, width - 1))}</Tone>
    </Box>
  );
}
