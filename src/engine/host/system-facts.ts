// Machine facts: CPUs, memory, sysctls the checks care about, /dev/net/tun, loaded modules, the
// init system and the distribution.
import os from 'node:os';
import type { InitSystem, SystemFacts } from '../../core/host/facts.js';
import { countCpus, osReleaseValue, parseMemTotal } from '../../core/host/system-files.js';
import type { RootFs } from './root-fs.js';

async function initSystem(fs: RootFs): Promise<InitSystem> {
  if (await fs.isDir('/run/systemd/system')) return 'systemd';
  if ((await fs.exists('/run/openrc')) || (await fs.exists('/sbin/openrc-run'))) return 'openrc';
  return 'unknown';
}

/** Gather system facts under the root (CPUs of a checked root come from its /proc/cpuinfo). */
export async function gatherSystemFacts(fs: RootFs): Promise<SystemFacts> {
  const [cpuinfo, meminfo, ipForward, clone, maxUserNs, tun, modules, init, osRelease] = await Promise.all([
    fs.isLive ? Promise.resolve(null) : fs.text('/proc/cpuinfo'),
    fs.text('/proc/meminfo'),
    fs.number('/proc/sys/net/ipv4/ip_forward'),
    fs.number('/proc/sys/kernel/unprivileged_userns_clone'),
    fs.number('/proc/sys/user/max_user_namespaces'),
    fs.exists('/dev/net/tun'),
    fs.text('/proc/modules'),
    initSystem(fs),
    fs.text('/etc/os-release'),
  ]);
  const counted = cpuinfo === null ? 0 : countCpus(cpuinfo);
  return {
    cpus: counted > 0 ? counted : os.availableParallelism(),
    memTotalBytes: meminfo === null ? (fs.isLive ? os.totalmem() : null) : parseMemTotal(meminfo),
    ipForward: ipForward === null ? null : ipForward === 1,
    unprivilegedUsernsClone: clone,
    maxUserNamespaces: maxUserNs,
    tunDevice: tun,
    loadedModules: modules === null ? null : modules.split('\n').map((l) => l.split(' ')[0] ?? '').filter((n) => n !== ''),
    init,
    distro: osRelease === null ? null : osReleaseValue(osRelease, 'ID'),
  };
}
