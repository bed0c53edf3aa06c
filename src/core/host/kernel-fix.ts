// Fix text for kernel options: the symbol with its value, where menuconfig keeps it, and the exact
// commands for a Gentoo distribution kernel and for a hand-built one.
import type { KernelOption } from './kernel-options.js';

/** `=y` for bool options, `=m` (a module is enough) for tristate ones. */
function wantedValue(option: KernelOption): 'y' | 'm' {
  return option.kind === 'bool' ? 'y' : 'm';
}

/** The menu entry's own name (the last step of its menuconfig path). */
export function menuLabel(option: KernelOption): string {
  if (option.label) return option.label;
  const steps = option.menu.split(' → ');
  return steps[steps.length - 1] ?? option.menu;
}

/** Shell snippet enabling some options: comments carry the menuconfig paths, commands the Gentoo way. */
export function kernelOptionsFix(options: readonly KernelOption[]): string[] {
  if (options.length === 0) return [];
  const lines: string[] = [];
  for (const option of options) {
    const value = wantedValue(option);
    const alt = value === 'm' ? ' (or =y)' : '';
    lines.push(`# CONFIG_${option.symbol}=${value}${alt}: ${option.menu} [${option.symbol}]`);
  }
  lines.push('# Gentoo distribution kernel (sys-kernel/gentoo-kernel): add a config snippet, then rebuild');
  for (const option of options) lines.push(`echo 'CONFIG_${option.symbol}=${wantedValue(option)}' >> /etc/kernel/config.d/docker.config`);
  lines.push('emerge --oneshot sys-kernel/gentoo-kernel');
  lines.push('# hand-built kernel: cd /usr/src/linux && make menuconfig, then make && make modules_install install, and reboot');
  return lines;
}
