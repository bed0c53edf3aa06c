// The engines of a farm run: every name checked against the settings before anything connects
// (`local` is the default endpoint), then all connected at once, each with what the scheduler weighs
// (architecture, CPUs, gentoo-wb builds already running there) and an address other engines can use.
import type Dockerode from 'dockerode';
import { gentooWbLabelFilters, inNamespace } from '../../core/labels.js';
import type { FarmEngineFacts } from '../../core/farm/farm-schedule.js';
import { connectEngine, type EngineConnection } from '../docker/connect.js';
import { listContainers } from '../docker/containers.js';
import { EngineError } from '../docker/errors.js';
import { connectEngineEntry } from '../engines/connect-named.js';
import { LOCAL_ENGINE } from '../engines/engine-spec.js';
import { findEngine, unknownEngine } from '../engines/engine-store.js';
import type { SettingsStore } from '../settings/settings-store.js';

export interface FarmEngine extends FarmEngineFacts {
  docker: Dockerode;
  connection: EngineConnection;
  /** The engine name a build started there records (undefined: the default endpoint). */
  buildEngine: string | undefined;
}

/** Why a list of engine names cannot make a farm (empty, repeated or unknown names), or null. */
export function engineListProblem(names: readonly string[], store: SettingsStore): { message: string; hint: string } | null {
  if (names.length === 0 || names.some((n) => n === '')) return { message: '--engines needs engine names separated by commas (e.g. --engines local,builder2)', hint: '`gentoo-wb engines list` shows the configured ones; "local" is the default engine' };
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return { message: `--engines names ${JSON.stringify(twice)} twice`, hint: 'name each engine once' };
  for (const name of names) {
    if (name === LOCAL_ENGINE || findEngine(store, name) !== null) continue;
    const refused = unknownEngine(store, name);
    return { message: `--engines: ${refused.message} ("local" is the default engine)`, hint: refused.hint };
  }
  return null;
}

/** Connect every engine (at once; `local` through -H/--context like any command) and read the facts the scheduler needs. */
export async function connectFarmEngines(names: readonly string[], store: SettingsStore, namespace: string | null, local: { host?: string; context?: string } = {}, env: NodeJS.ProcessEnv = process.env): Promise<FarmEngine[]> {
  return Promise.all(names.map(async (name): Promise<FarmEngine> => {
    let connection: EngineConnection;
    try {
      connection = name === LOCAL_ENGINE ? await connectEngine({ ...local, env }) : await connectEngineEntry(findEngine(store, name)!, env);
    } catch (err) {
      const e = err instanceof EngineError ? err : new EngineError('endpoint', (err as Error).message, '`gentoo-wb engines check NAME` says more');
      throw new EngineError(e.kind, `engine ${name}: ${e.message}`, e.hint, { cause: err });
    }
    const ncpu = Number((connection.info.rawInfo as { NCPU?: unknown }).NCPU);
    const builders = await listContainers(connection.docker, gentooWbLabelFilters({ role: 'builder', namespace }));
    return {
      name,
      arch: connection.info.arch,
      cpus: Number.isFinite(ncpu) && ncpu > 0 ? ncpu : 1,
      running: builders.filter((c) => c.state === 'running' && inNamespace(c.labels, namespace)).length,
      docker: connection.docker,
      connection,
      buildEngine: name === LOCAL_ENGINE ? undefined : name,
    };
  }));
}
