// Engine checks from /_ping, /version and /info: reachable, which engine and API, storage driver,
// disk space, its own warnings, IPv4 forwarding, cgroup driver and limits, and whether it runs here.
import { humanSize } from '../format/size.js';
import { isPermissionErrno, noAnswerReason } from '../connect-failure.js';
import { unifiedFix } from './cgroup-rules.js';
import type { EngineFacts, EngineFactsReachable, EngineFactsUnreachable, InitSystem } from './facts.js';
import { finding, type Finding } from './finding.js';
import { startEngineFix } from './service-fix.js';

// Sizes in the one convention of every screen and command (core/format/size.ts: decimal, as docker says them).
/** (proposal) Below this much free space (10 GB) a Gentoo build will run out. */
const DISK_FAIL_BYTES = 10e9;
/** (proposal) Below this (30 GB) a build with caches gets tight. */
const DISK_WARN_BYTES = 30e9;

const GOOD_DRIVERS = new Set(['overlay2', 'overlay', 'overlayfs', 'btrfs', 'zfs', 'io.containerd.snapshotter.v1']);

/** Every engine finding; `localRelease` is this machine's kernel, to tell whether the engine runs here. */
export function engineFindings(e: EngineFacts, localRelease: string | null, init: InitSystem = 'unknown'): Finding[] {
  const out: Finding[] = [];
  if (e.endpoint) out.push(resolveFinding(e.endpoint.host, e.endpoint.source, e.endpoint.context, e.endpoint.warnings, e.endpoint.engine));
  if (!e.reachable) {
    out.push(unreachableFinding(e));
    return out;
  }
  out.push(
    finding({
      id: 'conn.ping', group: 'engine', status: 'pass', value: true, title: `Engine answers at ${e.endpoint.host}`,
      detail: 'The engine is running and this session may talk to it.',
    }),
    identityFinding(e),
    apiFinding(e),
    storageFinding(e),
    diskFinding(e),
    warningsFinding(e),
    ipForwardFinding(e),
    // The init system is this machine's: a remote engine's host gets both ways to switch.
    cgroupFinding(e, e.kernelVersion === localRelease ? init : 'unknown'),
    ...limitFindings(e),
    finding({
      id: 'eng.secopts', group: 'engine', status: 'info', value: e.securityOptions.join(' ') || null,
      title: e.securityOptions.length > 0 ? `Security options: ${e.securityOptions.map((o) => o.replace(/^name=/, '').split(',')[0]).join(', ')}` : 'No security options reported',
      detail: 'Seccomp, AppArmor/SELinux, user namespaces and cgroup namespaces confine containers; builds may need some relaxed (see the Container probe group).',
    }),
    kernelMatchFinding(e, localRelease),
    finding({
      id: 'eng.arch', group: 'engine', status: 'info', value: e.arch,
      title: `Engine architecture: ${e.os}/${e.arch}`, detail: 'The stage3 image and binary packages must be built for this architecture.',
    }),
  );
  return out;
}

function resolveFinding(host: string, source: string, context: string | null, warnings: string[], engine?: string): Finding {
  const rule = engine !== undefined ? `engine ${engine} (Base › Engine)` : source === 'flag' ? 'the -H/--context flag' : source === 'DOCKER_HOST' ? 'DOCKER_HOST' : source === 'DOCKER_CONTEXT' ? 'DOCKER_CONTEXT' : source === 'config' ? 'currentContext in the docker config' : 'the default';
  const ctx = context !== null && context !== 'default' ? ` (context ${context})` : '';
  const chosen = engine !== undefined
    ? 'The configured engine the workbench uses (gentoo-wb engines list): the Engine, Permissions and Container probe groups are of it; Kernel, cgroups, Rootless and Podman are read on this machine, which is the engine\'s host only when the engine runs on this kernel (see that finding).'
    : 'Chosen with the same precedence as the docker CLI: flags, DOCKER_HOST, DOCKER_CONTEXT, config, default.';
  return finding({
    id: 'conn.resolve', group: 'engine', status: warnings.length > 0 ? 'warn' : 'pass', value: host,
    title: `Endpoint ${host}${ctx}, chosen by ${rule}`,
    detail: warnings.length > 0 ? warnings.join(' ') : chosen,
    fix: warnings.length > 0 ? ['docker context ls   # what is configured', 'env | grep ^DOCKER_   # what the environment says'] : [],
  });
}

