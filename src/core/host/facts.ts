// Everything the host checks look at, as plain data. Gatherers in src/engine/host fill it in from a
// root directory, the socket and the engine API; the rules in this folder only read it.
import type { BinhostReach } from './binhost-rules.js';
import type { EngineIdentity } from '../identity/engine-identity.js';

/** A parsed kernel `.config`: symbol (without `CONFIG_`) → value (`y`, `m`, a number or a string). */
export type KernelOptions = Readonly<Record<string, string>>;

export type KernelConfigSource = 'proc' | 'boot' | 'usr-src-release' | 'usr-src';

export type KernelConfigFacts =
  | {
      found: true;
      /** The file read, as seen on the checked system (`/proc/config.gz`, `/boot/config-6.12.1`…). */
      path: string;
      source: KernelConfigSource;
      options: KernelOptions;
      /** From `# Linux/x86 6.12.1 Kernel Configuration`, when the header is there. */
      header: { arch: string; version: string } | null;
    }
  | {
      found: false;
      /** The paths looked at, in order. */
      tried: string[];
    };

export interface KernelFacts {
  /** The running kernel's release (`uname -r`), or what the checked system says it runs. */
  release: string | null;
  releaseSource: 'uname' | 'osrelease' | 'config-header' | null;
  config: KernelConfigFacts;
  /** The kernel command line (boot options such as `vsyscall=`), when readable. */
  cmdline: string | null;
  /** `/proc/sys/kernel/keys/root_maxkeys`. */
  keysRootMaxKeys: number | null;
  /** Which iptables the system's `iptables` command is (decides the legacy-xtables options on ≥ 6.17). */
  iptablesBackend: 'legacy' | 'nft' | 'unknown';
  /** `/dev/zfs` exists and the zfs tools are installed (ZFS is a storage driver without a kernel symbol). */
  zfs: boolean;
}

export type CgroupMode = 'v1' | 'v2' | 'hybrid' | 'none';

export interface MountEntry {
  source: string;
  mountPoint: string;
  fsType: string;
  options: string[];
}

export interface CgroupFacts {
  mode: CgroupMode;
  /** statfs on the live system; /proc/mounts for a checked root directory. */
  modeSource: 'statfs' | 'mounts';
  /** cgroup and cgroup2 entries of /proc/mounts. */
  mounts: MountEntry[];
  /** Controllers of the cgroup2 root (`cgroup.controllers`), null when there is no readable v2 root. */
  v2Controllers: string[] | null;
  /** Where the cgroup2 hierarchy is mounted, if anywhere. */
  v2Root: string | null;
  /** `/run/systemd/system` is a directory: systemd is the init system. */
  systemd: boolean;
  /** Controllers delegated to this user's systemd instance (rootless on systemd), null when not looked at or unreadable. */
  delegation: { path: string; controllers: string[] | null } | null;
}

export type InitSystem = 'openrc' | 'systemd' | 'unknown';

export interface SystemFacts {
  cpus: number;
  memTotalBytes: number | null;
  /** `/proc/sys/net/ipv4/ip_forward`. */
  ipForward: boolean | null;
  /** `kernel.unprivileged_userns_clone` (Debian-patched kernels only). */
  unprivilegedUsernsClone: number | null;
  /** `user.max_user_namespaces`. */
  maxUserNamespaces: number | null;
  tunDevice: boolean;
  /** Names from /proc/modules (null when the kernel has no module support or it is unreadable). */
  loadedModules: string[] | null;
  init: InitSystem;
  /** `ID` from /etc/os-release ("gentoo", "debian"…). */
  distro: string | null;
}

export interface SubIdRange {
  start: number;
  count: number;
}

/** Programs the rootless checks look for on PATH. */
export const ROOTLESS_PROGRAMS = [
  'newuidmap', 'newgidmap', 'rootlesskit', 'dockerd-rootless.sh', 'slirp4netns', 'pasta', 'vpnkit', 'fuse-overlayfs', 'podman', 'docker', 'zfs',
] as const;
export type RootlessProgram = (typeof ROOTLESS_PROGRAMS)[number];

export interface UserFacts {
  uid: number;
  /** The process's primary group (active in this session). */
  gid: number;
  /** The primary group /etc/passwd gives the user at login (null when the user is not listed). */
  loginGid: number | null;
  name: string | null;
  home: string | null;
  /** Supplementary groups of this process (the session's active groups). */
  processGroups: number[];
  /** The `docker` group in /etc/group, if it exists. */
  dockerGroup: { gid: number; members: string[] } | null;
  /** This user's ranges in /etc/subuid and /etc/subgid (null when the file is missing). */
  subuid: SubIdRange[] | null;
  subgid: SubIdRange[] | null;
  /** Program → where it was found on PATH, or null. */
  programs: Record<RootlessProgram, string | null>;
  xdgRuntimeDir: { path: string; writable: boolean } | null;
  /** `/var/lib/systemd/linger/<user>` exists. */
  linger: boolean;
}

