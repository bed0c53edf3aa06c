// The log the pane shows for what is focused, as a LogTerminal plus where its whole text lives:
//   all output  – the controller's line ring (bounded), the full output.log on disk;
//   a package   – its build.log followed in the build container (teed to a file in the build's
//                 folder), or, once the build stopped, the runner's copy of a failed package's log.
import { useEffect, useMemo, useState } from 'react';
import path from 'node:path';
import type Dockerode from 'dockerode';
import type { PackageProgress } from '../../../core/build/progress.js';
import type { FailureLogEvent } from '../../../core/events.js';
import type { PackageLogEnd, PackageLogStatus } from '../../../engine/build/package-log.js';
import type { BuildSession } from '../../../engine/build/runner.js';
import { failureStartLine } from '../../../core/portage/build-stream/failure-start.js';
import { LogTerminal } from '../../components/log-view/log-terminal.js';
import { feedRing } from '../../components/log-view/ring-feed.js';
import type { LineRing } from '../../components/log-view/line-ring.js';
import type { BuildServices } from './build-context.js';
import { cpvFileName, readTail, teeFile } from './log-files.js';
import { ALL_OUTPUT } from './package-rows-model.js';

/** How much of a saved copy is loaded into the view (the pager and save use the whole file). */
const COPY_VIEW_BYTES = 2 * 1024 * 1024;

export interface LogSourceInput {
  /** ALL_OUTPUT or a cpv. */
  focus: string;
  pkg: PackageProgress | null;
  failureLog: FailureLogEvent | null;
  session: BuildSession | null;
  ring: LineRing;
  docker: Dockerode | null;
  buildRunning: boolean;
  cols: number;
  rows: number;
  follow: BuildServices['followPackageLog'];
  /** Lines the build printed so far (the ring's total, refreshed a few times a second). */
  outputLines: number;
}

export interface LogSource {
  terminal: LogTerminal;
  title: string;
  status: string | null;
  emptyText: string;
  /** The complete log on disk: `output` is output.log (engine timestamps on each line). */
  fullLog: { path: string; kind: 'output' | 'plain' } | null;
  /** Where `s` proposes to save. */
  savePath: string | null;
}

type FollowState = { phase: 'idle' } | { phase: PackageLogStatus } | { phase: 'end'; end: PackageLogEnd };

function followStatus(state: FollowState, pkg: PackageProgress | null): string | null {
  if (pkg?.state === 'done' && (state.phase === 'idle' || state.phase === 'end')) return 'merged, folder removed';
  switch (state.phase) {
    case 'idle':
      return null;
    case 'waiting':
      return 'waiting for build.log';
    case 'following':
      return 'live';
    case 'end':
      if (state.end.kind === 'gone') return 'merged, folder removed';
      if (state.end.kind === 'failed') return `cannot follow: ${state.end.message}`;
      return state.end.kind === 'ended' ? 'the build container stopped' : null;
  }
}

