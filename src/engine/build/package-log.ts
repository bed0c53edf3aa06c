// Follow one package's build.log inside the build container while Portage writes it. With
// `--jobs N` emerge prints no build output of its own, so this is the only live view of a compile.
// The log lives in Portage's build folder, which Portage removes once the package is merged: the
// follow then ends as "gone". Two ways to read it:
//   exec    `tail -n +1 -f` under a small fixed sh script (the path is its argument, never pasted
//           into the script) that waits for the file, notices the folder vanish, and stops tail
//           when our stdin closes, so an aborted follow leaves no process behind in the container;
//   archive polling GET /containers/{id}/archive of the file, for containers without sh or tail.
import { StringDecoder } from 'node:string_decoder';
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import { splitCpv } from '../../core/portage/names.js';
import { FrameParser } from '../docker/demux.js';
import { downloadPath, EngineError, execCapture, inspectContainer, toEngineError } from '../docker/index.js';

export const PORTAGE_TMPDIR = '/var/tmp/portage';

export type PackageLogEnd =
  /** The caller stopped following. */
  | { kind: 'aborted' }
  /** The build folder went away (Portage cleans it after a successful merge). */
  | { kind: 'gone' }
  /** The container stopped (the build ended) while we followed. */
  | { kind: 'ended' }
  | { kind: 'failed'; message: string; hint: string };

export type PackageLogStatus = 'waiting' | 'following';

export interface FollowPackageLogOptions {
  /** Text of the log as it arrives (UTF-8 decoded across chunk boundaries, escapes kept). */
  onData: (text: string) => void;
  /** `waiting` until the file exists, then `following`. */
  onStatus?: (status: PackageLogStatus) => void;
  signal: AbortSignal;
  /** `exec` (default) falls back to `archive` when the container has no sh or tail. */
  strategy?: 'exec' | 'archive';
  /** How often the archive strategy polls. */
  pollMs?: number;
  /** Portage's PORTAGE_TMPDIR/portage. */
  tmpdir?: string;
}

/** Where Portage writes the build log of `cpv` (`cat/pf`). */
function packageLogPath(cpv: string, tmpdir = PORTAGE_TMPDIR): string {
  const split = splitCpv(cpv);
  if (!split) throw new EngineError('bad-request', `"${cpv}" is not a category/package-version`, 'give the package as Portage prints it, e.g. dev-lang/php-8.3.15');
  return `${tmpdir}/${split.category}/${cpv.slice(split.category.length + 1)}/temp/build.log`;
}

const MARK = '@@gentoo-wb-log';
// Fixed text; "$1" is the log path. tail follows the open file (-f, not -F): Portage removes the
// folder right after the merge, and a descriptor still reads what was written before that, so
// the follow gets the log to its last line; the monitor stops tail a moment after the folder went.
// The waiter and the monitor run in the background because a background job's stdin is /dev/null
// in a non-interactive shell, while `cat` in the foreground reads ours: when we close it, all stop.
const FOLLOW_SCRIPT = [
  `( while [ ! -e "$1" ]; do sleep 1; done; echo '${MARK} following' >&2; exec tail -n +1 -f -- "$1" ) & t=$!`,
  `( seen=; while kill -0 "$t" 2>/dev/null; do`,
  `    if [ -e "$1" ]; then seen=1`,
  `    elif [ -n "$seen" ]; then sleep 2; echo '${MARK} gone' >&2; kill "$t" 2>/dev/null; break`,
  '    fi; sleep 1; done ) &',
  'cat >/dev/null',
  // Reap tail and the monitor: PID 1 of a build container does not, and a zombie tail would keep
  // the monitor's `kill -0` true for ever.
  'kill "$t" 2>/dev/null',
  'wait',
].join('\n');

/** The argv that follows `logPath`: the path is an argument of the fixed script, never part of it. */
function followArgv(logPath: string): string[] {
  return ['sh', '-c', FOLLOW_SCRIPT, 'gentoo-wb-log', logPath];
}

/** Follow the build log of `cpv` until aborted, gone, or the container stops. */
export async function followPackageLog(docker: Dockerode, containerId: string, cpv: string, options: FollowPackageLogOptions): Promise<PackageLogEnd> {
  const logPath = packageLogPath(cpv, options.tmpdir);
  if (options.signal.aborted) return { kind: 'aborted' };
  if (options.strategy !== 'archive') {
    const result = await followByExec(docker, containerId, logPath, options);
    if (result !== 'unsupported') return result;
  }
  return followByArchive(docker, containerId, logPath, options);
}

