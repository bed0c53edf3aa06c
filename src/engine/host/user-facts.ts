// Who runs the check: uid, groups of this session, the docker group, sub-ids, the programs rootless
// engines need, the runtime directory and lingering.
import path from 'node:path';
import { ROOTLESS_PROGRAMS, type RootlessProgram, type UserFacts } from '../../core/host/facts.js';
import { parseGroups, parsePasswd, parseSubIds } from '../../core/host/system-files.js';
import type { RootFs } from './root-fs.js';

/** This process's identity; injectable so tests can check as an ordinary user. */
export interface ProcessIdentity {
  uid: number;
  gid: number;
  /** Supplementary groups of the session. */
  groups: number[];
  env: Readonly<Record<string, string | undefined>>;
}

/** The identity of the running process. */
export function processIdentity(): ProcessIdentity {
  return {
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    groups: process.getgroups?.() ?? [],
    env: process.env,
  };
}

/** Gather user facts from the root's /etc files and this process's identity. */
export async function gatherUserFacts(fs: RootFs, id: ProcessIdentity, programDirs: readonly string[]): Promise<UserFacts> {
  const [passwdText, groupText, subuidText, subgidText] = await Promise.all([
    fs.text('/etc/passwd'), fs.text('/etc/group'), fs.text('/etc/subuid'), fs.text('/etc/subgid'),
  ]);
  const me = parsePasswd(passwdText ?? '').find((p) => p.uid === id.uid);
  const name = me?.name ?? id.env.USER ?? id.env.LOGNAME ?? null;
  const docker = parseGroups(groupText ?? '').find((g) => g.name === 'docker');
  const found = await Promise.all(ROOTLESS_PROGRAMS.map((p) => fs.findProgram(p, programDirs)));
  const programs = Object.fromEntries(ROOTLESS_PROGRAMS.map((p, i) => [p, found[i] ?? null])) as Record<RootlessProgram, string | null>;
  const runtime = id.env.XDG_RUNTIME_DIR;
  const xdgRuntimeDir = runtime && path.isAbsolute(runtime) ? { path: runtime, writable: await fs.writable(runtime) } : null;
  return {
    uid: id.uid,
    gid: id.gid,
    loginGid: me?.gid ?? null,
    name,
    home: me?.home ?? id.env.HOME ?? null,
    processGroups: id.groups,
    dockerGroup: docker ? { gid: docker.gid, members: docker.members } : null,
    subuid: subuidText === null ? null : parseSubIds(subuidText, name, id.uid),
    subgid: subgidText === null ? null : parseSubIds(subgidText, name, id.uid),
    programs,
    xdgRuntimeDir,
    linger: name !== null && (await fs.exists(`/var/lib/systemd/linger/${name}`)),
  };
}
