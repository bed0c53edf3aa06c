// Reads a kernel `.config` (the text of /proc/config.gz or /boot/config-*): which symbols are set,
// to what, and which kernel the file says it describes.
import type { KernelOptions } from './facts.js';

const SET = /^CONFIG_([A-Za-z0-9_]+)=(.*)$/;
const HEADER = /^#\s*Linux\/(\S+)\s+(\S+)\s+Kernel Configuration/;

export interface ParsedKernelConfig {
  options: KernelOptions;
  header: { arch: string; version: string } | null;
}

/** Parse `.config` text; `# CONFIG_X is not set` and absent symbols both read as unset. */
export function parseKernelConfig(text: string): ParsedKernelConfig {
  const options: Record<string, string> = {};
  let header: ParsedKernelConfig['header'] = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (header === null) {
      const h = HEADER.exec(line);
      if (h) {
        header = { arch: h[1]!, version: h[2]! };
        continue;
      }
    }
    const m = SET.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    options[m[1]!] = value;
  }
  return { options, header };
}

/** `y` or `m` when the option is built in or a module; null otherwise (the JSON `value` of kernel findings). */
export function tristateValue(options: KernelOptions, symbol: string): 'y' | 'm' | null {
  const v = options[symbol];
  return v === 'y' || v === 'm' ? v : null;
}
