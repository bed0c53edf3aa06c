// Kernel facts: the running release, its config (first of /proc/config.gz, /boot/config-REL,
// /usr/src/linux-REL/.config, /usr/src/linux/.config), boot options, the keys limit, which
// iptables is installed, and whether ZFS is usable.
import os from 'node:os';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { KernelConfigFacts, KernelConfigSource, KernelFacts } from '../../core/host/facts.js';
import { parseKernelConfig } from '../../core/host/kernel-config.js';
import type { RootFs } from './root-fs.js';

const gunzipAsync = promisify(gunzip);

/** The config paths to try, in order, for a release (unknown release: any /boot/config-*). */
async function configCandidates(fs: RootFs, release: string | null): Promise<Array<{ path: string; source: KernelConfigSource }>> {
  const list: Array<{ path: string; source: KernelConfigSource }> = [{ path: '/proc/config.gz', source: 'proc' }];
  if (release !== null) {
    list.push({ path: `/boot/config-${release}`, source: 'boot' }, { path: `/usr/src/linux-${release}/.config`, source: 'usr-src-release' });
  } else {
    // Without a release, the newest-looking /boot/config-* is the best guess at the installed kernel.
    const boot = (await fs.list('/boot')) ?? [];
    const configs = boot.filter((n) => n.startsWith('config-')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const name of configs.reverse()) list.push({ path: `/boot/${name}`, source: 'boot' });
  }
  list.push({ path: '/usr/src/linux/.config', source: 'usr-src' });
  return list;
}

async function readConfig(fs: RootFs, release: string | null): Promise<KernelConfigFacts> {
  const candidates = await configCandidates(fs, release);
  for (const c of candidates) {
    const raw = await fs.bytes(c.path);
    if (raw === null) continue;
    let text: string;
    try {
      text = c.path.endsWith('.gz') ? (await gunzipAsync(raw)).toString('utf8') : raw.toString('utf8');
    } catch {
      continue; // a truncated or foreign file: try the next place
    }
    const parsed = parseKernelConfig(text);
    if (Object.keys(parsed.options).length === 0) continue;
    return { found: true, path: c.path, source: c.source, options: parsed.options, header: parsed.header };
  }
  return { found: false, tried: candidates.map((c) => c.path) };
}

/** legacy or nft, from where the system's `iptables` command finally points. */
export async function iptablesBackend(fs: RootFs): Promise<KernelFacts['iptablesBackend']> {
  for (const p of ['/usr/sbin/iptables', '/sbin/iptables', '/usr/bin/iptables', '/bin/iptables']) {
    const target = await fs.resolve(p);
    if (target === null) continue;
    const name = target.split('/').pop() ?? '';
    if (name.includes('nft')) return 'nft';
    if (name.includes('legacy')) return 'legacy';
    // iptables before 1.8 was one plain binary: legacy by definition.
    if (name === 'iptables' || name === 'xtables-multi') return 'legacy';
    return 'unknown';
  }
  return 'unknown';
}

/** Gather kernel facts under the root. */
export async function gatherKernelFacts(fs: RootFs, programDirs: readonly string[]): Promise<KernelFacts> {
  let release: string | null = null;
  let releaseSource: KernelFacts['releaseSource'] = null;
  if (fs.isLive) {
    release = os.release();
    releaseSource = 'uname';
  } else {
    const osrelease = (await fs.text('/proc/sys/kernel/osrelease'))?.trim();
    if (osrelease) {
      release = osrelease;
      releaseSource = 'osrelease';
    }
  }
  const config = await readConfig(fs, release);
  if (release === null && config.found && config.header) {
    release = config.header.version;
    releaseSource = 'config-header';
  }
  const [cmdline, keys, backend, devZfs, zfsTool] = await Promise.all([
    fs.text('/proc/cmdline'),
    fs.number('/proc/sys/kernel/keys/root_maxkeys'),
    iptablesBackend(fs),
    fs.exists('/dev/zfs'),
    fs.findProgram('zfs', programDirs),
  ]);
  return { release, releaseSource, config, cmdline: cmdline?.trim() ?? null, keysRootMaxKeys: keys, iptablesBackend: backend, zfs: devZfs && zfsTool !== null };
}
