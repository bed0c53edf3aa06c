// Finds engine sockets on this machine (rootful and rootless Docker, Docker Desktop, Podman) so the
// user can be offered them. Nothing here switches endpoints: resolution stays the docker CLI's.
import { accessSync, constants, lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';

export type SocketKind = 'docker-rootful' | 'docker-rootless' | 'docker-desktop' | 'podman-rootless' | 'podman-rootful';

/** What a path on disk turned out to be. */
export interface SocketProbe {
  exists: boolean;
  /** True when the path (after following a symlink) is a unix socket. */
  isSocket: boolean;
  /** Where a symlink points (podman-docker links /run/docker.sock to Podman's socket). */
  symlinkTarget: string | null;
  /** 'ok', or the errno of access(R_OK|W_OK) such as 'EACCES'. */
  access: string;
}

export interface DiscoveredSocket extends SocketProbe {
  path: string;
  kind: SocketKind;
  /** The URL to pass to -H. */
  host: string;
  /** Why this place is looked at. */
  note: string;
}

export interface DiscoveryInput {
  env: Readonly<Record<string, string | undefined>>;
  uid: number;
  homeDir: string;
  probe?: (socketPath: string) => SocketProbe;
}

interface Candidate { path: string; kind: SocketKind; note: string }

/** The places engines put their sockets, most specific first, without duplicates. */
function socketCandidates(env: Readonly<Record<string, string | undefined>>, uid: number, homeDir: string): Candidate[] {
  const runtime = env.XDG_RUNTIME_DIR !== undefined && env.XDG_RUNTIME_DIR !== '' ? env.XDG_RUNTIME_DIR : null;
  const userRun = `/run/user/${uid}`;
  const list: Candidate[] = [
    { path: '/var/run/docker.sock', kind: 'docker-rootful', note: 'rootful Docker (the default endpoint)' },
    ...(runtime ? [{ path: path.join(runtime, 'docker.sock'), kind: 'docker-rootless' as const, note: 'rootless Docker ($XDG_RUNTIME_DIR)' }] : []),
    { path: path.join(userRun, 'docker.sock'), kind: 'docker-rootless', note: 'rootless Docker (/run/user/UID)' },
    { path: path.join(homeDir, '.docker', 'run', 'docker.sock'), kind: 'docker-desktop', note: 'Docker Desktop or rootless Docker (~/.docker/run)' },
    { path: path.join(homeDir, '.docker', 'desktop', 'docker.sock'), kind: 'docker-desktop', note: 'Docker Desktop (~/.docker/desktop)' },
    ...(runtime ? [{ path: path.join(runtime, 'podman', 'podman.sock'), kind: 'podman-rootless' as const, note: 'rootless Podman ($XDG_RUNTIME_DIR)' }] : []),
    { path: path.join(userRun, 'podman', 'podman.sock'), kind: 'podman-rootless', note: 'rootless Podman (/run/user/UID)' },
    { path: '/run/podman/podman.sock', kind: 'podman-rootful', note: 'rootful Podman' },
  ];
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.path) ? false : (seen.add(c.path), true)));
}

/** Every candidate socket with what was found there (existing ones and missing ones alike). */
export function discoverSockets(input: DiscoveryInput): DiscoveredSocket[] {
  const probe = input.probe ?? probeSocket;
  return socketCandidates(input.env, input.uid, input.homeDir).map((c) => ({
    ...c,
    ...probe(c.path),
    host: `unix://${c.path}`,
  }));
}

/** lstat/stat/access a path on the real file system. */
function probeSocket(socketPath: string): SocketProbe {
  let symlinkTarget: string | null = null;
  try {
    const l = lstatSync(socketPath);
    if (l.isSymbolicLink()) symlinkTarget = readlinkSync(socketPath);
  } catch {
    return { exists: false, isSocket: false, symlinkTarget: null, access: 'ENOENT' };
  }
  let isSocket = false;
  try {
    isSocket = statSync(socketPath).isSocket();
  } catch {
    return { exists: true, isSocket: false, symlinkTarget, access: 'ENOENT' };
  }
  let access = 'ok';
  try {
    accessSync(socketPath, constants.R_OK | constants.W_OK);
  } catch (err) {
    access = (err as NodeJS.ErrnoException).code ?? 'EIO';
  }
  return { exists: true, isSocket, symlinkTarget, access };
}
