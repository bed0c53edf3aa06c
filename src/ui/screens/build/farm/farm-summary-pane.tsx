// The farm's end: the summary exactly as `gentoo-wb build R1 R2 … --engines a,b` prints it
// (farmSummaryText, one source of truth), in a log pane: scroll, w unwraps its wide table, s saves it.
import React, { useEffect, useMemo } from 'react';
import os from 'node:os';
import path from 'node:path';
import { sanitizeText } from '../../../../core/format/sanitize.js';
import { farmSummaryText, type FarmSummary } from '../../../../core/farm/farm-summary.js';
import { LogTerminal } from '../../../components/log-view/log-terminal.js';
import { LogView } from '../../../components/log-view/log-view.js';
import type { CommandHandlers } from '../../../keys/key-router.js';
import { writeLog } from '../log-files.js';

export interface FarmSummaryPaneProps {
  summary: FarmSummary;
  width: number;
  height: number;
  focused: boolean;
  /** Where `s` offers to save it. */
  savePath: string;
  commands?: CommandHandlers;
  onSaved: (text: string, ok: boolean) => void;
}

export function FarmSummaryPane({ summary, width, height, focused, savePath, commands, onSaved }: FarmSummaryPaneProps) {
  const lines = useMemo(() => farmSummaryText(summary).trimEnd().split('\n').map((l) => sanitizeText(l)), [summary]);
  const terminal = useMemo(() => new LogTerminal({ cols: width, rows: Math.max(1, height - 1) }), [summary]);
  useEffect(() => {
    terminal.writeLines(lines);
    return () => terminal.dispose();
  }, [terminal, lines]);
  return (
    <LogView
      terminal={terminal}
      title={summary.ok ? 'Farm summary: every recipe built' : 'Farm summary'}
      width={width}
      height={height}
      focused={focused}
      savePath={savePath}
      onSave={(typed) => {
        const dest = path.resolve(typed.replace(/^~(?=\/|$)/, os.homedir()));
        writeLog(dest, `${lines.join('\n')}\n`).then(() => onSaved(`Saved the farm summary to ${dest}`, true), (err: Error) => onSaved(`Could not save to ${dest}: ${err.message}`, false));
      }}
      commands={commands}
    />
  );
}
