// cgroup facts: the hierarchy mode (statfs on the live system, the mount table under --root), the
// cgroup mounts, v2 controllers, systemd, and what systemd delegates to this user.
import { statfs } from 'node:fs/promises';
import type { CgroupFacts } from '../../core/host/facts.js';
import { cgroupModeFromMounts, cgroupModeFromStatfs, parseMounts } from '../../core/host/system-files.js';
import type { RootFs } from './root-fs.js';

/** statfs(path).type, injectable for tests; null when it fails. */
export type StatfsType = (path: string) => Promise<number | null>;

const realStatfsType: StatfsType = async (p) => {
  try {
    return Number((await statfs(p)).type);
  } catch {
    return null;
  }
};

/** Gather cgroup facts; `uid` selects the user whose delegation is read. */
export async function gatherCgroupFacts(fs: RootFs, uid: number, statfsType: StatfsType = realStatfsType): Promise<CgroupFacts> {
  const mounts = parseMounts((await fs.text('/proc/mounts')) ?? '').filter((m) => m.fsType === 'cgroup' || m.fsType === 'cgroup2');
  let mode = cgroupModeFromMounts(mounts);
  let modeSource: CgroupFacts['modeSource'] = 'mounts';
  if (fs.isLive) {
    const type = await statfsType('/sys/fs/cgroup');
    if (type !== null) {
      mode = cgroupModeFromStatfs(type, mounts);
      modeSource = 'statfs';
    }
  }
  const v2Root = mode === 'v2' ? '/sys/fs/cgroup' : mode === 'hybrid' ? '/sys/fs/cgroup/unified' : null;
  const controllersText = v2Root === null ? null : await fs.text(`${v2Root}/cgroup.controllers`);
  const systemd = await fs.isDir('/run/systemd/system');
  let delegation: CgroupFacts['delegation'] = null;
  if (uid !== 0 && systemd && mode === 'v2') {
    const path = `/sys/fs/cgroup/user.slice/user-${uid}.slice/user@${uid}.service/cgroup.controllers`;
    const text = await fs.text(path);
    delegation = { path, controllers: text === null ? null : words(text) };
  }
  return { mode, modeSource, mounts, v2Controllers: controllersText === null ? null : words(controllersText), v2Root, systemd, delegation };
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}
