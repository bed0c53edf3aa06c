// The questions the Base screen asks in one text field: a tarball path, then its tag; a stage3 tag
// to pull; a host repository path. Each is checked as it is typed.
import React from 'react';
import { Box } from 'ink';
import { stage3TagProblem } from '../../../core/base/stage3-catalogue.js';
import { invalidTagReason } from '../../../engine/docker/index.js';
import { TextInput } from '../../components/text-input/text-input.js';
import type { InputValidator } from '../../components/text-input/text-input-types.js';

export type Prompt =
  | { kind: 'import-path' }
  | { kind: 'import-tag'; file: string }
  | { kind: 'dated'; initial: string }
  | { kind: 'host-path'; initial: string };

/** Rows the prompt takes. */
export const PROMPT_ROWS = 3;

export interface BasePromptProps {
  prompt: Prompt;
  width: number;
  tarballProblem: (path: string) => string | null;
  onSubmit: (prompt: Prompt, value: string) => void;
  onCancel: () => void;
}

/** A default tag for an imported tarball: local/stage3:<file name without extensions>. */
function importTagFor(file: string): string {
  const stem = (file.split('/').pop() ?? 'imported').replace(/\.(tar|tgz|txz|gz|xz|bz2|zst)$/gi, '').replace(/\.(tar|tgz|txz|gz|xz|bz2|zst)$/gi, '');
  const tag = stem.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9_]+/, '').slice(0, 120);
  return `local/stage3:${tag || 'imported'}`;
}

export function BasePrompt({ prompt, width, tarballProblem, onSubmit, onCancel }: BasePromptProps) {
  const submit = (value: string) => onSubmit(prompt, value.trim());
  let label: string;
  let initial = '';
  let validate: InputValidator;
  let hint: string;
  switch (prompt.kind) {
    case 'import-path':
      label = 'Tarball:';
      validate = (v) => {
        const p = tarballProblem(v.trim());
        return p ? { message: p } : null;
      };
      hint = 'a stage3 or any root file system: .tar, .tar.gz, .tar.xz';
      break;
    case 'import-tag':
      label = 'Tag as:';
      initial = importTagFor(prompt.file);
      validate = (v) => {
        const p = invalidTagReason(v.trim());
        return p ? { message: p } : null;
      };
      hint = `NAME[:TAG] for ${prompt.file}`;
      break;
    case 'dated':
      label = 'gentoo/stage3:';
      initial = prompt.initial;
      validate = (v) => {
        const p = stage3TagProblem(v.trim());
        return p ? { message: p } : null;
      };
      hint = 'a catalogue tag, optionally with -YYYYMMDD (weekly, Mondays)';
      break;
    case 'host-path':
      label = 'Repository:';
      initial = prompt.initial;
      validate = (v) => (v.trim().startsWith('/') ? null : { message: 'an absolute path on the engine\'s host, e.g. /var/db/repos/gentoo', offset: 0 });
      hint = 'mounted read-only at /var/db/repos/gentoo in builds';
      break;
  }
  return (
    <Box height={PROMPT_ROWS} width={width}>
      <TextInput key={prompt.kind} label={label} initial={initial} width={width} validate={validate} hint={hint} onSubmit={submit} onCancel={onCancel} />
    </Box>
  );
}
