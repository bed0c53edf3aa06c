// A failed pull or import in the detail pane: what failed, the engine's words, and what to do.
// A registry that cannot be reached gets a plain headline, since that is the usual offline case.
import React from 'react';
import { Box } from 'ink';
import { Tone } from '../../components/tone.js';
import type { OperationFailure } from './use-operation.js';

/** True when the failure means no registry could be reached (offline, DNS, proxy, deadline). */
export function registryDown(failure: OperationFailure): boolean {
  return /cannot reach the registry|no registry answered|stopped sending data/i.test(failure.message);
}

export function FailureView({ failure, width }: { failure: OperationFailure; width: number }) {
  if (failure.message === 'cancelled') {
    return (
      <Box flexShrink={0} width={width}>
        <Tone tone="muted" wrap="wrap">{`${failure.what}: cancelled`}</Tone>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" marginTop={1} width={width} flexShrink={0}>
      <Box flexShrink={0}>
        <Tone tone="fail" bold>{registryDown(failure) ? 'No registry answered.' : `${failure.what} failed.`}</Tone>
      </Box>
      {registryDown(failure) ? (
        <Box flexShrink={0}>
          <Tone tone="info" wrap="wrap">i imports a stage3 tarball instead.</Tone>
        </Box>
      ) : null}
      <Box flexShrink={0}>
        <Tone tone="fail" wrap="wrap">{failure.message}</Tone>
      </Box>
      {failure.hint ? (
        <Box flexShrink={0}>
          <Tone tone="muted" wrap="wrap">{failure.hint}</Tone>
        </Box>
      ) : null}
    </Box>
  );
}
