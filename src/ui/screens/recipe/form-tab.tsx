// A tab that is a form: one row per setting, Enter edits text (checked as typed: the text itself,
// then the recipe's validation of the field), Space or Enter flips toggles, and the selected row's
// note under the list.
import React from 'react';
import { Box } from 'ink';
import { ListView } from '../../components/list/list-view.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { WrappedText, wrappedRows } from '../../components/wrapped-text.js';
import { useCommands, type CommandHandlers, type FooterItem } from '../../keys/key-router.js';
import { fieldProblem } from './field-checks.js';
import type { FormRow } from './form-rows.js';
import type { TabProps } from './tab-types.js';
import { SelectionText } from '../../components/list/selection-text.js';

export interface FormTabProps extends TabProps {
  rows: FormRow[];
  /** A line above the rows. */
  header?: React.ReactNode;
  /** Extra keys of this tab (on the screen layer) and their footer entries. */
  commands?: CommandHandlers;
  footer?: Array<string | FooterItem>;
  /** d on a row (only rows this returns true for). */
  onDelete?: (row: FormRow) => boolean;
  /** Columns for the labels; default: the longest label's (up to 40% of the width), so none is cut. */
  labelWidth?: number;
}

const NOTE_ROWS = 3;

function editRow(row: Extract<FormRow, { kind: 'text' }>, props: TabProps): void {
  props.ask({
    label: `${row.label}:`,
    initial: row.initial,
    hint: row.hint,
    validate: (text) => {
      const own = row.check?.(text);
      if (own) return own;
      const applied = row.apply(text);
      if (!applied.ok) return { message: applied.problem, offset: applied.offset };
      return fieldProblem(applied.value, row.field);
    },
    submit: (text) => {
      const applied = row.apply(text);
      if (applied.ok) props.edit(applied.value);
    },
  });
}

/** A form of rows over the tab's box. */
export function FormTab(props: FormTabProps) {
  const { rows, width, height, active, header } = props;
  const labelWidth = props.labelWidth ?? Math.min(Math.floor(width * 0.4), Math.max(8, ...rows.map((r) => r.label.length + 1)));
  // The note under the list wraps (a mode's description and its Space hint), so the list gives up rows.
  const noteRows = (note: string | undefined) => wrappedRows(note ?? ' ', width, NOTE_ROWS).length;
  const noteHeight = Math.max(...rows.map((r) => noteRows(r.note)), 1);
  const listHeight = Math.max(1, height - (header ? 1 : 0) - 1 - noteHeight);
  const act = (row: FormRow) => {
    if (row.kind === 'text') editRow(row, props);
    else if (row.kind === 'toggle') props.edit(row.toggle());
  };
  const list = useList(rows, {
    height: listHeight,
    active,
    searchText: (r) => `${r.label} ${r.value}`,
    onChoose: act,
    onToggle: (r) => r.kind === 'toggle' && props.edit(r.toggle()),
    labels: { choose: 'edit', toggle: 'toggle' },
    footerKeys: ['choose'],
    footer: props.footer ?? [],
  });
  const selected = list.selectedItem;
  const selectedRow = selected;
  const commands: CommandHandlers = { ...props.commands };
  if (props.onDelete) commands['recipe.delete'] = () => selectedRow && !props.onDelete!(selectedRow) && props.notify('This row cannot be removed', 'info');
  useCommands('screen', commands, { active, footer: [] });
  return (
    <Box flexDirection="column" width={width} height={height}>
      {header ? <Box height={1} width={width} overflow="hidden">{header}</Box> : null}
      <ListView
        list={list}
        width={width}
        focused={active}
        renderItem={(row, ctx) => (
          <Box width={ctx.width} overflow="hidden">
            <Box width={labelWidth} flexShrink={0}>
              <SelectionText ctx={ctx} wrap="truncate-end">{row.label}</SelectionText>
            </Box>
            <Tone tone={row.warn ? 'warn' : row.kind === 'info' ? 'muted' : undefined} wrap="truncate-end">{` ${row.value}`}</Tone>
          </Box>
        )}
      />
      <Box height={noteHeight} width={width} flexDirection="column">
        <WrappedText text={selected?.note ?? ' '} width={width} maxRows={NOTE_ROWS} tone={selected?.warn ? 'warn' : 'muted'} bold={selected?.warn} />
      </Box>
    </Box>
  );
}