function unreachableFinding(e: EngineFactsUnreachable): Finding {
  const base = { id: 'conn.ping', group: 'engine' as const, status: 'fail' as const, value: e.code };
  const host = e.endpoint?.host ?? 'the endpoint';
  if (e.code === 'endpoint') {
    return finding({ ...base, title: 'Could not decide which engine to use', detail: e.message, fix: ['docker context ls', 'env | grep ^DOCKER_'] });
  }
  if (isPermissionErrno(e.code)) {
    return finding({ ...base, title: `Permission denied talking to ${host}`, detail: `${e.message}. See the Permissions group for why and how to get access.` });
  }
  const socketPath = host.startsWith('unix://') ? host.slice('unix://'.length) : null;
  const why = noAnswerReason(e.code);
  return finding({
    ...base, title: `No engine answers at ${host} (${why})`,
    detail: `${e.message}. Nothing can be built until an engine runs; the Podman group lists other sockets found.`,
    fix: socketPath ? startEngineFix(socketPath) : ['# check that the engine runs on that host and the address is right', 'docker -H ' + host + ' version'],
  });
}

function identityFinding(e: EngineFactsReachable): Finding {
  const name = e.kind === 'podman' ? 'Podman' : 'Docker';
  const parts = e.components.filter((c) => !/^(Engine|Podman Engine)$/.test(c.name)).map((c) => `${c.name} ${c.version}`);
  return finding({
    id: 'conn.engine', group: 'engine', status: 'info', value: e.kind,
    title: `${name} ${e.version}${e.rootless ? ' (rootless)' : ''}`,
    detail: parts.length > 0 ? `Components: ${parts.join(', ')}.` : `${name} answers the Docker Engine API.`,
  });
}

function apiFinding(e: EngineFactsReachable): Finding {
  const min = e.daemonMinApiVersion ? `, accepts from ${e.daemonMinApiVersion}` : '';
  return finding({
    id: 'conn.apiver', group: 'engine', status: 'pass', value: e.apiVersion,
    title: `API ${e.apiVersion} (engine speaks ${e.daemonApiVersion}${min})`,
    detail: 'gentoo-wb uses the lower of its own API version and the engine\'s, so older engines keep working.',
  });
}

function storageFinding(e: EngineFactsReachable): Finding {
  const base = { id: 'eng.storage', group: 'engine' as const, value: e.storageDriver };
  const dtype = e.driverStatus.find(([k]) => k === 'Supports d_type')?.[1];
  const backing = e.driverStatus.find(([k]) => k === 'Backing Filesystem')?.[1];
  const on = backing ? ` on ${backing}` : '';
  if (dtype === 'false') {
    return finding({
      ...base, status: 'fail', title: `Storage driver ${e.storageDriver}${on} without d_type support`,
      detail: 'overlay on a filesystem without d_type (xfs made with ftype=0) corrupts layers; the engine may refuse to start containers.',
      fix: ['# move the engine\'s data to ext4, or to xfs made with ftype=1:', 'mkfs.xfs -n ftype=1 /dev/YOUR-DISK'],
    });
  }
  if (GOOD_DRIVERS.has(e.storageDriver)) {
    return finding({ ...base, status: 'pass', title: `Storage driver ${e.storageDriver}${on}`, detail: 'Layers are stacked or snapshotted, not copied: commits and builds stay fast and small.' });
  }
  if (e.storageDriver === 'vfs') {
    return finding({
      ...base, status: 'warn', title: 'Storage driver vfs copies every layer',
      detail: 'vfs makes a full copy per layer: a Gentoo build with a few commits needs many times the disk and time.',
      fix: ['# rootful Docker: make sure overlayfs is in the kernel, then', `echo '{ "storage-driver": "overlay2" }' > /etc/docker/daemon.json   # merge by hand if the file exists`, 'rc-service docker restart   # systemd: systemctl restart docker'],
    });
  }
  return finding({
    ...base, status: 'warn', title: `Storage driver ${e.storageDriver}`,
    detail: 'This driver is deprecated or unusual; overlay2 is what current engines test and support.',
    fix: [`echo '{ "storage-driver": "overlay2" }' > /etc/docker/daemon.json   # merge by hand if the file exists`, 'rc-service docker restart   # systemd: systemctl restart docker'],
  });
}