async function followByExec(docker: Dockerode, containerId: string, logPath: string, options: FollowPackageLogOptions): Promise<PackageLogEnd | 'unsupported'> {
  const action = `follow ${logPath} in container ${containerId.slice(0, 12)}`;
  let exec: Dockerode.Exec;
  let stream: Duplex;
  try {
    exec = await docker.getContainer(containerId).exec({ Cmd: followArgv(logPath), AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false });
    stream = (await exec.start({ hijack: true, stdin: true })) as Duplex;
  } catch (err) {
    const e = toEngineError(err, { action, notFound: 'container', subject: containerId.slice(0, 12) });
    // Not running or removed: the build is over, there is nothing left to follow. (Docker says
    // 409, Podman 500 "container state improper": ask rather than read messages.)
    if (e.kind === 'conflict' || e.kind === 'container-not-found') return { kind: 'ended' };
    const running = await inspectContainer(docker, containerId).then((c) => c.running, () => false);
    return running ? { kind: 'failed', message: e.message, hint: e.hint } : { kind: 'ended' };
  }
  options.onStatus?.('waiting');
  const decoder = new StringDecoder('utf8');
  const frames = new FrameParser();
  let stderr = '';
  let gone = false;
  let stdoutBytes = 0;
  let following = false;
  const nowFollowing = () => {
    if (following) return;
    following = true;
    options.onStatus?.('following');
  };

  const stop = () => {
    // Closing our side ends `cat` in the container, which stops tail; then drop the connection.
    stream.end();
    setTimeout(() => stream.destroy(), 200).unref();
  };
  const onAbort = () => stop();
  options.signal.addEventListener('abort', onAbort, { once: true });

  const ended = new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      let parsed;
      try {
        parsed = frames.push(chunk);
      } catch {
        stream.destroy();
        return;
      }
      for (const frame of parsed) {
        if (frame.stream === 'stdout') {
          stdoutBytes += frame.data.length;
          nowFollowing();
          const text = decoder.write(frame.data);
          if (text) options.onData(text);
          continue;
        }
        stderr = (stderr + frame.data.toString('utf8')).slice(-4096);
        if (stderr.includes(`${MARK} following`)) {
          nowFollowing();
          stderr = stderr.replace(`${MARK} following`, '');
        }
        if (!gone && stderr.includes(`${MARK} gone`)) {
          gone = true;
          stop();
        }
      }
    });
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', () => resolve());
  });
  await ended;
  options.signal.removeEventListener('abort', onAbort);
  const rest = decoder.end();
  if (rest) options.onData(rest);
  if (options.signal.aborted) return { kind: 'aborted' };
  if (gone) return { kind: 'gone' };
  const exitCode = await exec.inspect().then((i) => (i as { ExitCode?: number | null }).ExitCode ?? null, () => null);
  // 126/127: no sh or no tail in this image.
  if ((exitCode === 126 || exitCode === 127) && stdoutBytes === 0) return 'unsupported';
  return { kind: 'ended' };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function followByArchive(docker: Dockerode, containerId: string, logPath: string, options: FollowPackageLogOptions): Promise<PackageLogEnd> {
  const decoder = new StringDecoder('utf8');
  let offset = 0;
  let seen = false;
  options.onStatus?.('waiting');
  while (!options.signal.aborted) {
    try {
      // While Portage removes the folder the archive can come back empty: count that as missing.
      const content = (await downloadPath(docker, containerId, logPath)).find((e) => e.type === 'file')?.content;
      if (!content) throw new EngineError('not-found', `${logPath}: no such file`, 'wait for Portage to create it');
      if (!seen) options.onStatus?.('following');
      seen = true;
      if (content.length > offset) {
        const text = decoder.write(content.subarray(offset));
        if (text) options.onData(text);
        offset = content.length;
      }
    } catch (err) {
      if (options.signal.aborted) break;
      const e = err instanceof EngineError ? err : toEngineError(err, { action: `read ${logPath}` });
      if (e.kind === 'not-found' || e.kind === 'container-not-found') {
        if (seen) return { kind: 'gone' };
      } else if (e.kind === 'conflict') {
        return { kind: 'ended' };
      } else {
        return { kind: 'failed', message: e.message, hint: e.hint };
      }
    }
    await pause(options.pollMs ?? 1000, options.signal);
  }
  return { kind: 'aborted' };
}

// Fixed text; the arguments are build.log paths. One record per path: "path<TAB>last >>> line".
const LAST_LINES_SCRIPT = 'for f; do printf "%s\\t" "$f"; grep -a "^>>> " "$f" 2>/dev/null | tail -n 1; printf "\\n"; done';

/**
 * The last `>>> ` line of each package's build.log (Portage's phase lines: "Compiling source in …"),
 * in one exec. With --jobs > 1 emerge prints no phases, so this is how the pane learns them.
 * Packages without a build.log (yet, or any more) are left out.
 */
export async function lastPhaseLines(docker: Dockerode, containerId: string, cpvs: readonly string[], tmpdir = PORTAGE_TMPDIR): Promise<Map<string, string>> {
  const byPath = new Map(cpvs.map((cpv) => [packageLogPath(cpv, tmpdir), cpv]));
  const found = new Map<string, string>();
  if (byPath.size === 0) return found;
  const result = await execCapture(docker, containerId, { argv: ['sh', '-c', LAST_LINES_SCRIPT, 'gentoo-wb-phases', ...byPath.keys()] });
  for (const record of result.stdout.toString('utf8').split('\n')) {
    const tab = record.indexOf('\t');
    if (tab <= 0) continue;
    const cpv = byPath.get(record.slice(0, tab));
    const line = record.slice(tab + 1).trim();
    if (cpv && line !== '') found.set(cpv, line);
  }
  return found;
}
