// Diff: this image against the base, the previous build of the recipe, or another image — total
// delta, packages added/removed/changed with size deltas, directories that grew most. `d` picks the
// other side; the diff is computed when the tab is opened or the target changes.
import React from 'react';
import { Box, Text } from 'ink';
import type { ImageDiff, PackageDelta } from '../../../core/inspect/diff.js';
import { HeadedList } from '../../components/list/headed-list.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { fit, signedBytes, bytes } from './format.js';
import type { DiffTarget } from './result-services.js';
import { SizeRow } from './size-row.js';
import type { TabProps } from './tab-props.js';

export type DiffState =
  | { status: 'idle' }
  | { status: 'running'; target: DiffTarget; progress: string }
  | { status: 'done'; target: DiffTarget; diff: ImageDiff }
  | { status: 'failed'; target: DiffTarget; message: string };

export interface DiffTabProps extends TabProps {
  state: DiffState;
}

function targetText(t: DiffTarget): string {
  return t.kind === 'base' ? 'the base image' : t.kind === 'previous' ? 'the previous build of this recipe' : t.ref;
}

function rowText(d: PackageDelta): string {
  if (d.kind === 'added') return `+ ${d.after!.cpv}`;
  if (d.kind === 'removed') return `- ${d.before!.cpv}`;
  const version = d.reasons.includes('version') ? ` → ${d.after!.version}` : '';
  const use = d.reasons.includes('use') ? ' (USE)' : '';
  return `~ ${d.before!.cpv}${version}${use}`;
}

const TONE = { added: 'added', removed: 'removed', changed: 'changed' } as const;

export function DiffTab({ state, width, height, active, footer }: DiffTabProps) {
  const diff = state.status === 'done' ? state.diff : null;
  const items = React.useMemo(() => (diff ? [...diff.added, ...diff.removed, ...diff.changed] : []), [diff]);
  const dirRows = diff ? Math.min(5, diff.grew.length) : 0;
  const list = useList(items, {
    height: Math.max(1, height - 3 - (dirRows > 0 ? dirRows + 1 : 0)),
    active: active && diff !== null,
    searchText: (d) => d.key,
    footer: ['result.diffWith', ...footer],
  });
  if (state.status === 'idle') return <Tone tone="muted">d chooses what to compare with: the base image, the previous build, or another image.</Tone>;
  if (state.status === 'running') {
    return (
      <Box flexDirection="column" width={width}>
        <Text wrap="truncate-end">{`Comparing with ${targetText(state.target)}…`}</Text>
        <Tone tone="muted">{state.progress || ' '}</Tone>
      </Box>
    );
  }
  if (state.status === 'failed') {
    return (
      <Box flexDirection="column" width={width}>
        <Tone tone="fail" wrap="wrap">{`Cannot compare with ${targetText(state.target)}: ${state.message}`}</Tone>
        <Tone tone="muted">d tries another target.</Tone>
      </Box>
    );
  }
  const d = state.diff;
  const pct = d.percent === null ? '' : ` (${d.percent >= 0 ? '+' : ''}${d.percent.toFixed(1)} %)`;
  return (
    <HeadedList
      height={height}
      headings={[
        <Tone tone="title" bold>{fit(`${d.from.label} ${bytes(d.from.size)} → ${bytes(d.to.size)}: ${signedBytes(d.delta)}${pct}`, width)}</Tone>,
        <>
          <Tone tone="added">{`${d.added.length} added`}</Tone>
          <Text>{'  '}</Text>
          <Tone tone="removed">{`${d.removed.length} removed`}</Tone>
          <Text>{'  '}</Text>
          <Tone tone="changed">{`${d.changed.length} changed`}</Tone>
          <Tone tone="muted">{`  ${d.unchanged} unchanged`}</Tone>
        </>,
      ]}
      list={list}
      width={width}
      focused={active}
      empty="The same packages on both sides."
      renderItem={(item, ctx) => (
        <SizeRow ctx={ctx} lead={`${signedBytes(item.delta).padStart(10)} `}>
          <Tone tone={TONE[item.kind]} bold={ctx.selected}>{fit(rowText(item), ctx.width - 11)}</Tone>
        </SizeRow>
      )}
    >
      {dirRows > 0 ? (
        <Box flexDirection="column">
          <Tone tone="title" bold>Directories that grew most</Tone>
          {d.grew.slice(0, dirRows).map((g) => (
            <Box key={g.path} height={1} width={width} overflow="hidden">
              <Text wrap="truncate-end">{`${signedBytes(g.delta).padStart(10)}  ${g.path}`}</Text>
            </Box>
          ))}
        </Box>
      ) : null}
    </HeadedList>
  );
}
