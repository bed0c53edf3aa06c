// One build of the farm, read-only (the farm runs it; cancelling is the farm's): the live pane's
// header and package rows, and the build's whole output underneath (scroll, search, w, s, o $PAGER
// on its output.log). Esc goes back to the farm.
import React, { useEffect, useMemo } from 'react';
import os from 'node:os';
import path from 'node:path';
import { Box, Text } from 'ink';
import { LogTerminal } from '../../../components/log-view/log-terminal.js';
import { LogView } from '../../../components/log-view/log-view.js';
import { feedRing } from '../../../components/log-view/ring-feed.js';
import type { LineRing } from '../../../components/log-view/line-ring.js';
import { Tone } from '../../../components/tone.js';
import { useWizard } from '../../../app/wizard-context.js';
import { useRingCount } from '../use-ring-count.js';
import { useLook } from '../../../theme/theme-context.js';
import type { BuildState } from '../../../session/workbench-store.js';
import { BuildHeader } from '../build-header.js';
import { useBuildServices } from '../build-context.js';
import { EMPTY_HISTORY } from '../build-history.js';
import { exportBuildOutput } from '../log-files.js';
import { ALL_OUTPUT, buildElapsed, packageRows } from '../package-rows-model.js';
import { PackageRows } from '../package-rows.js';
import { useTicker } from '../use-ticker.js';
import type { FarmRow } from './farm-model.js';

const OUTCOMES: Record<NonNullable<FarmRow['result']>['status'], BuildState['outcome']> = { succeeded: 'succeeded', failed: 'failed', cancelled: 'cancelled', lost: 'lost', 'not started': 'cancelled' };

export interface FarmBuildViewProps {
  row: FarmRow;
  ring: LineRing;
  width: number;
  height: number;
  onBack: () => void;
}

export function FarmBuildView({ row, ring, width, height, onBack }: FarmBuildViewProps) {
  const { animate } = useLook();
  const { notify } = useWizard();
  const effects = useBuildServices();
  const running = row.result === null;
  const now = useTicker(running && animate);
  const build: BuildState = { id: row.buildId ?? '-', progress: row.progress, outcome: row.result ? OUTCOMES[row.result.status] : 'running', message: row.result?.message ?? null };
  // An ended build's packages stop at its last event (a cancel leaves some "running").
  const at = running ? now : (row.progress.lastEventAt ?? now);
  const rows = useMemo(() => packageRows(row.progress, EMPTY_HISTORY, at).filter((r) => r.kind === 'package'), [row.progress, at]);
  const lines = useRingCount(ring);
  const rowsHeight = Math.min(rows.length, Math.max(1, Math.floor((height - 4) / 3)));
  const logHeight = Math.max(2, height - 3 - rowsHeight);
  const terminal = useMemo(() => new LogTerminal({ cols: width, rows: Math.max(1, logHeight - 1) }), [ring]);
  useEffect(() => () => terminal.dispose(), [terminal]);
  useEffect(() => feedRing(ring, terminal), [ring, terminal]);

  const output = row.logDir ? path.join(row.logDir, 'output.log') : null;
  const pager = output
    ? () => {
        const file = path.join(row.logDir!, 'saved', 'output.txt');
        exportBuildOutput(output, file).then(
          () => {
            const r = effects.pager(file);
            notify(r.ok ? `Back from ${r.argv[0]} (${file})` : r.reason, r.ok ? 'info' : 'fail');
          },
          (err: Error) => notify(`Could not prepare the log for the pager: ${err.message}`, 'fail'),
        );
      }
    : undefined;
  const save = output
    ? (typed: string) => {
        const dest = path.resolve(typed.replace(/^~(?=\/|$)/, os.homedir()));
        exportBuildOutput(output, dest).then((n) => notify(`Saved ${n} lines of build output to ${dest}`, 'pass'), (err: Error) => notify(`Could not save to ${dest}: ${err.message}`, 'fail'));
      }
    : undefined;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <BuildHeader build={build} facts={{ recipe: row.name, base: row.base, mode: row.mode }} elapsed={buildElapsed(row.progress, running, now)} width={width} />
      <Box height={1} width={width} overflow="hidden">
        <Text wrap="truncate-end">
          <Tone tone="muted">{`on ${row.engine ?? '?'} · build ${row.buildId ?? '-'} · ${running ? 'read-only: the farm runs it' : 'ended'}`}</Tone>
        </Text>
      </Box>
      {rowsHeight > 0 ? <PackageRows rows={rows} selected={-1} height={rowsHeight} width={width} focused={false} shown={ALL_OUTPUT} outputLines={lines} /> : null}
      <LogView
        terminal={terminal}
        title={`Build output of ${row.name}`}
        width={width}
        height={logHeight}
        focused
        emptyText="No output yet."
        savePath={row.logDir ? path.join(row.logDir, 'saved', 'output.txt') : null}
        {...(save ? { onSave: save } : {})}
        {...(pager ? { onPager: pager } : {})}
        commands={{ 'app.back': onBack }}
        footer={[{ keys: 'Esc', label: 'farm' }]}
      />
    </Box>
  );
}
