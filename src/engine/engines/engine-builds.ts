// `gentoo-wb builds` over every engine: each build's state names the engine it was started on
// (`--engine NAME`; none: the default endpoint), so the builds are grouped by engine, each engine is
// asked at once (in parallel, each within its timeout) about its own builds only, and an engine that
// does not answer is said, with its builds listed from their state files as "unknown".
import type Dockerode from 'dockerode';
import { isFinished, type BuildState } from '../../core/build/build-record.js';
import { listBuilds, type BuildListing } from '../build/build-list.js';
import { buildFiles, listBuildStates, readState } from '../build/build-store.js';
import { EngineError } from '../docker/errors.js';
import { openSettings, type SettingsStore } from '../settings/settings-store.js';
import { connectEngineEntry } from './connect-named.js';
import { LOCAL_ENGINE } from './engine-spec.js';
import { findEngine } from './engine-store.js';

/** A build as `builds` lists it: the engine it runs on, and "unknown" while that engine does not answer. */
export type EngineBuildListing = Omit<BuildListing, 'status'> & { engine: string; status: BuildListing['status'] | 'unknown' };

export interface UnreachableEngine {
  engine: string;
  why: string;
  /** How many of the listed builds are on it. */
  builds: number;
}

export interface EverywhereOptions {
  /** Connect to the default endpoint (the command's -H/--context). */
  connectLocal: () => Promise<Dockerode>;
  /** Only this engine's builds (`builds --engine NAME`; `local` for the default endpoint). */
  only?: string | undefined;
  /** How long each configured engine may take to answer (default 5 s, as `engines list`). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  store?: SettingsStore;
}

/** The engine a build's state names, with `local` for the default endpoint. */
export function engineOf(state: Pick<BuildState, 'engine'>): string {
  return state.engine ?? LOCAL_ENGINE;
}

/** The configured engine a build was started on (undefined: the default endpoint or no such build). */
export async function engineOfBuild(id: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return (await readState(buildFiles(id, env)))?.engine;
}

/** Every known build of every engine (or of `only`), newest first, and the engines that did not answer. */
export async function listBuildsEverywhere(options: EverywhereOptions): Promise<{ builds: EngineBuildListing[]; unreachable: UnreachableEngine[] }> {
  const env = options.env ?? process.env;
  const states = await listBuildStates(env);
  const names = [...new Set(states.map(engineOf))].filter((n) => options.only === undefined || n === options.only);
  const store = options.store ?? openSettings(env);
  const timeoutMs = options.timeoutMs ?? 5000;
  const perEngine = await Promise.all(
    names.map(async (name) => {
      const which = (s: BuildState) => engineOf(s) === name;
      let docker: Dockerode | null = null;
      let why: string | null = null;
      try {
        docker = await connectTo(name, options, store, env, timeoutMs);
      } catch (err) {
        why = err instanceof EngineError ? `${err.message} (${err.hint})` : (err as Error).message;
      }
      const listed = await listBuilds(docker, env, which);
      const builds = listed.map((b): EngineBuildListing => {
        // Without its engine, a build that was not over may have ended, gone on or been lost meanwhile.
        const unknown = docker === null && !isFinished(b.status);
        return { ...b, engine: name, status: unknown ? 'unknown' : b.status, ...(unknown ? { message: `${name === LOCAL_ENGINE ? 'the engine' : `engine "${name}"`} does not answer: the build's state is unknown (last recorded: ${b.status})` } : {}) };
      });
      return { builds, unreachable: why === null ? null : { engine: name, why, builds: builds.length } };
    }),
  );
  const builds = perEngine.flatMap((p) => p.builds).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { builds, unreachable: perEngine.flatMap((p) => (p.unreachable ? [p.unreachable] : [])) };
}

async function connectTo(name: string, options: EverywhereOptions, store: SettingsStore, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Dockerode> {
  if (name === LOCAL_ENGINE) return options.connectLocal();
  const entry = findEngine(store, name);
  if (entry === null) throw new EngineError('endpoint', `engine "${name}" is not configured any more`, `gentoo-wb engines add ${name} URL brings it back`);
  return (await connectEngineEntry(entry, env, timeoutMs)).docker;
}
