// Rootless prerequisites (Docker's and, mostly, Podman's): a normal user, helper programs, uid
// maps, sub-ids, user namespaces, a runtime dir, a TAP device, a user network stack, the kernel.
import type { HostFacts, SubIdRange } from './facts.js';
import { finding, type Finding } from './finding.js';
import { tristateValue } from './kernel-config.js';
import { kernelOptionsFix } from './kernel-fix.js';
import { ROOTLESS_OPTIONS, type KernelOption } from './kernel-options.js';
import { kernelMajorMinor } from './kernel-version.js';

const SUBID_MIN = 65536;

/** Should the rootless prerequisites be checked: in use, asked for, or the way out of a denied socket? */
function rootlessRelevant(f: HostFacts): boolean {
  if (f.rootlessAsked) return true;
  if (f.engine.reachable && f.engine.rootless) return true;
  return f.user.uid !== 0 && f.socket !== null && f.socket.access !== 'ok';
}

/** Every rootless finding, or one note when rootless is not in use. */
export function rootlessFindings(f: HostFacts): Finding[] {
  if (!rootlessRelevant(f)) {
    return [finding({
      id: 'rl.skipped', group: 'rootless', status: 'info', value: null, title: 'Rootless engine not in use: prerequisites not checked',
      detail: 'A rootless engine runs as your user, so using it does not hand out root. Ask for its checks to see what is missing.',
      fix: ['gentoo-wb check --group rootless'],
    })];
  }
  const podman = f.engine.reachable && f.engine.kind === 'podman';
  const u = f.user;
  const who = u.name ?? '"$USER"';
  const out: Finding[] = [];
  out.push(finding({
    id: 'rl.os_user', group: 'rootless', status: u.uid === 0 ? 'fail' : 'pass', value: u.uid,
    title: u.uid === 0 ? 'Running as root: rootless needs a normal user' : `Normal user ${u.name ?? u.uid}`,
    detail: 'A rootless engine runs as the user who starts it.',
    fix: u.uid === 0 ? ['# log in as the user who will build (not su from root), then run gentoo-wb again'] : [],
  }));
  out.push(binsFinding(f, podman));
  out.push(finding({
    id: 'rl.home', group: 'rootless', status: u.home ? 'pass' : 'warn', value: u.home,
    title: u.home ? `Home ${u.home}` : 'No home directory known', detail: 'Rootless engines keep images under ~/.local/share and settings under ~/.config.',
  }));
  const rootful = f.rootfulDocker;
  const rootfulOn = rootful.exists && rootful.access === 'ok' && u.uid !== 0;
  out.push(finding({
    id: 'rl.rootful', group: 'rootless', status: rootfulOn ? 'warn' : 'pass', value: rootfulOn,
    title: rootfulOn ? `Rootful Docker also answers at ${rootful.path}` : 'No usable rootful Docker socket in the way',
    detail: 'With both running, commands go to whichever endpoint wins and images end up in two places.',
    fix: rootfulOn ? ['rc-service docker stop && rc-update del docker default   # OpenRC', 'systemctl disable --now docker.service docker.socket   # systemd'] : [],
  }));
  out.push(xdgFinding(f));
  const uidmap = Boolean(u.programs.newuidmap && u.programs.newgidmap);
  out.push(finding({
    id: 'rl.uidmap', group: 'rootless', status: uidmap ? 'pass' : 'fail', value: uidmap,
    title: uidmap ? 'newuidmap and newgidmap installed' : 'newuidmap/newgidmap missing',
    detail: 'These setuid helpers map your sub-ids into the user namespace; without them images with several users cannot be unpacked.',
    fix: uidmap ? [] : ['emerge --ask sys-apps/shadow   # Gentoo (Debian: apt install uidmap)'],
  }));
  out.push(iptablesFinding(f));
  out.push(usernsFinding(f));
  out.push(subIdFinding('subuid', u.subuid, who), subIdFinding('subgid', u.subgid, who));
  out.push(finding({
    id: 'rl.tun', group: 'rootless', status: f.system.tunDevice ? 'pass' : 'fail', value: f.system.tunDevice,
    title: f.system.tunDevice ? '/dev/net/tun exists' : '/dev/net/tun missing', detail: 'The user-mode network stack hands packets to containers through a TAP device.',
    fix: f.system.tunDevice ? [] : ['modprobe tun', "echo tun > /etc/modules-load.d/tun.conf   # systemd; OpenRC: modules=\"tun\" in /etc/conf.d/modules"],
  }));
  const net = (['slirp4netns', 'pasta', 'vpnkit'] as const).filter((p) => u.programs[p] !== null);
  out.push(finding({
    id: 'rl.netdrv', group: 'rootless', status: net.length > 0 ? 'pass' : 'fail', value: net[0] ?? null,
    title: net.length > 0 ? `User-mode network: ${net.join(', ')}` : 'No user-mode network stack (slirp4netns, pasta, vpnkit)',
    detail: 'Rootless containers reach the network through a user-mode stack; without one builds cannot fetch anything.',
    fix: net.length > 0 ? [] : ['emerge --ask app-containers/slirp4netns   # or net-misc/passt for pasta'],
  }));
  const systemd = f.cgroup.systemd;
  out.push(finding({
    id: 'rl.systemd', group: 'rootless', status: 'info', value: systemd,
    title: systemd ? 'systemd --user can run the rootless engine' : 'No systemd: start the rootless engine yourself',
    detail: systemd ? 'The engine runs as a user service and can start at boot with lingering.' : 'Without systemd, run it from your session (or an OpenRC user service) and keep the session open while building.',
    fix: systemd ? [podman ? 'systemctl --user enable --now podman.socket' : 'systemctl --user enable --now docker'] : [podman ? 'podman system service --time 0 &' : 'dockerd-rootless.sh &'],
  }));
  if (systemd) {
    out.push(finding({
      id: 'rl.linger', group: 'rootless', status: u.linger ? 'pass' : 'warn', value: u.linger,
      title: u.linger ? 'Lingering on: your services outlive your login' : 'Lingering off: the rootless engine stops when you log out',
      detail: 'A build over SSH must survive a dropped connection; without lingering systemd stops your user services at logout.',
      fix: u.linger ? [] : [`loginctl enable-linger ${who}`],
    }));
  }
  out.push(...kernelFindings(f));
  return out;
}

