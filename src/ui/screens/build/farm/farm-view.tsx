// The farm as it runs: one row per recipe (engine, state, the package building, N of M, compiled and
// binary counts, time), what the selected row waits for or how it ended, the farm's last own line, the
// shared binhost at the bottom, and at the end the summary the command prints. Enter opens a
// row's build read-only; Esc cancels the running farm (asks first) or goes back once it ended.
import React, { useState } from 'react';
import os from 'node:os';
import path from 'node:path';
import { Box, Text } from 'ink';
import { sanitizeText } from '../../../../core/format/sanitize.js';
import { ListView } from '../../../components/list/list-view.js';
import { useList } from '../../../components/list/use-list.js';
import { Tone } from '../../../components/tone.js';
import { useWizard } from '../../../app/wizard-context.js';
import { useCommands } from '../../../keys/key-router.js';
import { useLook } from '../../../theme/theme-context.js';
import { formatDuration } from '../format.js';
import { useTicker } from '../use-ticker.js';
import { ConfirmCancel } from './confirm-cancel.js';
import { headerText, rowText } from './farm-columns.js';
import type { FarmController } from './farm-controller.js';
import { binhostLine, farmElapsed, rowFacts, rowState, type FarmState } from './farm-model.js';
import { FarmPreview } from './farm-preview.js';
import { FarmSummaryPane } from './farm-summary-pane.js';

type Pane = 'rows' | 'summary';

/** The first line: how the farm stands. */
function titleOf(state: FarmState, now: number): { text: string; tone: 'info' | 'pass' | 'fail' | 'warn' } {
  const time = formatDuration(farmElapsed(state, now));
  const what = `${state.rows.length} recipes on ${state.engines.join(', ')}`;
  if (state.cancelling) return { text: `Farm cancelling ${time}: stopping every build, removing what they made`, tone: 'warn' };
  if (state.phase === 'scheduling') return { text: `Farm starting ${time}: reading ${what} (bases, cache keys, forecasts)`, tone: 'info' };
  if (state.phase === 'running') return { text: `Farm running ${time}: ${what}`, tone: 'info' };
  if (state.phase === 'failed') return { text: `Farm did not run: ${what}`, tone: 'fail' };
  const cancelled = state.summary?.recipes.some((r) => r.status === 'cancelled' || r.status === 'not started');
  if (state.summary?.ok) return { text: `Farm done ${time}: every recipe built`, tone: 'pass' };
  return { text: `Farm ${cancelled ? 'cancelled' : 'FAILED'} ${time}: not every recipe built`, tone: cancelled ? 'warn' : 'fail' };
}

/** What the selected row's line under the table says. */
function rowDetail(state: FarmState, index: number): string {
  const row = state.rows[index];
  if (!row) return '';
  const where = row.engine ? ` on ${row.engine}` : '';
  const build = row.buildId ? ` · build ${row.buildId}` : '';
  const waits = row.after.length > 0 ? ` · after ${row.after.map((i) => state.rows[i]?.name).join(', ')} (${row.waitsFor.join(' ')} as binaries)` : '';
  const ended = row.result?.message && row.result.status !== 'succeeded' ? ` · ${row.result.message}` : '';
  return `${row.name}${where}: ${rowState(state, index)}${build}${waits}${ended} · ${row.file}`;
}

/** Beside the farm's first build (its folder's saved/), else in the home folder. */
function summaryPath(state: FarmState): string {
  const dir = state.rows.find((r) => r.logDir !== null)?.logDir;
  return dir ? path.join(dir, 'saved', 'farm-summary.txt') : path.join(os.homedir(), 'gentoo-wb-farm-summary.txt');
}

export interface FarmViewProps {
  controller: FarmController;
  state: FarmState;
  width: number;
  height: number;
  onOpen: (index: number) => void;
}

