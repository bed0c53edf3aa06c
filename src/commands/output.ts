// Shared output for headless commands: JSON for scripts, human sizes and ages, a progress line that
// redraws on a terminal and prints a few quiet lines otherwise, and one way to report failures.
// Light on purpose (no engine imports at load time): every command module imports it.
import { sanitizeLines, sanitizeText } from '../core/format/sanitize.js';
import { humanSize } from '../core/format/size.js';
import type { BasicEngineConnection, EngineConnection } from '../engine/docker/connect.js';
import type { Endpoint } from '../engine/docker/endpoint-types.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, UsageError } from './usage-error.js';

/** Print a value as indented JSON followed by a newline. */
export function printJson(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  // JSON escapes C0 controls itself; C1 controls (a one-byte CSI), separators and bidi overrides it
  // leaves raw, and a terminal may act on them. Escaped, the JSON means the same.
  out.write(`${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`);
}

export { humanAge, humanSize } from '../core/format/size.js';

/** Left-aligned columns separated by two spaces. */
export function formatTable(header: string[], rawRows: string[][]): string {
  // Cells hold outside text (tags, labels, paths, messages): control characters shown, not sent.
  const rows = rawRows.map((r) => r.map((c) => sanitizeText(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export interface Progress {
  /** Report bytes done (and the total when known) for the current step. */
  update(bytes: number, totalBytes: number | null): void;
  /** Start a new step; on a terminal the line is reused. */
  step(label: string): void;
  /** Finish with a closing line. */
  done(message: string): void;
  /** Clear the line (before printing an error). */
  clear(): void;
}

interface ProgressTarget {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Progress on stderr: redrawn at most ten times a second on a terminal; elsewhere one line per
 * step and a closing line, so logs stay short. `quiet` prints only the closing line.
 */
export function createProgress(target: ProgressTarget = process.stderr, options: { quiet?: boolean; now?: () => number } = {}): Progress {
  const now = options.now ?? (() => performance.now());
  const tty = target.isTTY === true && !options.quiet;
  let label = '';
  let started = now();
  let lastDraw = 0;
  let drawn = false;
  const clear = (): void => {
    if (tty && drawn) target.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    step(next) {
      clear();
      label = sanitizeText(next);
      started = now();
      lastDraw = 0;
      if (tty) {
        target.write(`${label} …`);
        drawn = true;
      } else if (!options.quiet) {
        target.write(`${label} …\n`);
      }
    },
    update(bytes, totalBytes) {
      if (!tty) return;
      const t = now();
      if (t - lastDraw < 100) return;
      lastDraw = t;
      const seconds = Math.max((t - started) / 1000, 0.001);
      const rate = `${humanSize(bytes / seconds)}/s`;
      const amount = totalBytes ? `${humanSize(bytes)} / ${humanSize(totalBytes)} ${Math.min(100, Math.floor((bytes / totalBytes) * 100))}%` : humanSize(bytes);
      target.write(`\r\x1b[2K${label}  ${amount}  ${rate}`);
      drawn = true;
    },
    done(message) {
      clear();
      target.write(`${sanitizeLines(message)}\n`);
    },
    clear,
  };
}

/** An error that says what to do (EngineError and friends), recognised without importing them. */
interface Actionable {
  message: string;
  hint: string;
  kind: string;
}

function isActionable(err: unknown): err is Actionable {
  return err instanceof Error && typeof (err as Partial<Actionable>).hint === 'string' && typeof (err as Partial<Actionable>).kind === 'string';
}

/** Print a failure as `gentoo-wb: what` + `  hint: what to do` and return the exit code it deserves. */
export function reportFailure(err: unknown, out: NodeJS.WritableStream = process.stderr): number {
  if (isActionable(err)) {
    out.write(`gentoo-wb: ${sanitizeLines(err.message)}\n  hint: ${sanitizeLines(err.hint)}\n`);
    return err.kind === 'aborted' ? EXIT_INTERRUPTED : EXIT_FAILED;
  }
  out.write(`gentoo-wb: ${sanitizeLines(err instanceof Error ? err.message : String(err))}\n`);
  return EXIT_FAILED;
}

/**
 * conf's atomic writes load when-exit, which answers SIGINT/SIGTERM/SIGHUP by sending the signal to this
 * process again (process.kill(process.pid, sig)); taken for a second Ctrl-C it ended a command before its
 * cleanup. Until the returned function is called, such a self-sent signal is dropped (a person's second
 * Ctrl-C still arrives: it comes from outside).
 */
export function dropSelfSentSignals(): () => void {
  const kill = process.kill.bind(process);
  const ownKill = (pid: number, sig?: string | number): true => (pid === process.pid && (sig === 'SIGINT' || sig === 'SIGTERM' || sig === 'SIGHUP') ? true : kill(pid, sig));
  process.kill = ownKill;
  return () => {
    if (process.kill === ownKill) process.kill = kill;
  };
}

/** Exit codes of the signals a command cleans up after: 128 + the signal number, as shells report them. */
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number> = { SIGINT: EXIT_INTERRUPTED, SIGTERM: 143, SIGHUP: 129 };

/**
 * An AbortSignal fired by the first Ctrl-C, SIGTERM or SIGHUP (a closed SSH session), so the command
 * removes its temporary files and objects before it ends; a second signal exits at once.
 */
function interruptOnSigint(): { signal: AbortSignal; exitCode(): number | null; dispose(): void } {
  const controller = new AbortController();
  let received: keyof typeof SIGNAL_EXIT | null = null;
  const restoreKill = dropSelfSentSignals();
  const handlers = (Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]).map((name) => {
    const handler = (): void => {
      if (controller.signal.aborted) process.exit(SIGNAL_EXIT[name]);
      received = name;
      if (name === 'SIGINT') process.stderr.write('\ninterrupted: cleaning up (Ctrl-C again to quit at once)\n');
      else process.stderr.write(`\n${name}: cleaning up\n`);
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    exitCode: () => (received ? SIGNAL_EXIT[received] : null),
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
      restoreKill();
    },
  };
}

/**
 * Run a command body: usage mistakes go to the CLI (exit 2), failures are printed with their hint
 * (exit 1, or 128 + the signal when interrupted), success leaves the exit code the body set.
 */
export async function runCommand(body: (signal: AbortSignal) => Promise<void>, stderr: NodeJS.WritableStream = process.stderr): Promise<void> {
  const interrupt = interruptOnSigint();
  try {
    await body(interrupt.signal);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = reportFailure(err, stderr);
    process.exitCode = code === EXIT_INTERRUPTED ? (interrupt.exitCode() ?? code) : code;
  } finally {
    interrupt.dispose();
  }
}

/** The global -H/--context flags, as every engine command reads them. */
export interface EngineFlags {
  host?: string;
  context?: string;
  /** A configured engine (`gentoo-wb engines add`): a command offers it with one `--engine <name>` option. */
  engine?: string;
}

/**
 * Resolve and connect for a command; a --host/--context conflict is a usage error (exit 2). A command
 * that needs only the engine's kind and API version asks for 'basics' (identified from /_ping alone).
 */
export async function connectForCommand(flags: EngineFlags): Promise<EngineConnection>;
export async function connectForCommand(flags: EngineFlags, identity: 'basics'): Promise<BasicEngineConnection>;
export async function connectForCommand(flags: EngineFlags, identity: 'full' | 'basics' = 'full'): Promise<EngineConnection | BasicEngineConnection> {
  const [{ resolveProcessEndpoint }, { connectToEndpoint, connectToEndpointBasics }, { EngineError }, { currentNamespace }] = await Promise.all([
    import('../engine/docker/client.js'),
    import('../engine/docker/connect.js'),
    import('../engine/docker/errors.js'),
    import('../engine/docker/object-names.js'),
  ]);
  const connect = (endpoint: Endpoint) => (identity === 'basics' ? connectToEndpointBasics(endpoint) : connectToEndpoint(endpoint));
  // An invalid GENTOO_WB_NAMESPACE stops every engine command before it does anything.
  currentNamespace();
  if (flags.engine !== undefined) {
    if (flags.host !== undefined || flags.context !== undefined) throw new UsageError('--engine excludes -H/--host and --context; give one of them');
    const endpoint = (await import('../engine/engines/connect-named.js')).namedEngineEndpoint(flags.engine);
    const named = await connect(endpoint);
    for (const w of endpoint.warnings) process.stderr.write(`gentoo-wb: warning: ${w.message}\n`);
    return named;
  }
  const resolution = resolveProcessEndpoint(flags);
  if (!resolution.ok) {
    if (resolution.error.code === 'flag-conflict') throw new UsageError(`${resolution.error.message}; ${resolution.error.hint}`);
    throw new EngineError('endpoint', resolution.error.message, resolution.error.hint);
  }
  for (const w of resolution.endpoint.warnings) process.stderr.write(`gentoo-wb: warning: ${w.message}\n`);
  return connect(resolution.endpoint);
}
