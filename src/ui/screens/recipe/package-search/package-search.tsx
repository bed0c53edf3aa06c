// Adding or editing an atom with the tree at hand, like eix while typing: the field, then the packages
// whose name (then description) matches, each with its versions (~testing, **no keywords, [M]asked)
// and description. ↑↓ choose, Enter adds the highlighted package (or the text as typed: ↑ past the
// first result), Esc cancels. Without an index the field works as a plain atom prompt.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { TreeIndex } from '../../../../engine/repo/repo-index-reader.js';
import { visibleSlice } from '../../../components/text-input/text-input-state.js';
import { Tone } from '../../../components/tone.js';
import { useCommands } from '../../../keys/key-router.js';
import { useLook } from '../../../theme/theme-context.js';
import { atomProblem } from '../field-checks.js';
import type { Loaded } from '../use-flag-data.js';
import { atomToAdd, versionLabel, versionTone } from './search-rows.js';
import { usePackageSearch } from './use-package-search.js';

export interface PackageSearchProps {
  label: string;
  initial: string;
  width: number;
  height: number;
  repo: Loaded<TreeIndex>;
  onSubmit(atom: string): void;
  onCancel(): void;
}

const ROWS_PER_HIT = 2;
/** The field, the line marking its bad part, the message. */
const HEAD_ROWS = 3;

function statusOf(repo: Loaded<TreeIndex>, count: number, similar: boolean, typed: string, asTyped: string | null): string {
  if (repo.status === 'loading') return `Reading the package index of ${repo.source}…`;
  if (repo.status === 'failed') return `No package index, Enter adds the atom as typed: ${repo.message}`;
  if (repo.status === 'idle') return 'No engine, no package index: Enter adds the atom as typed';
  if (typed.trim() === '') return `Search ${repo.value.index.packages.length} packages of ${repo.value.index.source} by name or description`;
  const found = similar ? 'Nothing is called that' : `${count === 0 ? 'No' : count} package${count === 1 ? '' : 's'} match`;
  if (asTyped !== null) return `${found}; Enter adds ${asTyped} as typed`;
  if (count === 0) return `${found}; Enter adds it as typed`;
  return similar ? `${found}; did you mean one of these? ↑↓ choose, Enter adds` : `${found}; ↑↓ choose, Enter adds the highlighted one`;
}

export function PackageSearch({ label, initial, width, height, repo, onSubmit, onCancel }: PackageSearchProps) {
  const { glyphs } = useLook();
  const search = usePackageSearch(initial, repo.status === 'ready' ? repo.value.index : null);
  const [tried, setTried] = useState(false);
  const hit = search.highlight >= 0 ? search.results[search.highlight] : undefined;
  const choice = atomToAdd(search.field.value, hit?.pkg.cp ?? null);
  const problem = choice.asTyped ? atomProblem(search.field.value, true) : null;
  const pageRows = Math.max(1, Math.floor((height - HEAD_ROWS) / ROWS_PER_HIT));

  useCommands('modal', {}, {
    raw: (key, input) => {
      if (key === 'enter') {
        if (problem) setTried(true);
        else onSubmit(choice.atom);
      } else if (key === 'escape') onCancel();
      else if (key === 'up') search.move(-1);
      else if (key === 'down') search.move(1);
      else if (key === 'pageup') search.move(-pageRows);
      else if (key === 'pagedown') search.move(pageRows);
      else if (search.edit(key, input)) setTried(false);
      else return false;
      return true;
    },
    footer: [{ keys: 'Enter', label: 'add' }, { keys: '↑↓', label: 'choose' }, { keys: 'Esc', label: 'cancel' }, { keys: '^U', label: 'clear' }],
  });

  const prefix = `${label} `;
  const fieldWidth = Math.max(4, width - prefix.length);
  const { start, text } = visibleSlice(search.field, fieldWidth);
  const cells = [...text, ' '].slice(0, fieldWidth);
  const cursorAt = search.field.cursor - start;
  const first = Math.max(0, Math.min(search.highlight - pageRows + 1, search.results.length - pageRows));
  const shown = search.results.slice(first, first + pageRows);
  // A bad atom is pointed at once it is what Enter would add (nothing highlighted) and something is typed.
  const typed = search.field.value.trim() !== '';
  const shownProblem = problem && (tried || (typed && search.highlight < 0)) ? problem : null;
  const range = shownProblem?.offset !== undefined ? [shownProblem.offset, shownProblem.offset + Math.max(1, shownProblem.length ?? 1)] : null;
  const marks = cells.map((_, i) => (range && start + i >= range[0]! && start + i < range[1]! ? '^' : ' ')).join('').trimEnd();
  const message = shownProblem
    ? `${glyphs.fail} ${tried ? 'fix this first: ' : ''}${shownProblem.message}`
    : statusOf(repo, search.results.length, search.results[0]?.rank === 'similar', search.field.value, choice.asTyped && typed && search.results.length > 0 ? choice.atom : null);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1} width={width}>
        <Tone tone="title" bold>{prefix}</Tone>
        {cells.map((ch, i) => <Text key={i} inverse={i === cursorAt} underline={range !== null && start + i >= range[0]! && start + i < range[1]!}>{ch}</Text>)}
      </Box>
      <Box height={1} width={width}>
        <Text>{' '.repeat(prefix.length)}</Text>
        <Tone tone="fail">{marks || ' '}</Tone>
      </Box>
      <Box height={1} width={width} overflow="hidden">
        <Tone tone={shownProblem ? 'fail' : 'muted'} bold={tried} wrap="truncate-end">{message}</Tone>
      </Box>
      {shown.map((h, i) => {
        const selected = first + i === search.highlight;
        return (
          <Box key={h.pkg.cp} flexDirection="column" width={width} height={ROWS_PER_HIT}>
            <Box height={1} width={width} overflow="hidden">
              <Box width={2} flexShrink={0}><Text bold={selected}>{selected ? glyphs.focus : ' '}</Text></Box>
              <Box flexShrink={0}><Text bold={selected} inverse={selected}>{h.pkg.cp}</Text></Box>
              <Box flexShrink={1} overflow="hidden">
                <Text wrap="truncate-end">
                  {h.pkg.versions.map((v) => <Tone key={v.version} tone={versionTone(v)}>{` ${versionLabel(v)}`}</Tone>)}
                </Text>
              </Box>
            </Box>
            <Box height={1} width={width} overflow="hidden" paddingLeft={4}>
              <Tone tone="muted" wrap="truncate-end">{h.pkg.description || '(no description)'}</Tone>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