function binsFinding(f: HostFacts, podman: boolean): Finding {
  const p = f.user.programs;
  const need = podman ? (['podman'] as const) : (['dockerd-rootless.sh', 'rootlesskit'] as const);
  const missing = need.filter((n) => p[n] === null);
  return finding({
    id: 'rl.bins', group: 'rootless', status: missing.length === 0 ? 'pass' : 'fail', value: missing.length === 0,
    title: missing.length === 0 ? `${need.join(' and ')} installed` : `Missing: ${missing.join(', ')}`,
    detail: podman ? 'Rootless Podman needs only podman itself and the helpers below.' : 'Rootless Docker starts through dockerd-rootless.sh, which runs dockerd inside rootlesskit.',
    fix: missing.length === 0 ? [] : podman ? ['emerge --ask app-containers/podman'] : ['emerge --ask sys-apps/rootlesskit app-containers/slirp4netns', '# dockerd-rootless.sh comes with Docker (contrib); check: ls /usr/bin/dockerd-rootless*'],
  });
}

function xdgFinding(f: HostFacts): Finding {
  const x = f.user.xdgRuntimeDir;
  const ok = x !== null && x.writable;
  return finding({
    id: 'rl.xdg', group: 'rootless', status: ok ? 'pass' : 'fail', value: x?.path ?? null,
    title: x === null ? 'XDG_RUNTIME_DIR is not set' : ok ? `XDG_RUNTIME_DIR ${x.path}` : `XDG_RUNTIME_DIR ${x.path} is not writable`,
    detail: 'The rootless engine puts its socket and state in your runtime directory.',
    fix: ok ? [] : ['# log in through a session manager that creates it (systemd-logind or elogind), or:', 'export XDG_RUNTIME_DIR=/run/user/$(id -u)', `loginctl enable-linger ${f.user.name ?? '"$USER"'}   # keeps /run/user/UID after logout`],
  });
}

function iptablesFinding(f: HostFacts): Finding {
  const mods = f.system.loadedModules;
  const opts = f.kernel.config.found ? f.kernel.config.options : {};
  const builtIn = opts.IP_NF_IPTABLES === 'y' || opts.NF_TABLES === 'y';
  const loaded = mods !== null && (mods.includes('ip_tables') || mods.includes('nf_tables'));
  const ok = builtIn || loaded;
  return finding({
    id: 'rl.iptables', group: 'rootless', status: ok ? 'pass' : 'warn', value: ok,
    title: ok ? `iptables available (${builtIn ? 'built in' : 'module loaded'})` : 'Neither ip_tables nor nf_tables is loaded',
    detail: 'A rootless engine cannot load kernel modules itself; its network setup fails if iptables is not there yet.',
    fix: ok ? [] : ['modprobe ip_tables   # or nf_tables', "echo ip_tables > /etc/modules-load.d/iptables.conf   # systemd; OpenRC: modules=\"ip_tables\" in /etc/conf.d/modules"],
  });
}

