// One line once the build ended: the image made (and the way to Result), or why there is none.
import React, { useEffect, useRef } from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { useWizard } from '../../app/wizard-context.js';
import { useLook } from '../../theme/theme-context.js';
import type { BuildState } from '../../session/workbench-store.js';
import { shortId } from '../../../core/format/short-id.js';

export interface ResultLineProps {
  build: BuildState;
  image: { id: string; tags: string[] } | null;
  width: number;
}

export function ResultLine({ build, image, width }: ResultLineProps) {
  const { glyphs } = useLook();
  const { notify } = useWizard();
  // A failure message longer than the row (an engine error with ids and names) is also posted to
  // the message line, which wraps it whole; the row keeps its start.
  const posted = useRef<string | null>(null);
  const why = build.outcome === 'failed' || build.outcome === 'lost' ? build.message : null;
  useEffect(() => {
    if (!why || why.length + 2 <= width - 1 || posted.current === `${build.id}\0${why}`) return;
    posted.current = `${build.id}\0${why}`;
    notify(why, 'fail');
  }, [why, width, build.id, notify]);
  let tone: 'pass' | 'fail' | 'warn' | 'muted';
  let text: string;
  switch (build.outcome) {
    case 'running':
      return null;
    case 'succeeded':
      tone = 'pass';
      text = image
        ? `${glyphs.pass} Built image ${shortId(image.id)}${image.tags.length > 0 ? ` as ${image.tags.join(', ')}` : ''}  ] opens Result`
        : `${glyphs.pass} The build succeeded  ] opens Result`;
      break;
    case 'failed':
      tone = 'fail';
      text = `${glyphs.fail} ${build.message ?? 'The build failed.'}`;
      break;
    case 'cancelled':
      tone = 'warn';
      text = 'Cancelled: the build container was removed and nothing was tagged.';
      break;
    case 'detached':
      tone = 'muted';
      text = `Detached: the build goes on in its container; gentoo-wb attach ${build.id} follows it again.`;
      break;
    case 'lost':
      tone = 'fail';
      text = `${glyphs.fail} ${build.message ?? `Lost the build; gentoo-wb attach ${build.id} tries again.`}`;
      break;
  }
  return (
    <Box height={1} width={width} overflow="hidden">
      <Tone tone={tone} bold>
        {text}
      </Tone>
      <Text> </Text>
    </Box>
  );
}
