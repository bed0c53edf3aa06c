// cgroup checks: which hierarchy the host runs (v1, v2, hybrid), the controllers containers need,
// systemd, and controller delegation for rootless engines.
import type { CgroupFacts, InitSystem } from './facts.js';
import { finding, type Finding } from './finding.js';

/** Controllers a v2 hierarchy should offer for full container limits. */
const V2_CONTROLLERS = ['cpu', 'cpuset', 'io', 'memory', 'pids'] as const;
/** v1 hierarchies the engine mounts containers into. */
const V1_CONTROLLERS = ['cpu', 'cpuacct', 'cpuset', 'devices', 'freezer', 'memory'] as const;

const OPENRC_UNIFIED = ['# OpenRC: use the unified (v2) hierarchy, then reboot', 'sed -i \'s/^#\\?rc_cgroup_mode=.*/rc_cgroup_mode="unified"/\' /etc/rc.conf'];
const SYSTEMD_UNIFIED = [
  '# systemd: boot with systemd.unified_cgroup_hierarchy=1 (GRUB: add it to GRUB_CMDLINE_LINUX in /etc/default/grub)',
  'grub-mkconfig -o /boot/grub/grub.cfg',
];

/** How to switch to cgroup v2, for the init system the host runs (both when it is not known). */
export function unifiedFix(init: InitSystem): string[] {
  if (init === 'openrc') return OPENRC_UNIFIED;
  if (init === 'systemd') return SYSTEMD_UNIFIED;
  return [...OPENRC_UNIFIED, ...SYSTEMD_UNIFIED];
}

export interface CgroupContext {
  /** The engine in use is rootless (delegation matters then). */
  rootless: boolean;
  init: InitSystem;
}

/** Every cgroup finding. */
export function cgroupFindings(c: CgroupFacts, ctx: CgroupContext): Finding[] {
  const out: Finding[] = [modeFinding(c, ctx.init)];
  if (c.mode === 'v2') out.push(...v2ControllerFindings(c));
  if (c.mode === 'v1' || c.mode === 'hybrid') out.push(...v1MountFindings(c));
  out.push(finding({
    id: 'cg.systemd', group: 'cgroups', status: 'info', value: c.systemd,
    title: c.systemd ? 'systemd manages cgroups on this host' : `No systemd (${ctx.init === 'openrc' ? 'OpenRC' : 'another init'} runs this host)`,
    detail: c.systemd
      ? 'With cgroup v2 and systemd, Docker uses the systemd cgroup driver and rootless engines get delegated controllers from systemd.'
      : 'Without systemd the engine manages cgroups itself (cgroupfs driver); rootless engines then run without resource limits.',
  }));
  if (ctx.rootless) out.push(delegationFinding(c));
  return out;
}

function modeFinding(c: CgroupFacts, init: InitSystem): Finding {
  const base = { id: 'cg.mode', group: 'cgroups' as const };
  const from = c.modeSource === 'statfs' ? 'statfs of /sys/fs/cgroup' : '/proc/mounts';
  switch (c.mode) {
    case 'v2':
      return finding({ ...base, status: 'pass', value: 'v2', title: 'cgroup v2 (unified hierarchy)', detail: `Read from ${from}. The current engines expect cgroup v2; every limit works there.` });
    case 'hybrid':
      return finding({
        ...base, status: 'warn', value: 'hybrid', title: 'cgroup hybrid: v1 controllers, v2 only for process tracking',
        detail: `Read from ${from}. Engines use the v1 controllers here; v1 is deprecated upstream and rootless limits need v2.`, fix: unifiedFix(init),
      });
    case 'v1':
      return finding({
        ...base, status: 'warn', value: 'v1', title: 'cgroup v1 (legacy hierarchy)',
        detail: `Read from ${from}. cgroup v1 is deprecated by the engines and rootless engines cannot limit resources on it.`, fix: unifiedFix(init),
      });
    case 'none':
      return finding({
        ...base, status: 'fail', value: null, title: 'No cgroup filesystem is mounted',
        detail: `Read from ${from}. Containers cannot start without cgroups.`,
        fix: ['# OpenRC mounts cgroups at boot through the cgroups service:', 'rc-update add cgroups sysinit', 'rc-service cgroups start', '# or by hand:', 'mount -t cgroup2 none /sys/fs/cgroup'],
      });
  }
}

