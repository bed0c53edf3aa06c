// Podman's API sockets on the checked system: rootful /run/podman/podman.sock and the user's
// $XDG_RUNTIME_DIR/podman/podman.sock; for each that exists, whether it answers and its Libpod API.
import path from 'node:path';
import type { PodmanFacts, PodmanSocketFacts } from '../../core/host/facts.js';
import { dockerFor, resolveProcessEndpoint } from '../docker/client.js';
import { pingHeaders } from '../docker/engine-info.js';
import type { RootFs } from './root-fs.js';
import type { SocketAccess } from './socket-facts.js';

/** Where Podman puts its sockets, as paths on the checked system. */
function podmanSocketPaths(uid: number, xdgRuntimeDir: string | undefined): Array<{ path: string; scope: 'rootful' | 'rootless' }> {
  const list: Array<{ path: string; scope: 'rootful' | 'rootless' }> = [{ path: '/run/podman/podman.sock', scope: 'rootful' }];
  if (xdgRuntimeDir && path.isAbsolute(xdgRuntimeDir)) list.push({ path: path.posix.join(xdgRuntimeDir, 'podman', 'podman.sock'), scope: 'rootless' });
  list.push({ path: `/run/user/${uid}/podman/podman.sock`, scope: 'rootless' });
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.path) ? false : (seen.add(c.path), true)));
}

/** Ask a socket for its Libpod API version (null with a reason when it is not Podman or does not answer). */
async function libpodVersion(realPath: string, timeoutMs: number): Promise<{ apiVersion: string | null; error: string | null }> {
  const resolution = resolveProcessEndpoint({ host: `unix://${realPath}` }, {});
  if (!resolution.ok) return { apiVersion: null, error: resolution.error.message };
  try {
    const headers = await pingHeaders(dockerFor(resolution.endpoint, { connectionTimeoutMs: timeoutMs }), AbortSignal.timeout(timeoutMs));
    if (headers.libpodApiVersion !== null) return { apiVersion: headers.libpodApiVersion, error: null };
    return { apiVersion: null, error: `answers, but as ${headers.server ?? 'an unknown server'}, not Podman` };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { apiVersion: null, error: e.code ?? e.message };
  }
}

/** Gather Podman socket facts under the root. */
export async function gatherPodmanFacts(fs: RootFs, uid: number, xdgRuntimeDir: string | undefined, socketAccess: SocketAccess, timeoutMs = 1000): Promise<PodmanFacts> {
  const candidates = podmanSocketPaths(uid, xdgRuntimeDir);
  const found = await Promise.all(candidates.map(async (c): Promise<PodmanSocketFacts | null> => {
    if (!(await fs.exists(c.path))) return null;
    const real = fs.real(c.path);
    const access = await socketAccess(real);
    if (access !== 'ok') return { path: c.path, scope: c.scope, access, apiVersion: null, error: access };
    const answer = await libpodVersion(real, timeoutMs);
    return { path: c.path, scope: c.scope, access, ...answer };
  }));
  return { sockets: found.filter((s): s is PodmanSocketFacts => s !== null), looked: candidates.map((c) => c.path) };
}