function usernsFinding(f: HostFacts): Finding {
  const { unprivilegedUsernsClone: clone, maxUserNamespaces: max } = f.system;
  const blocked = clone === 0 || max === 0;
  const fix: string[] = [];
  if (clone === 0) fix.push('sysctl -w kernel.unprivileged_userns_clone=1');
  if (max === 0) fix.push('sysctl -w user.max_user_namespaces=28633');
  if (fix.length > 0) fix.push('# put the same settings in /etc/sysctl.d/90-userns.conf to keep them');
  return finding({
    id: 'rl.userns', group: 'rootless', status: blocked ? 'fail' : max === null ? 'warn' : 'pass', value: max,
    title: blocked ? 'Unprivileged user namespaces are switched off' : max === null ? 'user.max_user_namespaces unreadable' : `User namespaces allowed (max ${max})`,
    detail: 'A rootless engine lives in a user namespace created without privileges.', fix,
  });
}

function subIdFinding(kind: 'subuid' | 'subgid', ranges: SubIdRange[] | null, who: string): Finding {
  const total = (ranges ?? []).reduce((n, r) => n + r.count, 0);
  const base = { id: `rl.${kind}`, group: 'rootless' as const, value: total };
  const fix = [`echo "${who}:100000:65536" >> /etc/${kind}   # as root; pick a range no other user has`];
  const detail = 'Containers have many users (portage is uid 250); each needs a sub-id of yours to map to.';
  if (total === 0) return finding({ ...base, status: 'fail', title: `No /etc/${kind} entry for ${who}`, detail, fix });
  if (total < SUBID_MIN) return finding({ ...base, status: 'warn', title: `Only ${total} ${kind}s for ${who} (want ${SUBID_MIN})`, detail, fix });
  return finding({ ...base, status: 'pass', title: `${total} ${kind}s for ${who}`, detail });
}

function kernelFindings(f: HostFacts): Finding[] {
  const release = f.kernel.release;
  const v = kernelMajorMinor(release);
  const modern = v !== null && (v[0] > 5 || (v[0] === 5 && v[1] >= 11));
  const out = [finding({
    id: 'rl.kernel', group: 'rootless', status: v === null ? 'info' : modern ? 'pass' : 'warn', value: release,
    title: v === null ? 'Kernel release unknown' : modern ? `Kernel ${release}: overlayfs works rootless` : `Kernel ${release} is older than 5.11`,
    detail: 'From 5.11 rootless engines use the kernel\'s overlayfs; before that they need fuse-overlayfs and are slower.',
  })];
  if (!f.kernel.config.found) return out;
  const opts = f.kernel.config.options;
  const missing: KernelOption[] = [ROOTLESS_OPTIONS.USER_NS, ROOTLESS_OPTIONS.TUN].filter((o) => tristateValue(opts, o.symbol) === null);
  const overlayOk = modern && tristateValue(opts, 'OVERLAY_FS') !== null;
  const fuseOk = tristateValue(opts, 'FUSE_FS') !== null && f.user.programs['fuse-overlayfs'] !== null;
  if (!overlayOk && !fuseOk) missing.push(modern ? ROOTLESS_OPTIONS.OVERLAY_FS : ROOTLESS_OPTIONS.FUSE_FS);
  out.push(finding({
    id: 'rl.kconfig', group: 'rootless', status: missing.length === 0 ? 'pass' : 'fail', value: missing.map((o) => o.symbol).join(' ') || null,
    title: missing.length === 0 ? 'Kernel options for rootless are set' : `Kernel options for rootless missing: ${missing.map((o) => o.symbol).join(', ')}`,
    detail: 'Rootless engines need user namespaces, TUN, and overlayfs (5.11+) or FUSE with fuse-overlayfs.',
    fix: [...kernelOptionsFix(missing), ...(!modern && !fuseOk ? ['emerge --ask sys-fs/fuse-overlayfs'] : [])],
  }));
  return out;
}
