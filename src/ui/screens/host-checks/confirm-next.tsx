// Asked before moving on while checks failed (or have not finished): moving on is allowed, but
// only knowingly. The question says what the failures would really affect; `a` goes on and does
// not ask again on this host and kernel while the same checks fail.
import React from 'react';
import { Box } from 'ink';
import type { Finding } from '../../../core/host/finding.js';
import { Tone } from '../../components/tone.js';
import { WrappedText } from '../../components/wrapped-text.js';
import { useCommands } from '../../keys/key-router.js';

export interface ConfirmNextProps {
  target: string;
  /** The failures, or null while the checks still run. */
  failures: readonly Finding[] | null;
  /** What the failures would affect (gateImpact). */
  impact: string;
  width: number;
  /** `remember`: do not ask again for this host, kernel and set of failures. */
  onGo: (remember: boolean) => void;
  onStay: () => void;
  /** An answer can be remembered (settings are at hand and the checks finished). */
  canRemember?: boolean;
}

export function ConfirmNext({ target, failures, impact, width, onGo, onStay, canRemember = false }: ConfirmNextProps) {
  useCommands(
    'modal',
    { 'app.back': onStay },
    {
      raw: (key) => {
        if (key === 'y') onGo(false);
        else if (key === 'a' && canRemember) onGo(true);
        else if (key === 'n' || key === 'q') onStay();
        else return false;
        return true;
      },
      footer: [{ keys: 'y', label: `go on to ${target}` }, ...(canRemember ? [{ keys: 'a', label: 'go on, do not ask again' }] : []), { keys: 'n/Esc', label: 'stay' }],
    },
  );
  const shown = (failures ?? []).slice(0, 4);
  const inner = Math.max(10, width - 4);
  const keys = `y goes on${canRemember ? ', a goes on and does not ask again on this host and kernel' : ''}, n stays here.`;
  return (
    <Box flexDirection="column" width={width} paddingX={1} borderStyle="single">
      <Tone tone="warn" bold>
        {failures === null ? `The host checks have not finished. Go on to ${target} anyway?` : `${failures.length} check${failures.length === 1 ? '' : 's'} failed. Go on to ${target} anyway?`}
      </Tone>
      {shown.map((f) => (
        <WrappedText key={f.id} text={`  ${f.title}${f.onlyFor ? ` (only for ${f.onlyFor})` : ''}`} indent="    " width={inner} tone="fail" />
      ))}
      {failures !== null && failures.length > shown.length ? <Tone tone="muted">{`  and ${failures.length - shown.length} more`}</Tone> : null}
      {failures !== null ? <WrappedText text={impact} width={inner} /> : null}
      <WrappedText text={keys} width={inner} />
    </Box>
  );
}
