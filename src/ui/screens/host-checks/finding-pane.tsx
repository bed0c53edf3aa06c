// Right pane: the selected group's findings, problems first, in a window that follows the selection.
import React from 'react';
import { Box, Text } from 'ink';
import type { Finding } from '../../../core/host/finding.js';
import { Tone } from '../../components/tone.js';
import { wrappedRows } from '../../components/wrapped-text.js';
import { useLook } from '../../theme/theme-context.js';
import { StatusMark } from './status-mark.js';

export interface FindingPaneProps {
  title: string;
  findings: readonly Finding[];
  /** How many the group has in all (the filter may hide some). */
  total: number;
  selected: number;
  top: number;
  focused: boolean;
  problemsOnly: boolean;
  width: number;
  height: number;
  /** The checks are still running for the first time. */
  pending?: boolean;
}

const SELECTED_ROWS = 3;

/**
 * The findings drawn in the window: the selected one's title wraps (up to three rows) so it reads in
 * full; rows it takes are given up at the far end of the window from it.
 */
function paneRows(findings: readonly Finding[], selected: number, top: number, body: number, titleWidth: number): Array<{ finding: Finding; index: number; rows: string[] }> {
  const shown = findings.slice(top, top + body).map((finding, i) => {
    const index = top + i;
    return { finding, index, rows: index === selected ? wrappedRows(finding.title, titleWidth, SELECTED_ROWS) : [finding.title] };
  });
  let used = shown.reduce((n, r) => n + r.rows.length, 0);
  while (used > body && shown.length > 1) {
    const drop = shown.at(-1)!.index === selected ? shown.shift()! : shown.pop()!;
    used -= drop.rows.length;
  }
  return shown;
}

export function FindingPane({ title, findings, total, selected, top, focused, problemsOnly, width, height, pending = false }: FindingPaneProps) {
  const { glyphs } = useLook();
  const body = Math.max(0, height - 1);
  const range = findings.length > body ? ` ${top + 1}-${Math.min(findings.length, top + body)} of ${findings.length}` : '';
  const filter = problemsOnly ? `, problems only (${findings.length} of ${total})` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1}>
        <Tone tone="title" bold={focused} underline={focused}>
          {`${title}${filter}${range}`}
        </Tone>
      </Box>
      {findings.length === 0 ? (
        <Tone tone="muted" wrap="wrap">
          {pending ? `Checking${glyphs.ellipsis} the results appear here.` : problemsOnly ? `No failures or warnings here. f shows all ${total} checks.` : 'Nothing was checked in this group.'}
        </Tone>
      ) : (
        paneRows(findings, selected, top, body, Math.max(1, width - 4)).map(({ finding: f, index, rows }) => {
          const isSelected = index === selected;
          return (
            <Box key={f.id} height={rows.length} width={width} overflow="hidden">
              {/* Fixed-width marker and status columns: a long title must not squeeze them. */}
              <Box width={2} flexShrink={0}>
                <Text bold={isSelected}>{isSelected && focused ? glyphs.focus : glyphs.unfocused}</Text>
              </Box>
              <Box width={2} flexShrink={0}>
                <StatusMark status={f.status} />
              </Box>
              <Box flexGrow={1} flexShrink={1} overflow="hidden" flexDirection="column">
                {rows.map((row, r) => (
                  <Box key={r} height={1}>
                    <Text inverse={isSelected && focused} bold={isSelected} wrap="truncate-end">
                      {row}
                    </Text>
                  </Box>
                ))}
              </Box>
            </Box>
          );
        })
      )}
    </Box>
  );
}
