// A status as a glyph in its tone: ✓ pass, ! warn, ✗ fail, i info (ASCII: + ! x i).
import React from 'react';
import type { FindingStatus } from '../../../core/host/finding.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';

export function StatusMark({ status }: { status: FindingStatus }) {
  const { glyphs } = useLook();
  return (
    <Tone tone={status} bold={status === 'fail'}>
      {glyphs[status]}
    </Tone>
  );
}