/** The local socket of the endpoint, as the file system sees it. */
export interface SocketFacts {
  path: string;
  exists: boolean;
  isSocket: boolean;
  symlinkTarget: string | null;
  ownerUid: number | null;
  groupGid: number | null;
  groupName: string | null;
  /** Permission bits (e.g. 0o660). */
  mode: number | null;
  /** `ok`, or the errno of access + connect (`EACCES`, `ENOENT`, `ECONNREFUSED`). */
  access: string;
}

export interface EndpointFacts {
  host: string;
  /** Which rule chose it: flag, DOCKER_HOST, DOCKER_CONTEXT, config, default, or `engine` (a configured one). */
  source: string;
  context: string | null;
  /** The configured engine's name (`gentoo-wb engines list`) when the workbench checks one. */
  engine?: string;
  warnings: string[];
}

export interface EngineFactsReachable extends EngineIdentity {
  reachable: true;
  endpoint: EndpointFacts;
  driverStatus: Array<[string, string]>;
  ipv4Forwarding: boolean | null;
  /** MemoryLimit, SwapLimit, CpuCfsQuota, CpuCfsPeriod, CPUShares, CPUSet, PidsLimit. */
  limits: Record<string, boolean | null>;
  ncpu: number | null;
  memTotalBytes: number | null;
  /** Free space where the engine keeps images (local engines only). */
  disk: { path: string; freeBytes: number; totalBytes: number } | null;
}

export interface EngineFactsUnreachable {
  reachable: false;
  endpoint: EndpointFacts | null;
  /** errno or our own code: ENOENT, ECONNREFUSED, EACCES, TIMEOUT, endpoint, ERROR. */
  code: string;
  message: string;
}

export type EngineFacts = EngineFactsReachable | EngineFactsUnreachable;

export interface PodmanSocketFacts {
  path: string;
  scope: 'rootful' | 'rootless';
  access: string;
  /** From the `Libpod-API-Version` header of /_ping; null when it did not answer. */
  apiVersion: string | null;
  /** Why it did not answer. */
  error: string | null;
}

export interface PodmanFacts {
  /** Sockets that exist on disk (missing ones are not listed). */
  sockets: PodmanSocketFacts[];
  /** The places looked at. */
  looked: string[];
}

export type UnshareResult = 'ok' | 'EPERM' | 'missing' | { error: string };

export const PROBE_NAMESPACES = ['ipc', 'net', 'pid', 'mount', 'uts', 'user'] as const;
export type ProbeNamespace = (typeof PROBE_NAMESPACES)[number];

export type ProbeFacts =
  | { state: 'skipped'; reason: string }
  | { state: 'failed'; image: string; error: string }
  | {
      state: 'done';
      image: string;
      elapsedMs: number;
      unshare: Record<ProbeNamespace, UnshareResult>;
      /** `unshare` from util-linux, busybox's applet, or none at all. */
      unshareTool: 'unshare' | 'busybox' | null;
      /** ptrace(PTRACE_TRACEME) in a child: ok, denied, or not testable in this image. */
      ptrace: 'ok' | 'denied' | 'untested';
      /** Effective capabilities of the container's process (names without CAP_). */
      capabilities: string[];
      seccomp: 'disabled' | 'strict' | 'filter' | null;
      /** The tmpfs the probe asked for at /var/tmp/portage: mounted and writable with exec allowed? */
      tmpfs: { mounted: boolean; writable: boolean; exec: boolean } | { refused: string };
      /** The `flags` of the engine's /proc/cpuinfo (x86 only; null when absent); not read by older probes. */
      cpuFlags?: string[] | null;
    };

/** What the checks looked at. */
export interface HostFacts {
  /** `/`, or the directory given with --root. */
  root: string;
  kernel: KernelFacts;
  cgroup: CgroupFacts;
  system: SystemFacts;
  user: UserFacts;
  /** The endpoint's unix socket; null for tcp/ssh endpoints or when resolution failed. */
  socket: SocketFacts | null;
  engine: EngineFacts;
  podman: PodmanFacts;
  /** Rootful Docker's socket (/var/run/docker.sock), whichever endpoint is in use: rootless setups want it off. */
  rootfulDocker: { path: string; exists: boolean; access: string };
  probe: ProbeFacts;
  /** Check the rootless prerequisites even though rootless is not in use. */
  rootlessAsked: boolean;
  /** The open recipe's binhosts, asked from the engine; absent when no recipe with binhosts was given. */
  binhosts?: BinhostReach[];
}
