// The endpoint's unix socket as the file system sees it: type, owner, mode, and whether this
// session may use it (access(2) for read and write, then a real connect).
import { constants } from 'node:fs';
import { access, lstat, readlink, stat } from 'node:fs/promises';
import net from 'node:net';
import type { SocketFacts } from '../../core/host/facts.js';

/** `ok` or the errno of trying to use the socket; injectable so tests can simulate EACCES as root. */
export type SocketAccess = (socketPath: string) => Promise<string>;

/** access(R_OK|W_OK), then connect with a short deadline: root passes access() on any file, so connect decides. */
export const realSocketAccess: SocketAccess = async (socketPath) => {
  try {
    await access(socketPath, constants.R_OK | constants.W_OK);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'EIO';
  }
  return new Promise<string>((resolve) => {
    const conn = net.connect({ path: socketPath });
    const timer = setTimeout(() => {
      conn.destroy();
      resolve('TIMEOUT');
    }, 1000);
    conn.once('connect', () => {
      clearTimeout(timer);
      conn.destroy();
      resolve('ok');
    });
    conn.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code ?? 'EIO');
    });
  });
};

/** Gather facts about a socket path; `groupName` maps a gid to its /etc/group name. */
export async function gatherSocketFacts(socketPath: string, socketAccess: SocketAccess, groupName: (gid: number) => string | null): Promise<SocketFacts> {
  const missing: SocketFacts = {
    path: socketPath, exists: false, isSocket: false, symlinkTarget: null, ownerUid: null, groupGid: null, groupName: null, mode: null, access: 'ENOENT',
  };
  let symlinkTarget: string | null = null;
  try {
    const l = await lstat(socketPath);
    if (l.isSymbolicLink()) symlinkTarget = await readlink(socketPath);
  } catch {
    return missing;
  }
  try {
    const s = await stat(socketPath);
    return {
      path: socketPath,
      exists: true,
      isSocket: s.isSocket(),
      symlinkTarget,
      ownerUid: s.uid,
      groupGid: s.gid,
      groupName: groupName(s.gid),
      mode: s.mode & 0o7777,
      access: s.isSocket() ? await socketAccess(socketPath) : 'ENOTSOCK',
    };
  } catch {
    return { ...missing, exists: true, symlinkTarget };
  }
}
