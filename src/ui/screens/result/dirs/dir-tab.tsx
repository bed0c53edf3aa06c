// Directories: the image's final file system as an ncdu tree — size, a bar of the parent's share,
// the name (directories end in /), file counts — drawn only for the rows in the window. The header
// says what the sizes are: the files' own bytes (apparent size, hard links once), not `du`'s blocks.
import React from 'react';
import { Box, Text } from 'ink';
import type { DirNode } from '../../../../core/inspect/dir-tree.js';
import { Tone } from '../../../components/tone.js';
import { useLook } from '../../../theme/theme-context.js';
import { bar } from '../../../../core/format/bar.js';
import { bytes, fit, fitLeft } from '../format.js';
import { useTree } from './use-tree.js';
import type { TabProps } from '../tab-props.js';

export interface DirTabProps extends TabProps {
  root: DirNode;
}

const BAR = 10;
/** What the size column counts, said once above it. */
const DIR_SIZE_NOTE = "sizes are file bytes, not du's disk blocks";

export function DirTab({ root, width, height, active, footer }: DirTabProps) {
  const { glyphs } = useLook();
  // One row for the header, one for the status line.
  const body = Math.max(1, height - 2);
  const tree = useTree(root, { height: body, active, footer });
  const visible = tree.rows.slice(tree.top, tree.top + body);
  const filtered = tree.matches !== null;
  const status = tree.filtering || filtered
    ? `/${tree.query}${tree.filtering ? '_' : ''}  ${tree.matches ?? 0} match${tree.matches === 1 ? '' : 'es'}${(tree.matches ?? 0) > tree.rows.length ? ` (largest ${tree.rows.length} shown)` : ''}`
    : `${tree.rows.length > body ? `${tree.top + 1}-${Math.min(tree.rows.length, tree.top + body)} of ${tree.rows.length} rows · ` : ''}${bytes(root.size)} in ${root.files} files · sorted by ${tree.sort}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="title">{`  ${'SIZE'.padStart(9)} ${'OF PARENT'.padEnd(BAR)}  NAME`}</Tone>
        <Tone tone="muted">{fit(` · ${DIR_SIZE_NOTE}`, Math.max(0, width - (2 + 9 + 1 + BAR + 2 + 4)))}</Tone>
      </Box>
      {visible.length === 0 ? <Tone tone="muted">{filtered ? `Nothing matches "${tree.query}". Esc clears the filter.` : 'The image has no files.'}</Tone> : null}
      {visible.map((row, i) => {
        const index = tree.top + i;
        const isSelected = index === tree.selected;
        const node = row.node;
        const isDir = node.children !== null;
        const open = isDir && tree.expanded.has(node.path);
        const indent = filtered ? '' : '  '.repeat(row.depth);
        const mark = isDir ? (open ? '-' : '+') : ' ';
        const fraction = row.parentSize === 0 ? 0 : node.size / row.parentSize;
        const files = isDir ? ` ${node.files} file${node.files === 1 ? '' : 's'}` : '';
        const fixed = 2 + 9 + 1 + BAR + 2 + 1 + files.length;
        const nameRoom = Math.max(4, width - fixed - indent.length - 2);
        const label = filtered ? fitLeft(node.path + (isDir ? '/' : ''), nameRoom) : fit(node.name + (isDir ? '/' : ''), nameRoom);
        return (
          <Box key={node.path} height={1} width={width} overflow="hidden">
            <Box width={2} flexShrink={0}>
              <Text bold={isSelected}>{isSelected ? (active ? glyphs.focus : glyphs.dot) : glyphs.unfocused}</Text>
            </Box>
            <Box flexShrink={0}>
              <Text inverse={isSelected && active} bold={isSelected}>
                {`${bytes(node.size).padStart(9)} `}
              </Text>
              <Tone tone="progress">{bar(fraction, BAR, glyphs.barFull, glyphs.barEmpty)}</Tone>
              <Text inverse={isSelected && active} bold={isSelected || isDir}>
                {` ${indent}${mark}${label}`}
              </Text>
              {files ? <Tone tone="muted">{files}</Tone> : null}
            </Box>
          </Box>
        );
      })}
      {Array.from({ length: Math.max(0, body - Math.max(visible.length, 1)) }, (_, i) => (
        <Box key={`pad${i}`} height={1} />
      ))}
      <Box height={1} width={width} overflow="hidden">
        <Tone tone={tree.filtering || filtered ? 'accent' : 'muted'}>{status}</Tone>
      </Box>
    </Box>
  );
}
