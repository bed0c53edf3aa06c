// Builds this machine knows (state files) joined with what the engine says about their containers.
import type Dockerode from 'dockerode';
import type { BuildState } from '../../core/build/build-record.js';
import { LABEL } from '../../core/labels.js';
import { listBuilders } from './builder-container.js';
import { currentNamespace } from '../docker/object-names.js';
import { buildFiles, listBuildStates } from './build-store.js';
import { reconcileInterrupted } from './reconcile-interrupted.js';
import { EngineError, inspectContainer } from '../docker/index.js';

export interface BuildListing {
  id: string;
  recipe: string;
  mode: string;
  status: BuildState['status'];
  /** The build container: running, stopped, gone, or unknown without an engine. */
  container: 'running' | 'stopped' | 'gone' | 'unknown';
  createdAt: string;
  image: string | null;
  tags: string[];
  message: string | null;
}

/** Every known build, newest first, with the containers of the current namespace; `docker` null lists from state files alone. */
export async function listBuilds(docker: Dockerode | null, env: NodeJS.ProcessEnv = process.env, which: (s: BuildState) => boolean = () => true): Promise<BuildListing[]> {
  // An unusable GENTOO_WB_NAMESPACE must fail here, not be taken for an engine without containers.
  currentNamespace(env);
  // `which`: the builds of one engine (their state names it), so another engine's are not called lost here.
  const known = (await listBuildStates(env)).filter(which);
  const states = docker ? await reconcileInterrupted(docker, known, env) : known;
  const containers = docker ? await listBuilders(docker).catch(() => null) : null;
  const byId = new Map((containers ?? []).map((c) => [c.labels[LABEL.buildId] ?? '', c]));
  const lost = docker && containers !== null ? await reconcileGone(docker, states.filter((s) => !byId.has(s.id)), env) : new Map<string, string>();
  return states.map((s) => {
    const c = byId.get(s.id);
    const lostWhy = lost.get(s.id);
    return {
      id: s.id,
      recipe: s.recipeName,
      mode: s.mode,
      status: lostWhy === undefined ? s.status : 'lost',
      container: containers === null ? 'unknown' : c ? (c.state === 'running' ? 'running' : 'stopped') : 'gone',
      createdAt: new Date(s.createdAt).toISOString(),
      image: s.image?.id ?? null,
      tags: s.image?.tags ?? s.tags,
      message: lostWhy ?? s.message,
    };
  });
}

/** Builds a session can attach to: not finished and their container still there. */
export function attachable(builds: BuildListing[]): BuildListing[] {
  return builds.filter((b) => (b.status === 'running' || b.status === 'finishing' || b.status === 'lost') && (b.container === 'running' || b.container === 'stopped'));
}

/**
 * What `attach` without an ID follows: the newest build whose container runs (else the newest one whose
 * stopped container still waits to be finished), and the other attachable builds, newest first.
 */
export function attachTarget(builds: BuildListing[]): { target: BuildListing; others: BuildListing[] } | null {
  const candidates = attachable(builds);
  const target = candidates.find((b) => b.container === 'running') ?? candidates[0];
  return target ? { target, others: candidates.filter((b) => b !== target) } : null;
}

/** States that say a container runs the build (running, finishing). */
const HAS_CONTAINER: ReadonlySet<BuildState['status']> = new Set(['running', 'finishing']);

/**
 * Builds whose state says their container runs, while this engine has no such container (by label, nor
 * by the ID the state names): lost, with why, instead of "running" for ever. Only the listing says so; the
 * state file is left as it is (another engine, -H, may well hold the container).
 */
async function reconcileGone(docker: Dockerode, withoutContainer: BuildState[], env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const lost = new Map<string, string>();
  for (const state of withoutContainer) {
    if (!HAS_CONTAINER.has(state.status)) continue;
    if (state.containerId) {
      const gone = await inspectContainer(docker, state.containerId).then(
        () => false,
        (err: unknown) => err instanceof EngineError && err.kind === 'container-not-found',
      );
      if (!gone) continue;
    }
    const image = state.image ? `; its image ${state.image.id.replace(/^sha256:/, '').slice(0, 12)} had been made` : '; no image was made';
    lost.set(state.id, `its build container is gone from this engine (removed outside gentoo-wb, or lost by an engine restart) while the build was ${state.status}${image}; its saved output is in ${buildFiles(state.id, env).output}`);
  }
  return lost;
}
