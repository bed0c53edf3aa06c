// What to tell someone whose build lost its engine (the engine process died, its host went away):
// what was lost, what is kept, and what can be resumed. The words must stay true for Docker: a dockerd
// that stops without `live-restore` kills its containers when it starts again, so the build container
// does not go on after a restart; what survives is what the engine keeps on disk (the binary packages
// of the cache volume) and what gentoo-wb keeps (the state folder with the output so far).
import type { BuildPlan } from '../../core/plan/plan-types.js';

export interface LostEngine {
  buildId: string;
  /** The configured engine's name (`--engine`), or undefined for the default endpoint. */
  engine: string | undefined;
  /** Why the engine does not answer (the ping's code and message). */
  why: string;
  /** The build's folder (state, output so far). */
  dir: string;
  plan: BuildPlan | null;
}

/** The engine's name for a sentence: `engine "b"` or `the engine`. */
export function engineLabel(engine: string | undefined): string {
  return engine === undefined ? 'the engine' : `engine "${engine}"`;
}

/** `--engine NAME ` for a command the user should run, or nothing for the default endpoint. */
function engineFlag(engine: string | undefined): string {
  return engine === undefined ? '' : ` --engine ${engine}`;
}

/** Whether the build writes binary packages into a cache volume (a later build installs them). */
function keepsBinaryPackages(plan: BuildPlan | null): boolean {
  return plan?.container.mounts.some((m) => m.kind === 'volume' && m.role === 'binpkgs') ?? false;
}

/** One paragraph: the engine is lost, what went, what stays, what can be resumed and how. */
export function engineLostMessage(lost: LostEngine): string {
  const who = engineLabel(lost.engine);
  const resume = keepsBinaryPackages(lost.plan)
    ? `the packages merged before the loss are kept as binary packages in the engine's cache volume, so building the recipe again on ${who} installs them instead of compiling them`
    : 'it kept no binary packages (caches are off), so a new build compiles everything again';
  return [
    `lost ${who} in the middle of build ${lost.buildId} (${lost.why}); nothing was committed or tagged.`,
    `If the engine process stopped, Docker stops its containers when it starts again (unless it runs with live-restore), so this build cannot go on there:`,
    `${resume}; its output so far is in ${lost.dir}.`,
    `Once the engine answers, \`gentoo-wb builds\` shows what is left and \`gentoo-wb clean --dry-run${engineFlag(lost.engine)}\` lists its stopped container; if it still runs, \`gentoo-wb attach ${lost.buildId}\` follows it.`,
  ].join(' ');
}
