// Builds this machine knows (state files) joined with what the engine says about their containers.
import type Dockerode from 'dockerode';
import type { BuildState } from '../../core/build/build-record.js';
import { LABEL } from '../../core/labels.js';
import { listBuilders } from './builder-container.js';
import { currentNamespace } from '../docker/object-names.js';
import { listBuildStates } from './build-store.js';

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
export async function listBuilds(docker: Dockerode | null, env: NodeJS.ProcessEnv = process.env): Promise<BuildListing[]> {
  // An unusable GENTOO_WB_NAMESPACE must fail here, not be taken for an engine without containers.
  currentNamespace(env);
  const states = await listBuildStates(env);
  const containers = docker ? await listBuilders(docker).catch(() => null) : null;
  const byId = new Map((containers ?? []).map((c) => [c.labels[LABEL.buildId] ?? '', c]));
  return states.map((s) => {
    const c = byId.get(s.id);
    return {
      id: s.id,
      recipe: s.recipeName,
      mode: s.mode,
      status: s.status,
      container: containers === null ? 'unknown' : c ? (c.state === 'running' ? 'running' : 'stopped') : 'gone',
      createdAt: new Date(s.createdAt).toISOString(),
      image: s.image?.id ?? null,
      tags: s.image?.tags ?? s.tags,
      message: s.message,
    };
  });
}

/** Builds a session can attach to: not finished and their container still there. */
export function attachable(builds: BuildListing[]): BuildListing[] {
  return builds.filter((b) => (b.status === 'running' || b.status === 'finishing' || b.status === 'lost') && (b.container === 'running' || b.container === 'stopped'));
}
