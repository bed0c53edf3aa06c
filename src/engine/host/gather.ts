// Gathers every HostFact at once: files under the root, the engine, its socket, Podman's sockets
// and the container probe run side by side so the whole check stays well under a second.
import type { HostFacts, ProbeFacts } from '../../core/host/facts.js';
import { parseGroups } from '../../core/host/system-files.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import type { BinhostReach } from '../../core/host/binhost-rules.js';
import { reachBinhosts } from './binhost-reach.js';
import { gatherCgroupFacts, type StatfsType } from './cgroup-facts.js';
import { runContainerProbe } from './container-probe.js';
import { gatherEngine, type EngineGatherer } from './engine-facts.js';
import { gatherKernelFacts } from './kernel-facts.js';
import { gatherPodmanFacts } from './podman-facts.js';
import { programDirs, RootFs } from './root-fs.js';
import { gatherSocketFacts, realSocketAccess, type SocketAccess } from './socket-facts.js';
import { gatherSystemFacts } from './system-facts.js';
import { gatherUserFacts, processIdentity, type ProcessIdentity } from './user-facts.js';

export interface GatherOptions {
  /** Read the system's files under this directory instead of `/` (a chroot, a mounted disk, a test tree). */
  root?: string;
  /** gentoo-wb's -H / --context. */
  host?: string | undefined;
  context?: string | undefined;
  /** Run the container probe (default true). */
  probe?: boolean;
  /** Check the rootless prerequisites even when rootless is not in use. */
  rootless?: boolean;
  /** Deadline for the engine to answer (ms). */
  engineTimeoutMs?: number;
  /** Once aborted (the screen went away), no container probe is started. */
  signal?: AbortSignal;
  /** The open recipe: its binhosts are asked whether they answer. */
  recipe?: Recipe | null;
  // Seams for tests:
  identity?: ProcessIdentity;
  socketAccess?: SocketAccess;
  engine?: EngineGatherer;
  statfsType?: StatfsType;
  probeRunner?: typeof runContainerProbe;
}

/** What the probe says when it cannot run for a reason outside it. */
function probeSkipped(reason: string): ProbeFacts {
  return { state: 'skipped', reason };
}

/** Gather all host facts. */
export async function gatherHostFacts(options: GatherOptions = {}): Promise<HostFacts> {
  const fs = new RootFs(options.root ?? '/');
  const id = options.identity ?? processIdentity();
  const socketAccess = options.socketAccess ?? realSocketAccess;
  const dirs = programDirs(id.env, fs.isLive);
  const engineGatherer = options.engine ?? gatherEngine;

  const enginePart = engineGatherer({ host: options.host, context: options.context, env: { ...id.env }, timeoutMs: options.engineTimeoutMs ?? 3000 })
    .then(async (session) => {
      let probe: ProbeFacts;
      if (options.probe === false) probe = probeSkipped('not asked for');
      else if (options.signal?.aborted) probe = probeSkipped('cancelled');
      else if (session.docker === null) probe = probeSkipped('the engine does not answer');
      else probe = await (options.probeRunner ?? runContainerProbe)(session.docker);
      // The recipe's binhosts, asked only when there are some and the engine answers.
      let binhosts: BinhostReach[] | undefined;
      if (options.recipe && options.recipe.binaries.hosts.length > 0 && session.docker !== null && !options.signal?.aborted) binhosts = await reachBinhosts(session.docker, options.recipe);
      return { session, probe, binhosts };
    });
  const groupText = fs.text('/etc/group');
  const [kernel, cgroup, system, user, podman, rootfulDocker, { session, probe, binhosts }, groups] = await Promise.all([
    gatherKernelFacts(fs, dirs),
    gatherCgroupFacts(fs, id.uid, options.statfsType),
    gatherSystemFacts(fs),
    gatherUserFacts(fs, id, dirs),
    gatherPodmanFacts(fs, id.uid, id.env.XDG_RUNTIME_DIR, socketAccess),
    rootfulSocket(fs, socketAccess),
    enginePart,
    groupText,
  ]);
  const groupNames = new Map(parseGroups(groups ?? '').map((g) => [g.gid, g.name]));
  const socket = session.socketPath === null ? null : await gatherSocketFacts(session.socketPath, socketAccess, (gid) => groupNames.get(gid) ?? null);
  return {
    root: fs.root,
    kernel, cgroup, system, user, socket,
    engine: session.facts,
    podman,
    rootfulDocker,
    probe,
    rootlessAsked: options.rootless ?? false,
    ...(binhosts ? { binhosts } : {}),
  };
}

async function rootfulSocket(fs: RootFs, socketAccess: SocketAccess): Promise<HostFacts['rootfulDocker']> {
  const path = '/var/run/docker.sock';
  const exists = await fs.exists(path);
  return { path, exists, access: exists ? await socketAccess(fs.real(path)) : 'ENOENT' };
}
