// Kernel checks: where the config came from and whether it is the running kernel's, then one
// finding per option (required, storage, optional, network, security), vsyscall and the keys limit.
import type { KernelFacts, KernelOptions } from './facts.js';
import { finding, type Finding, type FindingStatus } from './finding.js';
import { tristateValue } from './kernel-config.js';
import { kernelOptionsFix, menuLabel } from './kernel-fix.js';
import {
  IKCONFIG_MENU, NETWORK_OPTIONS, OPTIONAL_OPTIONS, REQUIRED_OPTIONS, SECURITY_OPTIONS, STORAGE_OPTIONS, VSYSCALL_MENU,
  type KernelOption,
} from './kernel-options.js';
import { gateApplies, gateText, headerMatchesRelease } from './kernel-version.js';

const MISSING_STATUS: Record<KernelOption['level'], FindingStatus> = { required: 'fail', optional: 'warn', network: 'info', security: 'info' };

/** The release the version gates are judged by: the running kernel, else the config's header. */
function effectiveRelease(k: KernelFacts): string | null {
  return k.release ?? (k.config.found ? (k.config.header?.version ?? null) : null);
}

/** Every kernel finding for these facts. */
export function kernelFindings(k: KernelFacts): Finding[] {
  const out: Finding[] = [configSourceFinding(k)];
  const version = versionFinding(k);
  if (version) out.push(version);
  if (k.config.found) {
    const options = k.config.options;
    const release = effectiveRelease(k);
    for (const option of REQUIRED_OPTIONS) {
      const f = optionFinding(option, options, release, k.iptablesBackend);
      if (f) out.push(f);
    }
    out.push(...storageFindings(options, k.zfs));
    for (const option of [...OPTIONAL_OPTIONS, ...SECURITY_OPTIONS, ...NETWORK_OPTIONS]) {
      const f = optionFinding(option, options, release, k.iptablesBackend);
      if (f) out.push(f);
    }
    const vsyscall = vsyscallFinding(options, k.cmdline);
    if (vsyscall) out.push(vsyscall);
  }
  out.push(keysFinding(k.keysRootMaxKeys));
  return out;
}

function configSourceFinding(k: KernelFacts): Finding {
  if (k.config.found) {
    return finding({
      id: 'kernel.config', group: 'kernel', status: 'pass', value: k.config.path,
      title: `Kernel config read from ${k.config.path}`,
      detail: 'The kernel options below are read from this file; they are only right if it belongs to the running kernel.',
    });
  }
  return finding({
    id: 'kernel.config', group: 'kernel', status: 'warn', value: null,
    title: 'No kernel config found: kernel options not checked',
    detail: `Looked at ${k.config.tried.join(', ')}. Without the config nobody can tell whether the kernel can run containers until one fails.`,
    fix: [
      '# if the kernel has IKCONFIG as a module, load it to get /proc/config.gz',
      'modprobe configs',
      `# otherwise enable CONFIG_IKCONFIG=y and CONFIG_IKCONFIG_PROC=y: ${IKCONFIG_MENU}`,
      '# or keep the config as /boot/config-$(uname -r) when installing the kernel (make install does)',
    ],
  });
}

function versionFinding(k: KernelFacts): Finding | null {
  if (!k.config.found) return null;
  const header = k.config.header;
  if (k.release === null) {
    return finding({
      id: 'kernel.version', group: 'kernel', status: 'info', value: header?.version ?? null,
      title: header ? `Kernel release unknown; the config describes ${header.version}` : 'Kernel release unknown',
      detail: 'Version gates below are judged by the config file\'s own version.',
    });
  }
  if (header === null) {
    return finding({
      id: 'kernel.version', group: 'kernel', status: 'info', value: k.release,
      title: `Kernel ${k.release}; the config file has no version header`,
      detail: 'Without a header nobody can tell whether this config belongs to the running kernel.',
    });
  }
  if (headerMatchesRelease(header.version, k.release)) {
    return finding({
      id: 'kernel.version', group: 'kernel', status: 'pass', value: k.release,
      title: `Kernel ${k.release} matches its config (${header.version})`,
      detail: 'The config file describes the running kernel, so the option checks below are about this kernel.',
    });
  }
  return finding({
    id: 'kernel.version', group: 'kernel', status: 'warn', value: k.release,
    title: `Config is for ${header.version}, but ${k.release} is running`,
    detail: `${k.config.path} describes another kernel than the running one: the option checks below may be wrong. Boot the kernel this config built, or check the right config.`,
    fix: [
      `ls /boot/config-* /usr/src/linux*/.config   # find the config of ${k.release}`,
      'eselect kernel list   # Gentoo: which sources /usr/src/linux points to',
    ],
  });
}

function optionFinding(option: KernelOption, options: KernelOptions, release: string | null, iptables: KernelFacts['iptablesBackend']): Finding | null {
  if (option.gate && !gateApplies(option.gate, release)) return null;
  const value = tristateValue(options, option.symbol);
  let missingStatus = MISSING_STATUS[option.level];
  let detail = option.why;
  if (option.onlyWithLegacyIptables && iptables !== 'legacy') {
    missingStatus = iptables === 'nft' ? 'info' : 'warn';
    detail += iptables === 'nft'
      ? ' This system\'s iptables is the nft one, so this only matters if you switch to iptables-legacy.'
      : ' Could not tell which iptables this system uses; it matters if that is iptables-legacy.';
  }
  if (option.feature) detail += ` Only needed for ${option.feature}.`;
  return optionResult(option, value, value === null ? missingStatus : 'pass', detail);
}