/** The view and files behind the focused log. */
export function useLogSource(input: LogSourceInput): LogSource {
  const { focus, pkg, failureLog, session, ring, docker, buildRunning } = input;
  const isAll = focus === ALL_OUTPUT;
  const copyPath = failureLog?.path ?? null;
  const copyTail = failureLog?.tail ?? null;
  // One terminal per thing shown; a finished follow keeps its terminal (and its text).
  const key = isAll ? ALL_OUTPUT : `${focus}\0${copyPath ?? ''}`;
  // The size only seeds the terminal; LogView resizes it to the pane.
  const terminal = useMemo(() => new LogTerminal({ cols: input.cols, rows: input.rows }), [key]);
  useEffect(() => () => terminal.dispose(), [terminal]);

  const [followed, setFollowed] = useState<FollowState>({ phase: 'idle' });
  const [copyProblem, setCopyProblem] = useState<string | null>(null);
  useEffect(() => {
    setFollowed({ phase: 'idle' });
    setCopyProblem(null);
  }, [terminal]);

  useEffect(() => (isAll ? feedRing(ring, terminal) : undefined), [isAll, ring, terminal]);

  // A failed package's copy, once the runner saved it.
  useEffect(() => {
    if (isAll || !copyPath) return;
    let live = true;
    // The view opens on the first error line of the failing phase, not on emerge's boilerplate.
    const openOnError = () =>
      terminal.settled().then(() => {
        const at = live ? failureStartLine(terminal.lineTexts()) : null;
        if (at !== null) terminal.openAt(at);
      });
    readTail(copyPath, COPY_VIEW_BYTES).then(
      (text) => {
        if (!live) return;
        terminal.write(text);
        void openOnError();
      },
      (err: Error) => {
        if (!live) return;
        // The runner's tail of it still tells what went wrong.
        if (copyTail) terminal.writeLines(copyTail);
        void openOnError();
        setCopyProblem(`cannot read ${copyPath}: ${err.message}`);
      },
    );
    return () => {
      live = false;
    };
  }, [isAll, copyPath, copyTail, terminal]);

  const containerId = session?.containerId() ?? null;
  const followedFile = session && !isAll ? path.join(session.files.logs, `${cpvFileName(focus)}.followed.log`) : null;
  const pkgActive = pkg !== null && (pkg.state === 'running' || pkg.state === 'installing' || pkg.state === 'failed');
  // A follow starts while the package builds and then runs to its own end: when Portage removes
  // the folder after the merge, tail has read the last lines (the follow ends "gone").
  const begun = followed.phase === 'waiting' || followed.phase === 'following';
  const canFollow = !isAll && !copyPath && buildRunning && (pkgActive || begun) && docker !== null && containerId !== null && followedFile !== null;
  const ended = followed.phase === 'end';
  useEffect(() => {
    if (!canFollow || ended || !docker || !containerId || !followedFile) return;
    const controller = new AbortController();
    const tee = teeFile(followedFile);
    input
      .follow(docker, containerId, focus, {
        onData: (text) => {
          terminal.write(text);
          tee.write(text);
        },
        onStatus: (phase) => setFollowed({ phase }),
        signal: controller.signal,
      })
      .then(
        (end) => {
          if (end.kind !== 'aborted') setFollowed({ phase: 'end', end });
        },
        (err: Error) => setFollowed({ phase: 'end', end: { kind: 'failed', message: err.message, hint: '' } }),
      );
    return () => controller.abort();
    // `input.follow` is a stable effect function; restarting on every render would re-read the log.
  }, [canFollow, ended, docker, containerId, followedFile, focus, terminal]);

  if (isAll) {
    return {
      terminal,
      title: 'Build output',
      status: input.outputLines > ring.capacity ? `last ${ring.capacity} lines here, all in output.log` : null,
      emptyText: buildRunning ? 'Waiting for the build container\'s first lines…' : 'No output.',
      fullLog: session ? { path: session.files.output, kind: 'output' } : null,
      savePath: session ? path.join(session.files.dir, 'saved', 'output.log') : null,
    };
  }
  const fullLog = copyPath ? { path: copyPath, kind: 'plain' as const } : followed.phase !== 'idle' && followedFile ? { path: followedFile, kind: 'plain' as const } : null;
  const emptyText = copyPath
    ? 'Reading the saved copy of its build.log…'
    : canFollow
      ? `Waiting for ${focus}'s build.log in the build container…`
      : pkg?.state === 'done'
        ? `${focus} was merged and Portage removed its build folder; its part of the output is under Build output (Esc).`
        : `No build.log of ${focus} to show: the build container is gone and no copy was saved.`;
  return {
    terminal,
    title: `build.log · ${focus}`,
    status: copyProblem ?? (copyPath ? 'saved copy' : followStatus(followed, pkg)),
    emptyText,
    fullLog,
    savePath: session ? path.join(session.files.dir, 'saved', `${cpvFileName(focus)}.build.log`) : null,
  };
}
