// The one event stream of a build. The emerge stream parser produces ParserEvent members, the build
// runner RunnerEvent members; consumers (TUI store, --plain, --json) switch on `type`. New members
// are added to the matching union below, so existing `switch` statements keep compiling.

import type { DistccHelperStatus } from './distcc/distcc-status.js';

/** Fields every event may carry: `t` is a wall-clock time in ms since the epoch, filled by the runner. */
export interface EventBase {
  t?: number;
}

/** The ebuild phases the live build pane shows, in the order Portage runs them. */
export type BuildPhase = 'fetch' | 'unpack' | 'prepare' | 'configure' | 'compile' | 'test' | 'install' | 'merge';

/** All phases in run order (for progress bars and ordering). */
export const BUILD_PHASES: readonly BuildPhase[] = ['fetch', 'unpack', 'prepare', 'configure', 'compile', 'test', 'install', 'merge'];

/** `>>> Emerging (i of n) cpv::repo`: a package build (or binary merge) began. */
export interface StartedEvent extends EventBase {
  type: 'started';
  cpv: string;
  index: number;
  total: number;
  binary: boolean;
  root?: string;
  repo?: string;
  /** `>>> Fetching (i of n)` under --fetchonly. */
  fetchOnly?: boolean;
}

/** `>>> Installing (i of n) cpv::repo`: the package is being merged into ROOT. */
export interface InstallingEvent extends EventBase {
  type: 'installing';
  cpv: string;
  index: number;
  total: number;
  root?: string;
  repo?: string;
}

/** `>>> Completed (i of n)` (or, on old Portage, `>>> cpv merged.`). */
export interface CompletedEvent extends EventBase {
  type: 'completed';
  cpv: string;
  index: number;
  total: number;
  root?: string;
}

/** An ebuild phase began (`done` absent) or finished (`done: true`, e.g. `>>> Source compiled.`). */
export interface PhaseEvent extends EventBase {
  type: 'phase';
  cpv?: string;
  phase: BuildPhase;
  done?: boolean;
}

/** `>>> Failed to emerge cpv, Log file:` (the path arrives on the following `>>>  '…'` line). */
export interface FailedEvent extends EventBase {
  type: 'failed';
  cpv: string;
  logPath?: string;
  /** The phase that failed, when the die message or the phase lines were seen first. */
  phase?: string;
  /** Which step failed: the build, the install or the postinst script. */
  stage?: 'emerge' | 'install' | 'postinst';
}

/** `>>> Jobs: C of T complete, R running, F failed, W merge wait  Load avg: …`. */
export interface JobsEvent extends EventBase {
  type: 'jobs';
  complete: number;
  total: number;
  running: number;
  failed: number;
  mergeWait: number;
  /** null when Portage printed `unknown` or the line was cut before the three numbers. */
  load: [number, number, number] | null;
}

/**
 * One line of raw output (colour codes removed in `text`, and a Jobs line's padding before `Load avg:`
 * cut to two spaces; `raw` keeps the line as printed when they differ).
 */
export interface LogEvent extends EventBase {
  type: 'log';
  text: string;
  cpv?: string;
  stream?: 'stdout' | 'stderr';
  raw?: string;
}

/** A ` * Messages for package cpv:` block of the elog summary. */
export interface ElogEvent extends EventBase {
  type: 'elog';
  cpv: string;
  lines: string[];
  root?: string;
}

/** `--keep-going` removed a package from the list because a dependency failed. */
export interface DroppedEvent extends EventBase {
  type: 'dropped';
  cpv: string;
  requires: string[];
}

/** `*** Resuming merge...`: Portage recomputed the list after a failure. */
export interface ResumingEvent extends EventBase {
  type: 'resuming';
}

/** One entry of the end-of-run failure summary. */
export interface FailureSummaryEntry {
  cpv: string;
  slot?: string;
  repo?: string;
  logPath?: string;
}

/** ` * The following package(s) have failed to build, install, or execute postinst:` block. */
export interface FailureSummaryEvent extends EventBase {
  type: 'failure-summary';
  packages: FailureSummaryEntry[];
}

/** Everything the emerge output parser emits. */
export type ParserEvent =
  | StartedEvent
  | InstallingEvent
  | CompletedEvent
  | PhaseEvent
  | FailedEvent
  | JobsEvent
  | LogEvent
  | ElogEvent
  | DroppedEvent
  | ResumingEvent
  | FailureSummaryEvent;

/** A plan step began. */
export interface StepStartedEvent extends EventBase {
  type: 'step-started';
  step: string;
  title: string;
}

/** A plan step ended. */
export interface StepFinishedEvent extends EventBase {
  type: 'step-finished';
  step: string;
  ok: boolean;
  seconds: number;
}

/** An image was created (commit, import, flatten). */
export interface ImageEvent extends EventBase {
  type: 'image';
  id: string;
  tags: string[];
}

/** A runner-level error with a message the user can act on. */
export interface ErrorEvent extends EventBase {
  type: 'error';
  message: string;
}

/** The build ended. */
export interface ResultEvent extends EventBase {
  type: 'result';
  ok: boolean;
  failed: string[];
}

/** The connection to the Docker Engine was lost (the build may still be running). */
export interface LostEvent extends EventBase {
  type: 'lost';
  message: string;
}

/** A failed package's build.log, copied out of the build container before it is removed. */
export interface FailureLogEvent extends EventBase {
  type: 'failure-log';
  cpv: string;
  /** Where the copy lives on this machine. */
  path: string;
  /** Its last lines, for the failure panel and --plain. */
  tail: string[];
}

/** A binary package from a binhost failed its checksum or signature; with onMissing `compile` emerge runs again compiling it (binary-fallback.ts). */
export interface BinaryFallbackEvent extends EventBase {
  type: 'binary-fallback';
  /** CATEGORY/PN. */
  cp: string;
  /** The binrepos.conf sections (binhosts) whose index lists it; empty when none was found. */
  hosts: string[];
  /** What failed; absent in logs written before signatures were told apart: the checksum. */
  reason?: 'checksum' | 'signature';
}

/** The build's distccd helpers (recipe.distcc) as they start, work (jobs from distccd's own log) and stop. */
export interface DistccEvent extends EventBase {
  type: 'distcc';
  helpers: DistccHelperStatus[];
  /** DISTCC_HOSTS and MAKEOPTS the build's emerge steps run with. */
  hosts: string;
  makeopts: string;
}

/** Everything the build runner emits on top of the parser's events. */
export type RunnerEvent = StepStartedEvent | StepFinishedEvent | ImageEvent | ErrorEvent | ResultEvent | LostEvent | FailureLogEvent | BinaryFallbackEvent | DistccEvent;

/** The one event stream of a build. */
export type BuildEvent = ParserEvent | RunnerEvent;

/** The discriminant values of BuildEvent. */
export type BuildEventType = BuildEvent['type'];

/** The member of BuildEvent with the given type. */
export type BuildEventOf<T extends BuildEventType> = Extract<BuildEvent, { type: T }>;