function v2ControllerFindings(c: CgroupFacts): Finding[] {
  if (c.v2Controllers === null) {
    return [finding({
      id: 'cg.v2ctl', group: 'cgroups', status: 'warn', value: null, title: 'cgroup v2 controllers unreadable',
      detail: `Could not read ${c.v2Root ?? '/sys/fs/cgroup'}/cgroup.controllers, so it is unknown which limits containers can have.`,
    })];
  }
  const have = new Set(c.v2Controllers);
  return V2_CONTROLLERS.map((name) => finding({
    id: `cg.v2ctl.${name}`, group: 'cgroups', status: have.has(name) ? 'pass' : 'warn', value: have.has(name),
    title: have.has(name) ? `cgroup v2 controller ${name}` : `cgroup v2 controller ${name} missing`,
    detail: have.has(name)
      ? `Containers can be limited by ${name}.`
      : `Without the ${name} controller the engine ignores the matching container limits. It is missing from the kernel or bound to a v1 hierarchy.`,
    fix: have.has(name) ? [] : [`# check the kernel option for ${name} in the Kernel group, and that no v1 hierarchy holds it:`, 'grep cgroup /proc/mounts'],
  }));
}

function v1MountFindings(c: CgroupFacts): Finding[] {
  const mounted = new Map<string, string>();
  for (const m of c.mounts) {
    if (m.fsType !== 'cgroup') continue;
    for (const opt of m.options) mounted.set(opt, m.mountPoint);
  }
  return V1_CONTROLLERS.map((name) => {
    const at = mounted.get(name);
    return finding({
      id: `cg.v1mnt.${name}`, group: 'cgroups', status: at ? 'pass' : 'fail', value: at ?? null,
      title: at ? `cgroup v1 ${name} mounted at ${at}` : `cgroup v1 ${name} hierarchy not mounted`,
      detail: at ? `The engine places containers in the ${name} hierarchy.` : `On cgroup v1 the engine needs a ${name} hierarchy to start containers.`,
      fix: at ? [] : [
        '# OpenRC mounts every v1 controller through its cgroups service:',
        'rc-service cgroups restart',
        `# or by hand: mkdir -p /sys/fs/cgroup/${name} && mount -t cgroup -o ${name} cgroup /sys/fs/cgroup/${name}`,
      ],
    });
  });
}

function delegationFinding(c: CgroupFacts): Finding {
  const base = { id: 'cg.deleg', group: 'cgroups' as const };
  const fix = [
    'mkdir -p /etc/systemd/system/user@.service.d',
    "printf '[Service]\\nDelegate=cpu cpuset io memory pids\\n' > /etc/systemd/system/user@.service.d/delegate.conf",
    'systemctl daemon-reload   # then log out and in again',
  ];
  if (!c.systemd || c.mode !== 'v2') {
    return finding({
      ...base, status: 'warn', value: null, title: 'Rootless engine without systemd on cgroup v2: no resource limits',
      detail: 'Rootless engines get cgroup controllers delegated by systemd on cgroup v2 only; here the cgroup driver is "none" and limits are ignored.',
    });
  }
  const got = c.delegation?.controllers ?? null;
  if (got === null) {
    return finding({
      ...base, status: 'warn', value: null, title: 'Delegated controllers unreadable',
      detail: `Could not read ${c.delegation?.path ?? 'the user service\'s cgroup.controllers'}; limits of rootless containers may be ignored.`, fix,
    });
  }
  const missing = V2_CONTROLLERS.filter((x) => !got.includes(x));
  return finding({
    ...base, status: missing.length === 0 ? 'pass' : 'warn', value: got.join(' '),
    title: missing.length === 0 ? 'All controllers delegated to your user (cpu cpuset io memory pids)' : `Controllers not delegated to your user: ${missing.join(' ')}`,
    detail: missing.length === 0
      ? 'Rootless containers can be limited like rootful ones.'
      : 'systemd delegates only memory and pids by default; CPU and I/O limits of rootless containers are then ignored.',
    fix: missing.length === 0 ? [] : fix,
  });
}
