// The Build step with nothing built yet: what a build of the open recipe will do, and either
// "b builds it" or exactly what is missing first.
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { useContentSize } from '../../layout/content-size.js';
import { useWorkbench } from '../../session/workbench-context.js';
import { useLook } from '../../theme/theme-context.js';
import { planSummary, recipeSummary } from './build-summary.js';
import { buildReadiness } from './readiness.js';

const LABEL_WIDTH = 10;

export function BuildIdle({ starting, onStart }: { starting: boolean; onStart: () => void }) {
  const { width, height } = useContentSize();
  const { glyphs } = useLook();
  const state = useWorkbench((s) => s);
  const { recipe, base, sandbox } = state;
  // A configured engine picked on Base is named; the default endpoint is what the build has always used.
  const engineName = state.engine.name;
  const readiness = buildReadiness(state);
  const summary = useMemo(() => (recipe.doc ? recipeSummary(recipe.doc, recipe.path, recipe.dirty) : []), [recipe]);
  const plan = useMemo(() => (recipe.doc ? planSummary(recipe.doc, base, sandbox) : null), [recipe.doc, base, sandbox]);

  // Without a recipe there is nothing b could build: the verdict below says how to get one.
  const offer = !starting && recipe.doc !== null;
  useCommands('screen', { 'build.start': offer ? onStart : undefined }, { footer: offer ? ['build.start'] : [] });

  const planLines: { label: string; value: string }[] = [];
  if (plan?.ok) {
    plan.steps.forEach((s, i) => planLines.push({ label: i === 0 ? 'Steps' : '', value: `${i + 1}. ${s}` }));
    if (plan.finish.length > 0) planLines.push({ label: 'Then', value: plan.finish.join(` ${glyphs.separator} `) });
  } else if (plan && !plan.ok) {
    planLines.push({ label: 'Plan', value: `none: ${plan.problem}` });
  }
  const lines = [...summary, ...planLines];
  // Leave room for the verdict below (it may wrap to three lines).
  const room = Math.max(0, height - 6);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1}>
        <Tone tone="title" bold>
          {starting ? 'Starting the build: sandbox check, plan, cache volumes, Portage tree…' : 'Nothing is building.'}
        </Tone>
      </Box>
      <Box height={1} />
      {lines.slice(0, room).map((line, i) => (
        <Box key={i} height={1} width={width} overflow="hidden">
          <Box width={LABEL_WIDTH} flexShrink={0}>
            <Tone tone="muted">{line.label}</Tone>
          </Box>
          <Text wrap="truncate-end">{line.value}</Text>
        </Box>
      ))}
      <Box height={1} />
      <Box width={width} overflow="hidden">
        {starting ? null : readiness.ok && !(plan && !plan.ok) ? (
          <Text>
            <Tone tone="key" bold>
              b
            </Tone>
            {` builds it${engineName === undefined ? '' : ` on engine ${engineName}`} in a labelled container; the build goes on if this session ends.`}
          </Text>
        ) : (
          <Tone tone="warn" wrap="wrap">
            {`${glyphs.warn} Cannot build yet: ${readiness.ok ? (plan && !plan.ok ? plan.problem : '') : readiness.reason}`}
          </Tone>
        )}
      </Box>
    </Box>
  );
}
