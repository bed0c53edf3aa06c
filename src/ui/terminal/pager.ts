// Open a file in the user's $PAGER from the full-screen TUI: hand the terminal over (raw mode off,
// main screen back, cursor shown), run the pager in the foreground, then take the terminal back.
// spawnSync on purpose: while the pager runs our event loop must not read the keys meant for it.
// (A build goes on meanwhile in its container; its output is read when we are back.)
import { spawnSync } from 'node:child_process';

const LEAVE = '\x1b[?1049l\x1b[?25h';
const ENTER = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l';

/** The terminal as Ink holds it: its raw-mode switch, its output, and a full redraw of the frame. */
export interface PagerTerminal {
  setRawMode(on: boolean): void;
  write(data: string): void;
  /** Draw the last frame again from scratch (Ink skips frames equal to the last one it drew). */
  redraw?: () => void;
}

export type SpawnPager = (command: string, args: string[]) => { error?: Error | undefined; status: number | null };

export type PagerResult = { ok: true; argv: string[]; exitCode: number | null } | { ok: false; argv: string[]; reason: string };

const DEFAULT_PAGER = ['less', '-R'];

/** argv for showing `file`: $PAGER split on spaces (no shell, no quoting), or `less -R`. */
function pagerArgv(file: string, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const words = (env.PAGER ?? '').split(' ').filter((w) => w !== '');
  return [...(words.length > 0 ? words : DEFAULT_PAGER), file];
}

const realSpawn: SpawnPager = (command, args) => spawnSync(command, args, { stdio: 'inherit' });

/** Show `file` in the pager and come back; the TUI must redraw afterwards. */
export function openInPager(file: string, terminal: PagerTerminal, options: { env?: Readonly<Record<string, string | undefined>>; spawn?: SpawnPager } = {}): PagerResult {
  const argv = pagerArgv(file, options.env);
  const [command, ...args] = argv as [string, ...string[]];
  terminal.setRawMode(false);
  terminal.write(LEAVE);
  let result: ReturnType<SpawnPager>;
  try {
    result = (options.spawn ?? realSpawn)(command, args);
  } finally {
    terminal.write(ENTER);
    terminal.setRawMode(true);
    terminal.redraw?.();
  }
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not executable' : result.error.message;
    return { ok: false, argv, reason: `could not start the pager "${command}" (${why}); set $PAGER to one you have, e.g. PAGER=less or PAGER=more` };
  }
  return { ok: true, argv, exitCode: result.status };
}
