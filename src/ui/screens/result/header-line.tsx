// One line naming the image under inspection with its headline figures.
import React from 'react';
import { Box } from 'ink';
import type { Inspection } from '../../../core/inspect/inspection.js';
import { Tone } from '../../components/tone.js';
import { bytes, fit, percent } from './format.js';
import { shortId } from '../../../core/format/short-id.js';

export function HeaderLine({ inspection, width }: { inspection: Inspection; width: number }) {
  const img = inspection.image;
  const name = img.tags[0] ?? shortId(img.id);
  const text = `${name} · ${shortId(img.id)} · ${bytes(inspection.size)} · ${inspection.layers.length} layer${inspection.layers.length === 1 ? '' : 's'} · ${percent(inspection.waste.efficiency)} efficient · wasted ${bytes(inspection.waste.wastedBytes)}`;
  return (
    <Box height={1} width={width} overflow="hidden">
      <Tone tone="accent" bold>
        {fit(text, width)}
      </Tone>
    </Box>
  );
}
