// How one row of each section is drawn: presence marks, names, sizes, the current tree source and engine.
import React from 'react';
import { Box, Text } from 'ink';
import type { CatalogueRow } from '../../../core/base/stage3-presence.js';
import type { PortageSource } from '../../../core/recipe/recipe-schema.js';
import type { RowContext } from '../../components/list/row-context.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import { isCurrentTree, type LocalRow, type TreeRow } from './base-items.js';
import { humanSize } from '../../../core/format/size.js';
import { engineSummary, type EngineRow } from './engine-items.js';
import { SelectionText } from '../../components/list/selection-text.js';

export function CatalogueItem({ row, ctx, tagWidth }: { row: CatalogueRow; ctx: RowContext; tagWidth: number }) {
  const { glyphs } = useLook();
  const mark = row.present ? glyphs.pass : row.dated.length > 0 ? glyphs.dot : ' ';
  return (
    <Box width={ctx.width} overflow="hidden">
      <Box width={2} flexShrink={0}>
        <Tone tone={row.present ? 'pass' : 'muted'}>{mark}</Tone>
      </Box>
      <Box width={tagWidth} flexShrink={0}>
        <SelectionText ctx={ctx} wrap="truncate-end">{row.tag}</SelectionText>
      </Box>
      <Text wrap="truncate-end" dimColor={!ctx.selected}>{` ${row.summary}`}</Text>
    </Box>
  );
}

export function LocalItem({ row, ctx }: { row: LocalRow; ctx: RowContext }) {
  const size = humanSize(row.size).padStart(8);
  return (
    <Box width={ctx.width} overflow="hidden">
      <Box width={Math.max(4, ctx.width - size.length)} flexShrink={0}>
        <SelectionText ctx={ctx} wrap="truncate-middle">{row.ref}</SelectionText>
      </Box>
      <Tone tone="muted">{size}</Tone>
    </Box>
  );
}

function treeLabel(row: TreeRow, source: PortageSource): string {
  if (row.kind === 'snapshot') return `snapshot ${row.ref}${row.present ? '' : ' (not present)'}`;
  if (row.kind === 'host') return source.source === 'host' ? `host repository ${source.path}` : 'host repository…';
  return "the base image's own tree";
}

export function TreeItem({ row, source, ctx }: { row: TreeRow; source: PortageSource; ctx: RowContext }) {
  const current = isCurrentTree(row, source);
  return (
    <Box width={ctx.width} overflow="hidden">
      <Box width={4} flexShrink={0}>
        <Text bold={current}>{current ? '(*)' : '( )'}</Text>
      </Box>
      <SelectionText ctx={ctx} wrap="truncate-middle">{treeLabel(row, source)}</SelectionText>
    </Box>
  );
}

export function EngineItem({ row, current, switching, nameWidth, ctx }: { row: EngineRow; current: boolean; switching: boolean; nameWidth: number; ctx: RowContext }) {
  const { glyphs } = useLook();
  const answered = row.check !== null;
  const up = row.check?.reachable === true;
  // The marks, the name and the space before the facts take 7 + nameWidth columns.
  const summary = switching ? `connecting${glyphs.ellipsis}` : engineSummary(row, glyphs.ellipsis, ctx.width - 7 - nameWidth);
  return (
    <Box width={ctx.width} overflow="hidden">
      <Box width={4} flexShrink={0}>
        <Text bold={current}>{current ? '(*)' : '( )'}</Text>
      </Box>
      <Box width={2} flexShrink={0}>
        <Tone tone={!answered ? 'muted' : up ? 'pass' : 'fail'}>{!answered ? ' ' : up ? glyphs.pass : glyphs.fail}</Tone>
      </Box>
      <Box width={nameWidth} flexShrink={0}>
        <SelectionText ctx={ctx} wrap="truncate-end">{row.name}</SelectionText>
      </Box>
      <Text wrap="truncate-end" dimColor={!ctx.selected}>{` ${summary}`}</Text>
    </Box>
  );
}
