// A healthy Gentoo host as HostFacts; tests change the one part they are about.
import type { EngineFactsReachable, HostFacts, KernelFacts } from '../../../src/core/host/facts.js';
import { ROOTLESS_PROGRAMS, type RootlessProgram } from '../../../src/core/host/facts.js';
import {
  NETWORK_OPTIONS, OPTIONAL_OPTIONS, REQUIRED_OPTIONS, SECURITY_OPTIONS, STORAGE_OPTIONS,
} from '../../../src/core/host/kernel-options.js';

/** Every option of the tables set (tristates as modules half the time, to cover `m`). */
export function fullOptions(): Record<string, string> {
  const all = [...REQUIRED_OPTIONS, ...STORAGE_OPTIONS, ...OPTIONAL_OPTIONS, ...SECURITY_OPTIONS, ...NETWORK_OPTIONS];
  const out: Record<string, string> = {};
  all.forEach((o, i) => (out[o.symbol] = o.kind === 'tristate' && i % 2 === 0 ? 'm' : 'y'));
  out.TUN = 'm';
  out.FUSE_FS = 'm';
  out.LEGACY_VSYSCALL_XONLY = 'y';
  return out;
}

export function kernelFacts(over: Partial<KernelFacts> = {}): KernelFacts {
  return {
    release: '6.12.21-gentoo',
    releaseSource: 'uname',
    config: { found: true, path: '/proc/config.gz', source: 'proc', options: fullOptions(), header: { arch: 'x86', version: '6.12.21' } },
    cmdline: 'root=/dev/sda3 ro',
    keysRootMaxKeys: 1_000_000,
    iptablesBackend: 'nft',
    zfs: false,
    ...over,
  };
}

export function dockerEngine(over: Partial<EngineFactsReachable> = {}): EngineFactsReachable {
  return {
    reachable: true,
    endpoint: { host: 'unix:///var/run/docker.sock', source: 'default', context: 'default', warnings: [] },
    kind: 'docker', version: '27.3.1', apiVersion: '1.47', daemonApiVersion: '1.47', daemonMinApiVersion: '1.24',
    rootless: false, storageDriver: 'overlay2', driverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true']],
    cgroupVersion: '2', cgroupDriver: 'cgroupfs', rootDir: '/var/lib/docker', warnings: [], securityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'],
    ipv4Forwarding: true,
    limits: { MemoryLimit: true, SwapLimit: true, CpuCfsQuota: true, CpuCfsPeriod: true, CPUShares: true, CPUSet: true, PidsLimit: true },
    kernelVersion: '6.12.21-gentoo', os: 'linux', arch: 'x86_64', ncpu: 16, memTotalBytes: 64 * 1024 ** 3,
    components: [{ name: 'Engine', version: '27.3.1' }, { name: 'containerd', version: '1.7.22' }],
    disk: { path: '/var/lib/docker', freeBytes: 200 * 1024 ** 3, totalBytes: 500 * 1024 ** 3 },
    ...over,
  };
}

export function programs(missing: RootlessProgram[] = []): Record<RootlessProgram, string | null> {
  return Object.fromEntries(ROOTLESS_PROGRAMS.map((p) => [p, missing.includes(p) ? null : `/usr/bin/${p}`])) as Record<RootlessProgram, string | null>;
}

export function hostFacts(over: Partial<HostFacts> = {}): HostFacts {
  return {
    root: '/',
    kernel: kernelFacts(),
    cgroup: {
      mode: 'v2', modeSource: 'statfs',
      mounts: [{ source: 'cgroup2', mountPoint: '/sys/fs/cgroup', fsType: 'cgroup2', options: ['rw', 'nosuid'] }],
      v2Controllers: ['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids', 'rdma'], v2Root: '/sys/fs/cgroup', systemd: false, delegation: null,
    },
    system: { cpus: 16, memTotalBytes: 64 * 1024 ** 3, ipForward: true, unprivilegedUsernsClone: null, maxUserNamespaces: 63_000, tunDevice: true, loadedModules: ['nf_tables'], init: 'openrc', distro: 'gentoo' },
    user: {
      uid: 1000, gid: 1000, loginGid: 1000, name: 'larry', home: '/home/larry', processGroups: [10, 100, 998],
      dockerGroup: { gid: 998, members: ['larry'] }, subuid: [{ start: 100000, count: 65536 }], subgid: [{ start: 100000, count: 65536 }],
      programs: programs(), xdgRuntimeDir: { path: '/run/user/1000', writable: true }, linger: false,
    },
    socket: { path: '/var/run/docker.sock', exists: true, isSocket: true, symlinkTarget: null, ownerUid: 0, groupGid: 998, groupName: 'docker', mode: 0o660, access: 'ok' },
    engine: dockerEngine(),
    podman: { sockets: [], looked: ['/run/podman/podman.sock', '/run/user/1000/podman/podman.sock'] },
    rootfulDocker: { path: '/var/run/docker.sock', exists: true, access: 'ok' },
    probe: { state: 'skipped', reason: 'not asked for' },
    rootlessAsked: false,
    ...over,
  };
}
