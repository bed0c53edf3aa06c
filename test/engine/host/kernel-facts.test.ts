import { afterEach, describe, expect, it } from 'vitest';
import { evaluateHost } from '../../../src/core/host/evaluate.js';
import { gatherHostFacts } from '../../../src/engine/host/gather.js';
import { fixedEngine, gz, identity, kernelConfig, makeTree, NO_ENGINE, type Tree, type TreeEntry } from './fixture-tree.js';

let tree: Tree | undefined;
afterEach(async () => {
  await tree?.cleanup();
  tree = undefined;
});

async function gather(entries: Record<string, TreeEntry>) {
  tree = await makeTree(entries);
  const facts = await gatherHostFacts({ root: tree.root, identity: identity(), engine: fixedEngine(NO_ENGINE, null), probe: false });
  return { facts, result: evaluateHost(facts) };
}

const find = (r: ReturnType<typeof evaluateHost>, id: string) => r.findings.find((f) => f.id === id);

describe('kernel facts under --root', () => {
  it('prefers /proc/config.gz over /boot/config-REL, and takes the release from proc/sys/kernel/osrelease', async () => {
    const { facts, result } = await gather({
      'proc/sys/kernel/osrelease': '6.12.21-gentoo\n',
      'proc/config.gz': gz(kernelConfig('6.12.21', ['VETH'])),
      'boot/config-6.12.21-gentoo': kernelConfig('6.12.21', ['BRIDGE']),
    });
    expect(facts.kernel).toMatchObject({ release: '6.12.21-gentoo', releaseSource: 'osrelease' });
    expect(facts.kernel.config).toMatchObject({ found: true, path: '/proc/config.gz', source: 'proc' });
    expect(find(result, 'kernel.CONFIG_VETH')).toMatchObject({ status: 'fail', value: null });
    expect(find(result, 'kernel.CONFIG_BRIDGE')!.status).toBe('pass');
    expect(find(result, 'kernel.version')!.status).toBe('pass');
  });

  it('falls back to /boot/config-REL, then /usr/src/linux/.config', async () => {
    const boot = await gather({
      'proc/sys/kernel/osrelease': '6.12.21-gentoo',
      'boot/config-6.12.21-gentoo': kernelConfig('6.12.21', ['BRIDGE']),
      'boot/config-6.6.58-gentoo': kernelConfig('6.6.58'),
    });
    expect(boot.facts.kernel.config).toMatchObject({ found: true, path: '/boot/config-6.12.21-gentoo', source: 'boot' });
    expect(find(boot.result, 'kernel.CONFIG_BRIDGE')!.status).toBe('fail');
    await tree!.cleanup();
    const src = await gather({
      'proc/sys/kernel/osrelease': '6.12.21-gentoo',
      'usr/src/linux-6.6.58-gentoo/.config': kernelConfig('6.6.58', ['KEYS']),
      'usr/src/linux': { symlink: 'linux-6.6.58-gentoo' },
    });
    expect(src.facts.kernel.config).toMatchObject({ found: true, path: '/usr/src/linux/.config', source: 'usr-src' });
    expect(find(src.result, 'kernel.version')).toMatchObject({ status: 'warn', title: 'Config is for 6.6.58, but 6.12.21-gentoo is running' });
    expect(find(src.result, 'kernel.CONFIG_KEYS')!.status).toBe('fail');
  });

  it('without osrelease, uses the newest /boot/config-* and its header as the release', async () => {
    const { facts, result } = await gather({
      'boot/config-6.6.58-gentoo': kernelConfig('6.6.58'),
      'boot/config-6.12.21-gentoo': kernelConfig('6.12.21', ['IP_NF_NAT']),
    });
    expect(facts.kernel).toMatchObject({ release: '6.12.21', releaseSource: 'config-header' });
    expect(facts.kernel.config).toMatchObject({ path: '/boot/config-6.12.21-gentoo' });
    expect(find(result, 'kernel.CONFIG_IP_NF_NAT')!.status).toBe('fail');
  });

  it('gates by the checked system\'s kernel: an old release needs DEVPTS_MULTIPLE_INSTANCES, not CGROUP_BPF', async () => {
    const { result } = await gather({
      'proc/sys/kernel/osrelease': '4.4.302-gentoo',
      'proc/config.gz': gz(kernelConfig('4.4.302', ['DEVPTS_MULTIPLE_INSTANCES', 'CGROUP_BPF', 'CGROUP_PIDS'])),
    });
    expect(find(result, 'kernel.CONFIG_DEVPTS_MULTIPLE_INSTANCES')).toMatchObject({ status: 'fail', gate: 'kernel < 4.8' });
    expect(find(result, 'kernel.CONFIG_CGROUP_BPF')).toBeUndefined();
    expect(find(result, 'kernel.CONFIG_CGROUP_PIDS')!.status).toBe('warn');
  });

  it('says where it looked when there is no config, and reads keys, vsyscall boot option and iptables backend', async () => {
    const { facts, result } = await gather({
      'proc/sys/kernel/osrelease': '6.18.2-gentoo',
      'proc/sys/kernel/keys/root_maxkeys': '200\n',
      'proc/cmdline': 'BOOT_IMAGE=/vmlinuz root=/dev/sda3 vsyscall=none',
      'sbin/xtables-legacy-multi': { program: true },
      'sbin/iptables': { symlink: 'xtables-legacy-multi' },
    });
    expect(facts.kernel.config).toEqual({ found: false, tried: ['/proc/config.gz', '/boot/config-6.18.2-gentoo', '/usr/src/linux-6.18.2-gentoo/.config', '/usr/src/linux/.config'] });
    expect(find(result, 'kernel.config')!.status).toBe('warn');
    expect(find(result, 'kernel.keys')).toMatchObject({ status: 'warn', value: 200 });
    expect(facts.kernel.iptablesBackend).toBe('legacy');
    expect(facts.kernel.cmdline).toContain('vsyscall=none');
  });

  it('follows absolute symlinks inside the root to tell nft iptables', async () => {
    const { facts } = await gather({
      'usr/sbin/iptables': { symlink: '/etc/alternatives/iptables' },
      'etc/alternatives/iptables': { symlink: '/usr/sbin/iptables-nft' },
      'usr/sbin/iptables-nft': { program: true },
    });
    expect(facts.kernel.iptablesBackend).toBe('nft');
  });
});
