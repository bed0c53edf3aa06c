// The chosen base as the probe container read it: profile, CHOST, Portage version and the number
// of installed packages, with any problem met on the way.
import React from 'react';
import { Box, Text } from 'ink';
import type { BaseInfo } from '../../../engine/base/inspect-base.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';

export interface BaseFactsState {
  image: string | null;
  reading: boolean;
  info: BaseInfo | null;
  error: string | null;
  treeProblem: string | null;
}

function Row({ label, value }: { label: string; value: string | null }) {
  return (
    <Box height={1} flexShrink={0}>
      <Box width={9} flexShrink={0}>
        <Tone tone="muted">{label}</Tone>
      </Box>
      <Text wrap="truncate-middle">{value ?? 'unknown'}</Text>
    </Box>
  );
}

export function BaseFacts({ state, width }: { state: BaseFactsState; width: number }) {
  const { glyphs } = useLook();
  if (state.image === null) return <Tone tone="muted">No base chosen yet.</Tone>;
  return (
    <Box flexDirection="column" width={width}>
      <Box flexShrink={0}>
        <Tone tone="title" bold wrap="truncate-middle">{`Base ${state.image}`}</Tone>
      </Box>
      {state.reading ? <Tone tone="info">{`Reading profile, CHOST, Portage${glyphs.ellipsis}`}</Tone> : null}
      {state.error ? (
        <Box flexShrink={0}>
          <Tone tone="fail" wrap="wrap">{`${glyphs.fail} ${state.error}`}</Tone>
        </Box>
      ) : null}
      {state.info && !state.reading ? (
        <>
          <Row label="profile" value={state.info.profile} />
          <Row label="CHOST" value={state.info.chost} />
          <Row label="Portage" value={state.info.portageVersion} />
          <Row label="packages" value={`${state.info.installed.length} installed`} />
          {state.info.infoProblem ? <Tone tone="warn">{`${glyphs.warn} emerge --info: ${state.info.infoProblem.split('\n').at(-1) ?? ''}`}</Tone> : null}
        </>
      ) : null}
      {state.treeProblem ? (
        <Box flexShrink={0}>
          <Tone tone="warn" wrap="wrap">{`${glyphs.warn} tree not mounted: ${state.treeProblem}`}</Tone>
        </Box>
      ) : null}
    </Box>
  );
}
