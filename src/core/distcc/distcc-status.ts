// What the live pane and --plain show of a build's distccd helpers: where each runs, what it takes,
// the jobs its own log says it did, and the one line both views print.
import { distccHostSpec } from './distcc-hosts.js';

export interface DistccHelperStatus {
  /** The engine it runs on (`local` or a configured name). */
  engine: string;
  /** Where the build container reaches it. */
  address: string;
  port: number;
  /** Compile jobs it takes at once (its engine's CPUs shared among the engine's helpers). */
  jobs: number;
  /** Compiles distccd logged as COMPILE_OK so far; null before its log was read. */
  compiles: number | null;
  /** Jobs that ended otherwise (COMPILE_ERROR, disconnects …). */
  otherJobs: number;
  /** running; stopped (removed after the build); lost (its engine or container went away). */
  state: 'running' | 'stopped' | 'lost';
}

/** `distcc   second 10.213.0.2:49153/2 running, 2 compiles; MAKEOPTS=-j9 -l2` — one helper per clause. */
export function distccLine(helpers: readonly DistccHelperStatus[], makeopts: string): string {
  const parts = helpers.map((h) => {
    const done = h.compiles === null ? '' : `, ${h.compiles} compile${h.compiles === 1 ? '' : 's'}${h.otherJobs > 0 ? ` (+${h.otherJobs} failed)` : ''}`;
    return `${h.engine} ${distccHostSpec(h)} ${h.state}${done}`;
  });
  return `${parts.join('; ') || 'no helpers'}; MAKEOPTS=${makeopts}`;
}
