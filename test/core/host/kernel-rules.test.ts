import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/host/finding.js';
import { parseKernelConfig, tristateValue } from '../../../src/core/host/kernel-config.js';
import { REQUIRED_OPTIONS } from '../../../src/core/host/kernel-options.js';
import { kernelFindings } from '../../../src/core/host/kernel-rules.js';
import { gateApplies, headerMatchesRelease } from '../../../src/core/host/kernel-version.js';
import { fullOptions, kernelFacts } from './facts-builder.js';

function byId(findings: Finding[], id: string): Finding {
  const f = findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}; have ${findings.map((x) => x.id).join(' ')}`);
  return f;
}

function without(...symbols: string[]): Record<string, string> {
  const o = fullOptions();
  for (const s of symbols) delete o[s];
  return o;
}

function withOptions(options: Record<string, string>, release = '6.12.21-gentoo') {
  return kernelFacts({ release, config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: { arch: 'x86', version: release.split('-')[0]! } } });
}

describe('kernel config parsing', () => {
  it('reads y, m, strings, "is not set" and the version header', () => {
    const text = [
      '#', '# Automatically generated file; DO NOT EDIT.', '# Linux/x86 6.12.21 Kernel Configuration', '#',
      'CONFIG_CC_VERSION_TEXT="gcc (Gentoo 14.2.1_p20241221 p7) 14.2.1 20241221"',
      'CONFIG_VETH=m', 'CONFIG_NAMESPACES=y', '# CONFIG_IP_VS is not set', 'CONFIG_NR_CPUS=64', '',
    ].join('\n');
    const parsed = parseKernelConfig(text);
    expect(parsed.header).toEqual({ arch: 'x86', version: '6.12.21' });
    expect(parsed.options.CC_VERSION_TEXT).toBe('gcc (Gentoo 14.2.1_p20241221 p7) 14.2.1 20241221');
    expect(tristateValue(parsed.options, 'VETH')).toBe('m');
    expect(tristateValue(parsed.options, 'NAMESPACES')).toBe('y');
    expect(tristateValue(parsed.options, 'IP_VS')).toBeNull();
    expect(tristateValue(parsed.options, 'NR_CPUS')).toBeNull();
  });

  it('tells a header that belongs to the release from one that only shares a prefix', () => {
    expect(headerMatchesRelease('6.12.21', '6.12.21-gentoo')).toBe(true);
    expect(headerMatchesRelease('6.12.2', '6.12.21-gentoo')).toBe(false);
    expect(headerMatchesRelease('6.12.21', '6.12.21')).toBe(true);
    expect(headerMatchesRelease('6.6.58', '6.12.21-gentoo')).toBe(false);
  });

  it('judges gates by major.minor', () => {
    expect(gateApplies({ op: '<', version: [4, 8] }, '4.7.10')).toBe(true);
    expect(gateApplies({ op: '<', version: [4, 8] }, '4.8.0')).toBe(false);
    expect(gateApplies({ op: '<=', version: [5, 1] }, '5.1.21')).toBe(true);
    expect(gateApplies({ op: '<=', version: [5, 1] }, '5.2.0')).toBe(false);
    expect(gateApplies({ op: '>=', version: [4, 15] }, '4.15.0')).toBe(true);
    expect(gateApplies({ op: '>=', version: [4, 15] }, '4.14.330')).toBe(false);
  });
});

describe('kernel findings', () => {
  it('passes a complete config and reports every option as its own finding with y/m values', () => {
    const f = kernelFindings(kernelFacts());
    expect(f.filter((x) => x.status === 'fail')).toEqual([]);
    expect(byId(f, 'kernel.config').value).toBe('/proc/config.gz');
    expect(byId(f, 'kernel.version').status).toBe('pass');
    for (const o of REQUIRED_OPTIONS.filter((x) => !x.gate)) {
      const item = byId(f, `kernel.CONFIG_${o.symbol}`);
      expect(['y', 'm']).toContain(item.value);
    }
    expect(byId(f, 'kernel.CONFIG_VETH').value).toBe(fullOptions().VETH);
  });

  it('fails a missing required option with its symbol, menuconfig path and =m fix', () => {
    const f = kernelFindings(withOptions(without('VETH', 'MEMCG')));
    const veth = byId(f, 'kernel.CONFIG_VETH');
    expect(veth.status).toBe('fail');
    expect(veth.value).toBeNull();
    expect(veth.fix.join('\n')).toContain('Device Drivers → Network device support → Network core driver support → Virtual ethernet pair device [VETH]');
    expect(veth.fix).toContain("echo 'CONFIG_VETH=m' >> /etc/kernel/config.d/docker.config");
    const memcg = byId(f, 'kernel.CONFIG_MEMCG');
    expect(memcg.status).toBe('fail');
    expect(memcg.fix[0]).toMatch(/^# CONFIG_MEMCG=y: General setup → Control Group support → Memory controller/);
    expect(memcg.fix.join('\n')).not.toContain('(or =y)');
  });

  it('warns for a missing optional option and only informs for network drivers', () => {
    const f = kernelFindings(withOptions(without('CGROUP_PIDS', 'IPVLAN')));
    expect(byId(f, 'kernel.CONFIG_CGROUP_PIDS').status).toBe('warn');
    const ipvlan = byId(f, 'kernel.CONFIG_IPVLAN');
    expect(ipvlan.status).toBe('info');
    expect(ipvlan.detail).toContain('Only needed for the ipvlan network driver');
  });

  it('applies version gates by the running kernel and names the gate', () => {
    const newer = kernelFindings(withOptions(without('CGROUP_BPF', 'DEVPTS_MULTIPLE_INSTANCES', 'MEMCG_SWAP'), '6.12.21-gentoo'));
    expect(byId(newer, 'kernel.CONFIG_CGROUP_BPF')).toMatchObject({ status: 'fail', gate: 'kernel ≥ 4.15' });
    expect(newer.some((x) => x.id === 'kernel.CONFIG_DEVPTS_MULTIPLE_INSTANCES')).toBe(false);
    expect(newer.some((x) => x.id === 'kernel.CONFIG_NF_NAT_IPV4')).toBe(false);
    expect(newer.some((x) => x.id === 'kernel.CONFIG_MEMCG_SWAP')).toBe(false);

    const old = kernelFindings(withOptions(without('CGROUP_BPF', 'DEVPTS_MULTIPLE_INSTANCES', 'MEMCG_SWAP', 'NF_NAT_IPV4'), '4.4.302'));
    expect(old.some((x) => x.id === 'kernel.CONFIG_CGROUP_BPF')).toBe(false);
    expect(byId(old, 'kernel.CONFIG_DEVPTS_MULTIPLE_INSTANCES')).toMatchObject({ status: 'fail', gate: 'kernel < 4.8' });
    expect(byId(old, 'kernel.CONFIG_NF_NAT_IPV4')).toMatchObject({ status: 'fail', gate: 'kernel ≤ 5.1' });
    expect(byId(old, 'kernel.CONFIG_MEMCG_SWAP')).toMatchObject({ status: 'warn', gate: 'kernel < 6.1' });
  });

  it('needs the legacy xtables options on ≥ 6.17 only with iptables-legacy', () => {
    const opts = without('NETFILTER_XTABLES_LEGACY', 'IP_NF_IPTABLES_LEGACY');
    const legacy = kernelFindings({ ...withOptions(opts, '6.18.2-gentoo'), iptablesBackend: 'legacy' });
    expect(byId(legacy, 'kernel.CONFIG_NETFILTER_XTABLES_LEGACY')).toMatchObject({ status: 'fail', gate: 'kernel ≥ 6.17' });
    const nft = kernelFindings({ ...withOptions(opts, '6.18.2-gentoo'), iptablesBackend: 'nft' });
    expect(byId(nft, 'kernel.CONFIG_IP_NF_IPTABLES_LEGACY').status).toBe('info');
    const older = kernelFindings({ ...withOptions(opts, '6.12.21-gentoo'), iptablesBackend: 'legacy' });
    expect(older.some((x) => x.id === 'kernel.CONFIG_NETFILTER_XTABLES_LEGACY')).toBe(false);
  });

  it('fails storage only when no driver is possible; btrfs or zfs rescue a kernel without overlayfs', () => {
    const none = kernelFindings(withOptions(without('OVERLAY_FS', 'BTRFS_FS', 'BTRFS_FS_POSIX_ACL')));
    expect(byId(none, 'kernel.storage').status).toBe('fail');
    expect(byId(none, 'kernel.CONFIG_OVERLAY_FS').status).toBe('fail');
    const btrfs = kernelFindings(withOptions(without('OVERLAY_FS')));
    expect(byId(btrfs, 'kernel.storage')).toMatchObject({ status: 'pass', value: 'btrfs' });
    expect(byId(btrfs, 'kernel.CONFIG_OVERLAY_FS').status).toBe('info');
    const zfs = kernelFindings({ ...withOptions(without('OVERLAY_FS', 'BTRFS_FS')), zfs: true });
    expect(byId(zfs, 'kernel.storage')).toMatchObject({ status: 'pass', value: 'zfs' });
  });

  it('warns when the config header names another kernel than the running one', () => {
    const k = kernelFacts({ release: '6.12.21-gentoo', config: { found: true, path: '/usr/src/linux/.config', source: 'usr-src', options: fullOptions(), header: { arch: 'x86', version: '6.6.58' } } });
    const v = byId(kernelFindings(k), 'kernel.version');
    expect(v.status).toBe('warn');
    expect(v.title).toBe('Config is for 6.6.58, but 6.12.21-gentoo is running');
  });

  it('says how to get a config when none is found, and checks no options then', () => {
    const f = kernelFindings(kernelFacts({ config: { found: false, tried: ['/proc/config.gz', '/boot/config-6.12.21-gentoo'] } }));
    const c = byId(f, 'kernel.config');
    expect(c.status).toBe('warn');
    expect(c.fix).toContain('modprobe configs');
    expect(c.detail).toContain('/boot/config-6.12.21-gentoo');
    expect(f.some((x) => x.id.startsWith('kernel.CONFIG_'))).toBe(false);
  });

  it('judges vsyscall from the config and lets the boot option override it', () => {
    expect(byId(kernelFindings(kernelFacts()), 'kernel.vsyscall')).toMatchObject({ status: 'pass', value: 'xonly' });
    const none: Record<string, string> = { ...fullOptions(), LEGACY_VSYSCALL_NONE: 'y' };
    delete none.LEGACY_VSYSCALL_XONLY;
    expect(byId(kernelFindings(withOptions(none)), 'kernel.vsyscall')).toMatchObject({ status: 'warn', value: 'none' });
    expect(byId(kernelFindings({ ...withOptions(none), cmdline: 'ro vsyscall=emulate quiet' }), 'kernel.vsyscall')).toMatchObject({ status: 'pass', value: 'emulate' });
  });

  it('warns when root may hold too few keys', () => {
    const f = byId(kernelFindings(kernelFacts({ keysRootMaxKeys: 200 })), 'kernel.keys');
    expect(f.status).toBe('warn');
    expect(f.fix[0]).toBe('sysctl -w kernel.keys.root_maxkeys=1000000');
  });
});
