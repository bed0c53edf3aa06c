// Parsers for the small system files the host checks read: /proc/mounts, /proc/meminfo,
// /etc/passwd, /etc/group, /etc/subuid, /etc/os-release. Text in, data out.
import type { CgroupMode, MountEntry, SubIdRange } from './facts.js';

/** /proc/mounts writes spaces and tabs in paths as octal escapes (\040). */
function unescapeMount(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Parse /proc/mounts (or /proc/self/mounts). */
export function parseMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 4) continue;
    out.push({ source: unescapeMount(parts[0]!), mountPoint: unescapeMount(parts[1]!), fsType: parts[2]!, options: parts[3]!.split(',') });
  }
  return out;
}

const CGROUP_ROOT = '/sys/fs/cgroup';

/** v1, v2, hybrid or none, from the mount table alone (for a checked root directory). */
export function cgroupModeFromMounts(mounts: readonly MountEntry[]): CgroupMode {
  const at = (p: string) => mounts.filter((m) => m.mountPoint === p).at(-1);
  const top = at(CGROUP_ROOT);
  if (top?.fsType === 'cgroup2') return 'v2';
  const v1 = mounts.some((m) => m.fsType === 'cgroup');
  const unified = mounts.some((m) => m.fsType === 'cgroup2' && m.mountPoint === `${CGROUP_ROOT}/unified`);
  if (v1 && unified) return 'hybrid';
  if (v1) return 'v1';
  if (mounts.some((m) => m.fsType === 'cgroup2')) return 'v2';
  return 'none';
}

/** statfs magic number of a cgroup2 /sys/fs/cgroup (a v1 or hybrid one is a tmpfs). */
const CGROUP2_SUPER_MAGIC = 0x63677270;

/** v1, v2, hybrid or none from statfs(/sys/fs/cgroup).type, with the mount table telling v1 from hybrid. */
export function cgroupModeFromStatfs(type: number, mounts: readonly MountEntry[]): CgroupMode {
  if (type === CGROUP2_SUPER_MAGIC) return 'v2';
  const fromMounts = cgroupModeFromMounts(mounts);
  // A tmpfs holding v1 hierarchies: hybrid when a cgroup2 sits at /sys/fs/cgroup/unified.
  if (fromMounts === 'v2') return mounts.some((m) => m.fsType === 'cgroup') ? 'hybrid' : 'v1';
  return fromMounts;
}

/** MemTotal from /proc/meminfo in bytes. */
export function parseMemTotal(text: string): number | null {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/** Number of `processor` entries in /proc/cpuinfo. */
export function countCpus(cpuinfo: string): number {
  return cpuinfo.split('\n').filter((l) => /^processor\s*:/.test(l)).length;
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Parse /etc/passwd. */
export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const p = line.split(':');
    if (p.length < 7 || line.startsWith('#')) continue;
    const uid = Number(p[2]);
    const gid = Number(p[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) continue;
    out.push({ name: p[0]!, uid, gid, home: p[5]! });
  }
  return out;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** Parse /etc/group. */
export function parseGroups(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const p = line.trim().split(':');
    if (p.length < 4 || line.startsWith('#')) continue;
    const gid = Number(p[2]);
    if (!Number.isInteger(gid)) continue;
    out.push({ name: p[0]!, gid, members: p[3]!.split(',').map((m) => m.trim()).filter((m) => m !== '') });
  }
  return out;
}

/** This user's ranges in /etc/subuid or /etc/subgid (entries name the user or the numeric uid). */
export function parseSubIds(text: string, name: string | null, uid: number): SubIdRange[] {
  const out: SubIdRange[] = [];
  for (const line of text.split('\n')) {
    const p = line.trim().split(':');
    if (p.length !== 3 || line.startsWith('#')) continue;
    if (p[0] !== name && p[0] !== String(uid)) continue;
    const start = Number(p[1]);
    const count = Number(p[2]);
    if (Number.isInteger(start) && Number.isInteger(count) && count > 0) out.push({ start, count });
  }
  return out;
}

/** A key of /etc/os-release (`ID` → "gentoo"), without quotes. */
export function osReleaseValue(text: string, key: string): string | null {
  const m = new RegExp(`^${key}=(.*)$`, 'm').exec(text);
  if (!m) return null;
  return m[1]!.trim().replace(/^["']|["']$/g, '') || null;
}
