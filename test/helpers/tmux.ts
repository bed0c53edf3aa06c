// A real terminal for end-to-end tests: the built CLI inside a detached tmux session of a given size.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';

export const tmuxAvailable = spawnSync('tmux', ['-V']).status === 0;
const required = process.env.GENTOO_WB_REQUIRE_DOCKER === '1';

/** `describe` for tests that need tmux; fails instead of skipping in the full CI environment. */
export function describeTmux(name: string, body: () => void): void {
  if (tmuxAvailable) describe(name, body);
  else if (required) describe(name, () => it('needs tmux (CI installs it)', () => { throw new Error('tmux is not installed'); }));
  else describe.skip(`${name} [skipped: tmux is not installed]`, body);
}

export interface TmuxSession {
  capture(withEscapes?: boolean): string;
  /** Every byte the program wrote, as tmux received it. */
  rawOutput(): string;
  send(...keys: string[]): void;
  /** tmux format value for the pane, e.g. alternate_on, pane_dead, pane_dead_status, cursor_flag. */
  value(format: string): string;
  waitFor(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  waitForExit(timeoutMs?: number): Promise<number>;
  kill(): void;
}

let counter = 0;

/** Start `argv` in a new tmux server of its own, `columns`x`rows`, with extra environment. */
export function startTmux(argv: string[], options: { columns?: number; rows?: number; env?: Record<string, string> } = {}): TmuxSession {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-tmux-'));
  const conf = path.join(dir, 'tmux.conf');
  // remain-on-exit keeps the dead pane so the exit status and the restored screen can be read.
  writeFileSync(conf, 'set -g remain-on-exit on\nset -g status off\nset -g default-terminal xterm-256color\n');
  const socket = `gwb-${process.pid}-${counter++}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', conf, ...args], { encoding: 'utf8' });
  const envArgs = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  // A constant wrapper records the exit status in a file: tmux's own pane_dead_status is not
  // reliable right after a pane dies. The program's argv passes through "$@" untouched.
  const statusFile = path.join(dir, 'status');
  const wrapper = ['sh', '-c', '"$@"; echo $? > "$STATUS_FILE"', 'sh', ...argv];
  tmux('new-session', '-d', '-s', 'main', '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 24), ...envArgs, '-e', `STATUS_FILE=${statusFile}`, '--', ...wrapper);
  const raw = path.join(dir, 'output.raw');
  // pipe-pane's command is a fixed string of ours (a temp path), never user input.
  tmux('pipe-pane', '-t', 'main', '-o', `cat > '${raw}'`);
  const session: TmuxSession = {
    rawOutput: () => {
      try {
        return readFileSync(raw, 'latin1');
      } catch {
        return '';
      }
    },
    capture: (withEscapes = false) => tmux('capture-pane', '-p', ...(withEscapes ? ['-e'] : []), '-t', 'main'),
    send: (...keys) => {
      for (const key of keys) tmux('send-keys', '-t', 'main', key);
    },
    value: (format) => tmux('display-message', '-p', '-t', 'main', `#{${format}}`).trim(),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const screen = session.capture();
        if (predicate(screen)) return screen;
        if (Date.now() > deadline) throw new Error(`screen did not match within ${timeoutMs} ms:\n${screen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async waitForExit(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let status = '';
        try {
          status = readFileSync(statusFile, 'utf8').trim();
        } catch {
          // not yet
        }
        if (status !== '') {
          const code = Number(status);
          if (code > 128) throw new Error(`program was killed by signal ${code - 128}`);
          return code;
        }
        if (Date.now() > deadline) throw new Error(`program still running after ${timeoutMs} ms:\n${session.capture()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill: () => {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    },
  };
  return session;
}
