import { describe, expect, it } from 'vitest';
import { cgroupFindings } from '../../../src/core/host/cgroup-rules.js';
import type { CgroupFacts, MountEntry } from '../../../src/core/host/facts.js';
import { hostFacts } from './facts-builder.js';

const v1Mount = (name: string): MountEntry => ({ source: 'cgroup', mountPoint: `/sys/fs/cgroup/${name}`, fsType: 'cgroup', options: ['rw', 'nosuid', ...name.split(',')] });

function cg(over: Partial<CgroupFacts>): CgroupFacts {
  return { ...hostFacts().cgroup, ...over };
}

describe('cgroup findings', () => {
  it('passes v2 with every controller', () => {
    const f = cgroupFindings(cg({}), { rootless: false, init: 'openrc' });
    expect(f.find((x) => x.id === 'cg.mode')).toMatchObject({ status: 'pass', value: 'v2' });
    expect(f.filter((x) => x.id.startsWith('cg.v2ctl.')).map((x) => x.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('warns for each missing v2 controller', () => {
    const f = cgroupFindings(cg({ v2Controllers: ['cpu', 'memory', 'pids'] }), { rootless: false, init: 'openrc' });
    const missing = f.filter((x) => x.status === 'warn').map((x) => x.id);
    expect(missing).toEqual(['cg.v2ctl.cpuset', 'cg.v2ctl.io']);
  });

  it('v1: fails each controller hierarchy that is not mounted, reads co-mounted ones', () => {
    const mounts = ['cpu,cpuacct', 'cpuset', 'memory', 'devices'].map(v1Mount);
    const f = cgroupFindings(cg({ mode: 'v1', mounts, v2Controllers: null, v2Root: null }), { rootless: false, init: 'openrc' });
    const mode = f.find((x) => x.id === 'cg.mode')!;
    expect(mode).toMatchObject({ status: 'warn', value: 'v1' });
    expect(mode.fix.join('\n')).toContain('rc_cgroup_mode="unified"');
    expect(f.find((x) => x.id === 'cg.v1mnt.cpuacct')).toMatchObject({ status: 'pass', value: '/sys/fs/cgroup/cpu,cpuacct' });
    expect(f.filter((x) => x.status === 'fail').map((x) => x.id)).toEqual(['cg.v1mnt.freezer']);
  });

  it('hybrid is its own mode and checks the v1 mounts', () => {
    const mounts = [...['cpu', 'cpuacct', 'cpuset', 'devices', 'freezer', 'memory'].map(v1Mount), { source: 'cgroup2', mountPoint: '/sys/fs/cgroup/unified', fsType: 'cgroup2', options: ['rw'] }];
    const f = cgroupFindings(cg({ mode: 'hybrid', mounts }), { rootless: false, init: 'systemd' });
    expect(f.find((x) => x.id === 'cg.mode')).toMatchObject({ status: 'warn', value: 'hybrid' });
    expect(f.filter((x) => x.id.startsWith('cg.v1mnt.')).every((x) => x.status === 'pass')).toBe(true);
  });

  it('checks delegation only for rootless engines, and names the drop-in when CPU and I/O are not delegated', () => {
    expect(cgroupFindings(cg({ systemd: true }), { rootless: false, init: 'systemd' }).some((x) => x.id === 'cg.deleg')).toBe(false);
    const partial = cgroupFindings(cg({ systemd: true, delegation: { path: '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers', controllers: ['memory', 'pids'] } }), { rootless: true, init: 'systemd' });
    const d = partial.find((x) => x.id === 'cg.deleg')!;
    expect(d.status).toBe('warn');
    expect(d.title).toBe('Controllers not delegated to your user: cpu cpuset io');
    expect(d.fix.join('\n')).toContain('Delegate=cpu cpuset io memory pids');
    const full = cgroupFindings(cg({ systemd: true, delegation: { path: 'x', controllers: ['cpuset', 'cpu', 'io', 'memory', 'pids'] } }), { rootless: true, init: 'systemd' });
    expect(full.find((x) => x.id === 'cg.deleg')!.status).toBe('pass');
    const noSystemd = cgroupFindings(cg({ systemd: false }), { rootless: true, init: 'openrc' });
    expect(noSystemd.find((x) => x.id === 'cg.deleg')!.title).toMatch(/no resource limits/);
  });

  it('fails when no cgroup filesystem is mounted', () => {
    const f = cgroupFindings(cg({ mode: 'none', mounts: [], v2Controllers: null, v2Root: null }), { rootless: false, init: 'openrc' });
    expect(f.find((x) => x.id === 'cg.mode')).toMatchObject({ status: 'fail', value: null });
  });
});
