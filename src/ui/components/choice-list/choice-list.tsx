// A plain list of choices drawn by ink-select-input, themed like the rest of the app: the focus
// marker (› or >) and bold/inverse mark the highlighted row, so it reads without colour too.
// The app's one key router owns the keys (UX: no competing useInput), so the select input never
// listens: the highlight comes from `selected` (see use-choice.ts) and the list is remounted on it.
import React from 'react';
import SelectInput, { type IndicatorProps, type ItemProps } from 'ink-select-input';
import { Box } from 'ink';
import { useLook } from '../../theme/theme-context.js';
import { Tone } from '../tone.js';

export interface Choice<V> {
  /** Unique among the choices. */
  key: string;
  label: string;
  value: V;
}

export interface ChoiceListProps<V> {
  choices: ReadonlyArray<Choice<V>>;
  selected: number;
  /** Long labels wrap (questions) or are cut to one row (tables of facts). */
  wrap?: 'wrap' | 'truncate-end';
  /** Rows to show at most; the window follows the selection. */
  limit?: number;
}

function Indicator({ isSelected = false }: IndicatorProps) {
  const { glyphs } = useLook();
  return (
    <Box width={2} flexShrink={0}>
      {isSelected ? (
        <Tone tone="focus" bold>
          {glyphs.focus}
        </Tone>
      ) : (
        <Tone>{glyphs.unfocused}</Tone>
      )}
    </Box>
  );
}

function row(wrap: 'wrap' | 'truncate-end') {
  return function Row({ isSelected = false, label }: ItemProps) {
    return (
      <Box flexGrow={1} flexShrink={1} height={wrap === 'wrap' ? undefined : 1} overflow="hidden">
        <Tone bold={isSelected} inverse={isSelected} wrap={wrap}>
          {label}
        </Tone>
      </Box>
    );
  };
}

const WRAPPED_ROW = row('wrap');
const ONE_LINE_ROW = row('truncate-end');

/** The choices, one per row (or wrapped rows), the `selected` one marked. */
export function ChoiceList<V>({ choices, selected, wrap = 'wrap', limit }: ChoiceListProps<V>) {
  const items = choices.map((c) => ({ key: c.key, label: c.label, value: c.value }));
  const index = Math.max(0, Math.min(choices.length - 1, selected));
  // A new list resets the select input's own highlight to the first row: remount on the list too.
  return (
    <SelectInput
      key={`${index} ${choices.map((c) => c.key).join(' ')}`}
      items={items}
      initialIndex={index}
      limit={limit === undefined ? undefined : Math.max(1, limit)}
      isFocused={false}
      indicatorComponent={Indicator}
      itemComponent={wrap === 'wrap' ? WRAPPED_ROW : ONE_LINE_ROW}
    />
  );
}

