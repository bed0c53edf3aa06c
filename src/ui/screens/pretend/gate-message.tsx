// Why pretend cannot run yet, and what to do: no engine, no recipe, or a recipe with problems.
import React from 'react';
import { Box, Text } from 'ink';
import { formatProblem, type RecipeProblem } from '../../../core/recipe/recipe-problems.js';
import { Tone } from '../../components/tone.js';
import type { EngineState } from '../../session/workbench-store.js';

export type Gate =
  | { kind: 'engine'; engine: Exclude<EngineState, { status: 'ready' }> }
  | { kind: 'no-recipe' }
  | { kind: 'recipe-problems'; path: string | null; problems: RecipeProblem[] };

export function GateMessage({ gate, width, height }: { gate: Gate; width: number; height: number }) {
  let title: string;
  let lines: string[];
  if (gate.kind === 'engine' && gate.engine.status === 'connecting') {
    title = 'Connecting to the container engine…';
    lines = ['Pretend runs emerge in a throwaway container; it starts as soon as the engine answers.'];
  } else if (gate.kind === 'engine' && gate.engine.status === 'failed') {
    title = `No container engine: ${gate.engine.message}`;
    lines = [`How to fix it: ${gate.engine.hint}`, 'Step 1 (Host) checks the engine and says what is missing; gentoo-wb endpoint shows which endpoint was tried.'];
  } else if (gate.kind === 'no-recipe') {
    title = 'No recipe is open.';
    lines = ['Choose a base on step 2 and the packages on step 3 (Recipe), or start with gentoo-wb RECIPE.json.'];
  } else if (gate.kind === 'recipe-problems') {
    title = `The recipe${gate.path ? ` ${gate.path}` : ''} has ${gate.problems.length} problem${gate.problems.length === 1 ? '' : 's'}; fix them on step 3 (Recipe):`;
    lines = gate.problems.map((p) => `  ${formatProblem(p)}`);
  } else {
    title = '';
    lines = [];
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      <Tone tone={gate.kind === 'engine' && gate.engine.status === 'connecting' ? 'info' : 'warn'} bold wrap="wrap">
        {title}
      </Tone>
      {lines.slice(0, Math.max(0, height - 2)).map((l, i) => (
        <Text key={i} wrap="wrap">
          {l}
        </Text>
      ))}
    </Box>
  );
}
