// s / o / c on the focused log: save the whole log (not just what the view holds) where the user
// says, open it in $PAGER, copy it with OSC 52 — each saying where it went or what went wrong.
import path from 'node:path';
import os from 'node:os';
import type { BuildSession } from '../../../engine/build/runner.js';
import type { ColorToken } from '../../../core/theme.js';
import type { CopyText, OpenPager } from './build-context.js';
import { copyLog, exportBuildOutput, writeLog } from './log-files.js';
import type { LogSource } from './use-log-source.js';
import { copySentNotice } from '../../terminal/osc52.js';

export interface LogActions {
  save(dest: string): void;
  pager(): void;
  copy(text: string, what: string): void;
}

type Notify = (text: string, tone?: ColorToken) => void;

/** Where a file named `name` goes when the build's folder is unknown. */
function scratchFile(session: BuildSession | null, name: string): string {
  return session ? path.join(session.files.dir, 'saved', name) : path.join(os.tmpdir(), `gentoo-wb-${process.pid}-${name}`);
}

export function logActions(source: LogSource, session: BuildSession | null, effects: { copy: CopyText; pager: OpenPager }, notify: Notify): LogActions {
  /** Write the whole log to `dest`; says how much. */
  const writeWhole = async (dest: string): Promise<string> => {
    const full = source.fullLog;
    if (full?.kind === 'output') return `${await exportBuildOutput(full.path, dest)} lines of build output`;
    if (full) {
      await copyLog(full.path, dest);
      return 'the whole log';
    }
    await writeLog(dest, source.terminal.text());
    return `the ${source.terminal.length} lines shown`;
  };
  return {
    save(dest) {
      const target = path.resolve(dest.replace(/^~(?=\/|$)/, os.homedir()));
      writeWhole(target).then(
        (what) => notify(`Saved ${what} to ${target}`, 'pass'),
        (err: Error) => notify(`Could not save to ${target}: ${err.message}`, 'fail'),
      );
    },
    pager() {
      const full = source.fullLog;
      const ready: Promise<string> =
        full?.kind === 'plain'
          ? Promise.resolve(full.path)
          : (async () => {
              const file = scratchFile(session, full?.kind === 'output' ? 'output.txt' : 'view.log');
              await writeWhole(file);
              return file;
            })();
      ready.then(
        (file) => {
          const result = effects.pager(file);
          notify(result.ok ? `Back from ${result.argv[0]} (${file})` : result.reason, result.ok ? 'info' : 'fail');
        },
        (err: Error) => notify(`Could not prepare the log for the pager: ${err.message}`, 'fail'),
      );
    },
    copy(text, what) {
      const result = effects.copy(text);
      if (!result.ok) notify(`Not copied: ${result.reason}`, 'warn');
      else notify(copySentNotice(what, result.multiplexer), 'info');
    },
  };
}