function optionResult(option: KernelOption, value: 'y' | 'm' | null, status: FindingStatus, detail: string): Finding {
  const name = `CONFIG_${option.symbol}`;
  const label = menuLabel(option);
  const title = value === null
    ? `${name} is not set — ${label}`
    : `${name}=${value}${value === 'm' ? ' (module)' : ''} — ${label}`;
  return finding({
    id: `kernel.${name}`, group: 'kernel', status, value, title, detail,
    fix: value === null && status !== 'pass' ? kernelOptionsFix([option]) : [],
    ...(option.gate ? { gate: gateText(option.gate) } : {}),
    ...(option.feature ? { onlyFor: option.feature } : {}),
  });
}

function storageFindings(options: KernelOptions, zfs: boolean): Finding[] {
  const [overlay, btrfs, btrfsAcl] = STORAGE_OPTIONS as [KernelOption, KernelOption, KernelOption];
  const overlayOk = tristateValue(options, overlay.symbol) !== null;
  const btrfsOk = tristateValue(options, btrfs.symbol) !== null && tristateValue(options, btrfsAcl.symbol) !== null;
  const anyOk = overlayOk || btrfsOk || zfs;
  const out = STORAGE_OPTIONS.map((option) => {
    const value = tristateValue(options, option.symbol);
    const status: FindingStatus = value !== null ? 'pass' : anyOk ? 'info' : 'fail';
    const detail = anyOk && value === null ? `${option.why} Another storage driver is available, so this one is not needed.` : option.why;
    return optionResult(option, value, status, detail);
  });
  const drivers = [overlayOk ? 'overlay2' : null, btrfsOk ? 'btrfs' : null, zfs ? 'zfs' : null].filter((d): d is string => d !== null);
  out.push(finding({
    id: 'kernel.storage', group: 'kernel', status: anyOk ? 'pass' : 'fail', value: drivers[0] ?? null,
    title: anyOk ? `Storage drivers the kernel supports: ${drivers.join(', ')}` : 'No storage driver the kernel supports (overlay2, btrfs or zfs)',
    detail: 'Images are stacks of layers; the engine needs a kernel filesystem that can stack or snapshot them, or it falls back to copying every layer (vfs).',
    fix: anyOk ? [] : kernelOptionsFix([overlay]),
  }));
  return out;
}

type VsyscallMode = 'xonly' | 'emulate' | 'none' | 'native';

function vsyscallMode(options: KernelOptions, cmdline: string | null): VsyscallMode | null {
  const boot = /(?:^|\s)vsyscall=(xonly|emulate|none|native)(?:\s|$)/.exec(cmdline ?? '');
  if (boot) return boot[1] as VsyscallMode;
  if (options.LEGACY_VSYSCALL_XONLY === 'y') return 'xonly';
  if (options.LEGACY_VSYSCALL_EMULATE === 'y') return 'emulate';
  if (options.LEGACY_VSYSCALL_NATIVE === 'y') return 'native';
  if (options.LEGACY_VSYSCALL_NONE === 'y') return 'none';
  return null;
}

function vsyscallFinding(options: KernelOptions, cmdline: string | null): Finding | null {
  const mode = vsyscallMode(options, cmdline);
  if (mode === null) return null; // not an x86-64 kernel: there is no vsyscall page to worry about
  const base = { id: 'kernel.vsyscall', group: 'kernel' as const, value: mode };
  if (mode === 'xonly' || mode === 'emulate') {
    return finding({ ...base, status: 'pass', title: `vsyscall=${mode}`, detail: 'Old binaries that still call the vsyscall page work, and the page cannot be abused as code.' });
  }
  if (mode === 'native') {
    return finding({
      ...base, status: 'warn', title: 'vsyscall=native: the vsyscall page is executable',
      detail: 'A fixed executable page helps exploits bypass address randomisation.',
      fix: [`# boot with vsyscall=xonly, or choose "Emulate execution only" in ${VSYSCALL_MENU}`, '# GRUB: add vsyscall=xonly to GRUB_CMDLINE_LINUX in /etc/default/grub, then', 'grub-mkconfig -o /boot/grub/grub.cfg'],
    });
  }
  return finding({
    ...base, status: 'warn', title: 'vsyscall=none: containers with an old glibc crash',
    detail: 'Images built on glibc older than 2.14 (CentOS 6 era) call the vsyscall page and die with a segfault.',
    fix: [`# boot with vsyscall=emulate, or choose "Full emulation" in ${VSYSCALL_MENU}`, '# GRUB: add vsyscall=emulate to GRUB_CMDLINE_LINUX in /etc/default/grub, then', 'grub-mkconfig -o /boot/grub/grub.cfg'],
  });
}

const KEYS_MIN = 10_000;

function keysFinding(max: number | null): Finding {
  const base = { id: 'kernel.keys', group: 'kernel' as const, value: max };
  const detail = 'Every container takes kernel keys for its session keyring; a low limit makes container starts fail with "disk quota exceeded" once many have run.';
  if (max === null) return finding({ ...base, status: 'info', title: 'Keys limit unreadable (/proc/sys/kernel/keys/root_maxkeys)', detail });
  if (max > KEYS_MIN) return finding({ ...base, status: 'pass', title: `Keys limit for root: ${max}`, detail });
  return finding({
    ...base, status: 'warn', title: `Keys limit for root is low: ${max} (want more than ${KEYS_MIN})`, detail,
    fix: ['sysctl -w kernel.keys.root_maxkeys=1000000', "echo 'kernel.keys.root_maxkeys = 1000000' > /etc/sysctl.d/90-containers.conf   # keep it after reboot"],
  });
}