export function FarmView({ controller, state, width, height, onOpen }: FarmViewProps) {
  const { glyphs, animate } = useLook();
  const { notify } = useWizard();
  const running = state.phase === 'scheduling' || state.phase === 'running';
  const now = useTicker(running && animate);
  const [asking, setAsking] = useState(false);
  const [pane, setPane] = useState<Pane>('rows');
  const summary = state.summary;
  // The table takes up to half the body (a third beside the summary); the selected build's lines the rest.
  const rowsHeight = Math.max(1, Math.min(state.rows.length, summary ? Math.floor((height - 7) / 3) : Math.max(2, Math.floor((height - 5) / 2))));
  const indexes = state.rows.map((_, i) => i);
  const list = useList(indexes, {
    height: rowsHeight,
    active: !asking && (pane === 'rows' || !summary),
    searchText: (i) => state.rows[i]!.name,
    onChoose: (i) => {
      if (state.rows[i]?.buildId) onOpen(i);
      else notify(`${state.rows[i]?.name} has no build yet (${rowState(state, i)})`, 'info');
    },
    labels: { choose: 'show build' },
    footerKeys: ['choose'],
  });
  const selected = list.selectedItem ?? 0;
  const back = running ? () => setAsking(true) : () => controller.show('none');
  const togglePane = summary ? () => setPane((p) => (p === 'rows' ? 'summary' : 'rows')) : undefined;
  useCommands('screen', {
    'app.back': state.cancelling ? undefined : back,
    'build.farm': running ? undefined : () => controller.show('setup'),
    'pane.next': togglePane,
    'pane.prev': togglePane,
  }, { footer: [...(summary ? [{ keys: 'Tab', label: 'pane' }] : []), ...(state.cancelling ? [] : [{ keys: 'Esc', label: running ? 'cancel farm' : 'back' }]), ...(running ? [] : [{ keys: 'f', label: 'new farm' }])] });

  const title = titleOf(state, now);
  // Title, note, header, detail line, binhost line; the table's position line when it scrolls.
  const previewHeight = height - 5 - rowsHeight - (list.visible.length > rowsHeight ? 1 : 0);
  const summaryHeight = summary ? Math.max(3, height - 6 - rowsHeight - (list.visible.length > rowsHeight ? 1 : 0)) : 0;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1} width={width} overflow="hidden">
        <Tone tone={title.tone} bold wrap="truncate-end">{title.text}</Tone>
      </Box>
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="muted" wrap="truncate-end">{state.note ? sanitizeText(state.note) : ' '}</Tone>
      </Box>
      <Box height={1} width={width} overflow="hidden">
        <Text bold wrap="truncate-end">{`  ${headerText(width - 2)}`}</Text>
      </Box>
      <ListView list={list} width={width} focused={pane === 'rows' && !asking}
        renderItem={(i: number, ctx) => (
          <Text wrap="truncate-end" bold={ctx.selected} inverse={ctx.selected && ctx.focused}>
            {rowText(sanitizeText(state.rows[i]!.name), state.rows[i]!.engine, rowFacts(state, i, now), ctx.width, glyphs.ellipsis)}
          </Text>
        )} />
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="muted" wrap="truncate-end">{sanitizeText(rowDetail(state, selected))}</Tone>
      </Box>
      {asking ? (
        <ConfirmCancel count={state.rows.length} width={width} onStay={() => setAsking(false)} onCancel={() => {
          setAsking(false);
          void controller.cancel();
        }} />
      ) : null}
      {summary && !asking ? (
        <FarmSummaryPane summary={summary} width={width} height={summaryHeight} savePath={summaryPath(state)} focused={pane === 'summary'} commands={{ 'app.back': () => setPane('rows') }}
          onSaved={(text, ok) => notify(text, ok ? 'pass' : 'fail')} />
      ) : null}
      {!summary && !asking && state.phase !== 'failed' && previewHeight >= 3 ? (
        <FarmPreview name={sanitizeText(state.rows[selected]?.name ?? '')} ring={state.rows[selected]?.buildId ? controller.ring(selected) : null}
          waiting={rowState(state, selected)} width={width} height={previewHeight} />
      ) : null}
      {state.phase === 'failed' && state.error ? (
        <Box width={width} overflow="hidden">
          <Tone tone="fail" wrap="wrap">{`${glyphs.fail} ${sanitizeText(state.error)}`}</Tone>
        </Box>
      ) : null}
      <Box flexGrow={1} />
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="muted" wrap="truncate-end">{sanitizeText(binhostLine(state, glyphs.arrow))}</Tone>
      </Box>
    </Box>
  );
}
