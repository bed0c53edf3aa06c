// What a step that is not available yet will do. Honest, not a stub: it says so and offers nothing.
import React from 'react';
import { Box, Text } from 'ink';
import type { StepInfo } from './steps.js';
import { Tone } from '../components/tone.js';

export function StepPreview({ step, width }: { step: StepInfo; width: number }) {
  return (
    <Box flexDirection="column" width={width} paddingX={1}>
      <Tone tone="title" bold>
        {step.number} · {step.title} — not available in this version yet
      </Tone>
      <Text> </Text>
      <Text wrap="wrap">{step.summary}</Text>
      <Text> </Text>
      <Tone tone="muted" wrap="wrap">
        This step cannot be entered yet. Press ? for the keys that work now, or q to quit.
      </Tone>
    </Box>
  );
}