function diskFinding(e: EngineFactsReachable): Finding {
  const base = { id: 'eng.disk', group: 'engine' as const };
  if (e.disk === null) {
    return finding({ ...base, status: 'info', value: null, title: 'Free space of the engine not measured', detail: 'The engine keeps its data on another machine (or the folder is unreadable): check it there with `docker system df` and `df`.' });
  }
  const free = e.disk.freeBytes;
  const status = free < DISK_FAIL_BYTES ? 'fail' : free < DISK_WARN_BYTES ? 'warn' : 'pass';
  return finding({
    ...base, status, value: free,
    title: `${humanSize(free)} free of ${humanSize(e.disk.totalBytes)} at ${e.disk.path}`,
    detail: `A Gentoo build needs a stage3, the Portage tree, distfiles and binary packages: plan for ${humanSize(DISK_FAIL_BYTES)} at least, ${humanSize(DISK_WARN_BYTES)} to be comfortable.`,
    fix: status === 'pass' ? [] : ['docker system df   # what takes the space', 'docker image prune   # dangling images', 'gentoo-wb clean   # what gentoo-wb left behind'],
  });
}

function warningsFinding(e: EngineFactsReachable): Finding {
  const n = e.warnings.length;
  return finding({
    id: 'eng.warnings', group: 'engine', status: n > 0 ? 'warn' : 'pass', value: n,
    title: n === 0 ? 'The engine reports no warnings' : `The engine reports ${n} warning${n === 1 ? '' : 's'}`,
    detail: n === 0 ? '`docker info` would show none.' : e.warnings.join(' | '),
  });
}

function ipForwardFinding(e: EngineFactsReachable): Finding {
  const base = { id: 'eng.ipfwd', group: 'engine' as const, value: e.ipv4Forwarding };
  if (e.ipv4Forwarding !== false) {
    return finding({ ...base, status: e.ipv4Forwarding === null ? 'info' : 'pass', title: e.ipv4Forwarding === null ? 'IPv4 forwarding not reported' : 'IPv4 forwarding on', detail: 'Containers can reach the network (distfiles, Portage tree sync).' });
  }
  return finding({
    ...base, status: 'warn', title: 'IPv4 forwarding is off',
    detail: 'Containers cannot reach the network: fetching distfiles and syncing the Portage tree fail.',
    fix: ['sysctl -w net.ipv4.ip_forward=1', "echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-ip-forward.conf   # keep it after reboot"],
  });
}

function cgroupFinding(e: EngineFactsReachable, init: InitSystem): Finding {
  const base = { id: 'eng.cgroup', group: 'engine' as const, value: e.cgroupVersion };
  const driver = e.cgroupDriver ?? 'unknown';
  if (driver === 'none') {
    return finding({
      ...base, status: 'warn', title: 'Cgroup driver none: limits are ignored',
      detail: 'A rootless engine without systemd on cgroup v2 cannot limit memory or CPU; a runaway build can take the whole host.',
    });
  }
  if (e.cgroupVersion === '2') return finding({ ...base, status: 'pass', title: `cgroup v2, driver ${driver}`, detail: 'The engine uses the unified hierarchy.' });
  return finding({
    ...base, status: 'warn', title: `Engine on cgroup v${e.cgroupVersion ?? '?'}, driver ${driver}`,
    detail: 'Upstream engines deprecate cgroup v1 and rootless engines cannot limit resources on it; switch the engine\'s host to cgroup v2.',
    fix: unifiedFix(init),
  });
}

function limitFindings(e: EngineFactsReachable): Finding[] {
  if (e.cgroupDriver === 'none') return [];
  const off = Object.entries(e.limits).filter(([, v]) => v === false).map(([k]) => k);
  if (off.length === 0) {
    return [finding({ id: 'eng.limits', group: 'engine', status: 'pass', value: true, title: 'Every resource limit is supported', detail: 'Memory, swap, CPU quota/shares/sets and PID limits work.' })];
  }
  return off.map((name) => finding({
    id: `eng.limits.${name}`, group: 'engine', status: 'warn', value: false, title: `${name} not supported by the engine`,
    detail: 'Containers cannot be limited this way; the matching kernel option or cgroup controller is missing (see Kernel and cgroups).',
  }));
}

function kernelMatchFinding(e: EngineFactsReachable, local: string | null): Finding {
  const same = local !== null && e.kernelVersion === local;
  return finding({
    id: 'eng.kernelMatch', group: 'engine', status: same || local === null ? 'info' : 'warn', value: e.kernelVersion,
    title: same ? `Engine runs on this kernel (${local})` : `Engine kernel ${e.kernelVersion}, checked kernel ${local ?? 'unknown'}`,
    detail: same
      ? 'Kernel and cgroup checks describe the machine the engine runs on.'
      : 'The engine runs on another kernel (a VM, a remote host, or --root points elsewhere): Kernel and cgroups describe the checked system only.',
  });
}
