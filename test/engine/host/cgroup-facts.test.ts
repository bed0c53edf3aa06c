import { afterEach, describe, expect, it } from 'vitest';
import { evaluateHost } from '../../../src/core/host/evaluate.js';
import { gatherHostFacts } from '../../../src/engine/host/gather.js';
import { dockerEngine } from '../../core/host/facts-builder.js';
import { fixedEngine, fixture, identity, makeTree, NO_ENGINE, type Tree, type TreeEntry } from './fixture-tree.js';

let tree: Tree | undefined;
afterEach(async () => {
  await tree?.cleanup();
  tree = undefined;
});

async function gather(entries: Record<string, TreeEntry>, opts: { rootless?: boolean } = {}) {
  tree = await makeTree(entries);
  const engine = opts.rootless ? dockerEngine({ rootless: true, cgroupDriver: 'systemd' }) : NO_ENGINE;
  const facts = await gatherHostFacts({ root: tree.root, identity: identity(), engine: fixedEngine(engine, null), probe: false });
  return { facts, result: evaluateHost(facts) };
}

const ids = (r: ReturnType<typeof evaluateHost>, status: string) => r.findings.filter((f) => f.group === 'cgroups' && f.status === status).map((f) => f.id);

describe('cgroup facts under --root (mode from proc/mounts)', () => {
  it('v2 on OpenRC with every controller', async () => {
    const { facts, result } = await gather({
      'proc/mounts': await fixture('mounts/openrc-v2.txt'),
      'sys/fs/cgroup/cgroup.controllers': 'cpuset cpu io memory hugetlb pids rdma misc\n',
      'run/openrc/softlevel': '',
    });
    expect(facts.cgroup).toMatchObject({ mode: 'v2', modeSource: 'mounts', v2Root: '/sys/fs/cgroup', systemd: false });
    expect(facts.system.init).toBe('openrc');
    expect(result.findings.find((f) => f.id === 'cg.mode')).toMatchObject({ status: 'pass', value: 'v2' });
    expect(ids(result, 'warn')).toEqual([]);
  });

  it('v2 with missing controllers warns for each', async () => {
    const { result } = await gather({
      'proc/mounts': await fixture('mounts/openrc-v2.txt'),
      'sys/fs/cgroup/cgroup.controllers': 'cpu memory pids\n',
    });
    expect(ids(result, 'warn')).toEqual(['cg.v2ctl.cpuset', 'cg.v2ctl.io']);
  });

  it('v1 (OpenRC legacy) with the freezer hierarchy missing fails it', async () => {
    const { facts, result } = await gather({ 'proc/mounts': await fixture('mounts/openrc-v1.txt') });
    expect(facts.cgroup.mode).toBe('v1');
    expect(result.findings.find((f) => f.id === 'cg.mode')!.value).toBe('v1');
    expect(ids(result, 'fail')).toEqual(['cg.v1mnt.freezer']);
  });

  it('hybrid (the CI machine\'s layout)', async () => {
    const { facts, result } = await gather({ 'proc/mounts': await fixture('mounts/debian-hybrid.txt') });
    expect(facts.cgroup).toMatchObject({ mode: 'hybrid', v2Root: '/sys/fs/cgroup/unified' });
    expect(result.findings.find((f) => f.id === 'cg.mode')).toMatchObject({ status: 'warn', value: 'hybrid' });
    expect(ids(result, 'fail')).toEqual([]);
  });

  it('reads what systemd delegates to the user for a rootless engine', async () => {
    const { facts, result } = await gather({
      'proc/mounts': await fixture('mounts/systemd-v2.txt'),
      'sys/fs/cgroup/cgroup.controllers': 'cpuset cpu io memory pids\n',
      'run/systemd/system': { dir: true },
      'sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers': 'memory pids\n',
    }, { rootless: true });
    expect(facts.cgroup.delegation).toEqual({ path: '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers', controllers: ['memory', 'pids'] });
    const d = result.findings.find((f) => f.id === 'cg.deleg')!;
    expect(d.status).toBe('warn');
    expect(d.fix).toContain('systemctl daemon-reload   # then log out and in again');
  });
});
