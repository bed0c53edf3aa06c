// The top line: the six steps, the current one marked (marker + inverse, so it shows without colour).
import React from 'react';
import { Box, Text } from 'ink';
import { STEPS, type StepId } from './steps.js';
import { useLook } from '../theme/theme-context.js';
import { Tone } from '../components/tone.js';

export interface StepBarProps {
  current: StepId;
  available: ReadonlySet<StepId>;
  width: number;
}

export function StepBar({ current, available, width }: StepBarProps) {
  const { glyphs, theme } = useLook();
  const brand = ' gentoo-wb';
  return (
    <Box width="100%" height={1} justifyContent="space-between" overflow="hidden">
      <Box>
        {STEPS.map((step) => {
          const isCurrent = step.id === current;
          const label = `${isCurrent ? glyphs.focus : ' '}${step.number} ${step.title} `;
          if (isCurrent) {
            return (
              <Text key={step.id} inverse bold color={theme.colors.focus ?? undefined} wrap="truncate-end">
                {label}
              </Text>
            );
          }
          return (
            <Tone key={step.id} tone={available.has(step.id) ? 'text' : 'muted'} dimColor={!available.has(step.id)}>
              {label}
            </Tone>
          );
        })}
      </Box>
      {width >= 80 ? <Tone tone="title">{brand}</Tone> : null}
    </Box>
  );
}
