// `gentoo-wb check` as a user runs it, against fixture trees given with --root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/host/report-json.js';
import { runCli } from '../helpers/cli.js';
import { fixture, gz, kernelConfig, makeTree, type Tree } from '../engine/host/fixture-tree.js';

const NO_ENGINE = ['-H', 'unix:///nonexistent/gentoo-wb-check.sock'];
let tree: Tree;

beforeAll(async () => {
  tree = await makeTree({
    'proc/sys/kernel/osrelease': '6.12.21-gentoo\n',
    'proc/config.gz': gz(kernelConfig('6.12.21', ['IP_VS', 'VETH'])),
    'proc/mounts': await fixture('mounts/openrc-v1.txt'),
    'proc/meminfo': 'MemTotal:       16326428 kB\n',
    'proc/cpuinfo': 'processor\t: 0\n\nprocessor\t: 1\n\nprocessor\t: 2\n\nprocessor\t: 3\n',
    'etc/group': await fixture('etc/group'),
  });
});
afterAll(() => tree.cleanup());

describe('gentoo-wb check', () => {
  it('--json reports fixture facts: kernel options with y/m/null, cgroup mode, sizing from the tree; exit 1 on failures', async () => {
    const r = await runCli([...NO_ENGINE, 'check', '--json', '--root', tree.root]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const byId = new Map(report.findings.map((f) => [f.id, f]));
    expect(byId.get('kernel.CONFIG_VETH')).toMatchObject({ status: 'fail', value: null, group: 'kernel' });
    expect(byId.get('kernel.CONFIG_IP_VS')).toMatchObject({ status: 'warn', value: null });
    expect(['y', 'm']).toContain(byId.get('kernel.CONFIG_NAMESPACES')!.value);
    expect(byId.get('cg.mode')).toMatchObject({ value: 'v1' });
    expect(byId.get('cg.v1mnt.freezer')!.status).toBe('fail');
    expect(byId.get('conn.ping')).toMatchObject({ status: 'fail', value: 'ENOENT' });
    expect(byId.get('size.makeopts')!.value).toBe('-j2 -l5');
    expect(report.summary).toMatchObject({ ok: false, root: tree.root, total: report.findings.length });
    expect(report.summary.fail).toBe(report.findings.filter((f) => f.status === 'fail').length);
    for (const f of report.findings) expect(Object.keys(f).sort()).toEqual(['detail', 'fix', 'gate', 'group', 'id', 'status', 'title', 'value']);
  });

  it('--group kernel with a complete config exits 0 and prints only that group', async () => {
    const complete = await makeTree({ 'proc/sys/kernel/osrelease': '6.12.21-gentoo', 'proc/config.gz': gz(kernelConfig('6.12.21')) });
    try {
      const r = await runCli([...NO_ENGINE, 'check', '--plain', '--root', complete.root, '--group', 'kernel']);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('Kernel');
      expect(r.stdout).not.toMatch(/^(Engine|Permissions|cgroups)$/m);
      expect(r.stdout).toMatch(/^ {2}ok {4}CONFIG_VETH=[ym]/m);
      expect(r.stdout).not.toMatch(/[^\x20-\x7e\n]/);
      expect(lines.at(-2)).toMatch(/^0 failed, \d+ warnings, \d+ passed, \d+ info in \d+\.\d\d s: ready/);
    } finally {
      await complete.cleanup();
    }
  });

  it('text output puts problems first with their fix lines indented under them', async () => {
    const r = await runCli([...NO_ENGINE, 'check', '--plain', '--root', tree.root, '--group', 'kernel,cgroups']);
    expect(r.code).toBe(1);
    const kernel = r.stdout.split('\n\n')[0]!.split('\n');
    expect(kernel[0]).toBe('Kernel');
    expect(kernel[1]).toBe('  FAIL  CONFIG_VETH is not set - Virtual ethernet pair device');
    expect(kernel[2]).toMatch(/^ {8}# CONFIG_VETH=m \(or =y\): Device Drivers > /);
    expect(r.stdout).toContain("        echo 'CONFIG_VETH=m' >> /etc/kernel/config.d/docker.config");
  });

  it('--help documents the exit codes: 0 pass, 1 breaks builds, 3 only kernel options missing', async () => {
    const r = await runCli(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit status:\n {2}0 {2}nothing failed/);
    expect(r.stdout).toMatch(/^ {2}1 {2}a check failed that breaks builds/m);
    expect(r.stdout).toMatch(/^ {2}3 {2}only kernel options are missing, and the engine still runs containers/m);
  });

  it.each([
    [['check', '--group', 'network'], /unknown group "network"; groups are engine, permissions/],
    [['check', '--root', '/nonexistent/gentoo-wb'], /--root \/nonexistent\/gentoo-wb is not a directory/],
    [['check', '--json', '--plain'], /--json and --plain exclude each other/],
    [['check', '--frobnicate'], /unknown option/],
  ])('usage mistakes exit 2: %j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
