// Asked before moving on while checks failed (or have not finished): moving on is allowed, but
// only knowingly.
import React from 'react';
import { Box, Text } from 'ink';
import type { Finding } from '../../../core/host/finding.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';

export interface ConfirmNextProps {
  target: string;
  /** The failures, or null while the checks still run. */
  failures: readonly Finding[] | null;
  width: number;
  onGo: () => void;
  onStay: () => void;
}

export function ConfirmNext({ target, failures, width, onGo, onStay }: ConfirmNextProps) {
  useCommands(
    'modal',
    { 'app.back': onStay },
    {
      raw: (key) => {
        if (key === 'y') onGo();
        else if (key === 'n' || key === 'q') onStay();
        else return false;
        return true;
      },
      footer: [{ keys: 'y', label: `go on to ${target}` }, { keys: 'n/Esc', label: 'stay and fix' }],
    },
  );
  const shown = (failures ?? []).slice(0, 4);
  return (
    <Box flexDirection="column" width={width} paddingX={1} borderStyle="single">
      <Tone tone="warn" bold>
        {failures === null ? `The host checks have not finished. Go on to ${target} anyway?` : `${failures.length} check${failures.length === 1 ? '' : 's'} failed. Go on to ${target} anyway?`}
      </Tone>
      {shown.map((f) => (
        <Tone key={f.id} tone="fail">{`  ${f.title}`}</Tone>
      ))}
      {failures !== null && failures.length > shown.length ? <Tone tone="muted">{`  and ${failures.length - shown.length} more`}</Tone> : null}
      <Text wrap="wrap">Builds on this host will likely fail until these are fixed. y goes on, n stays here.</Text>
    </Box>
  );
}
