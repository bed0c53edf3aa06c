import { describe, expect, it } from 'vitest';
import { engineFindings } from '../../../src/core/host/engine-rules.js';
import { dockerEngine } from './facts-builder.js';

const get = (fs: ReturnType<typeof engineFindings>, id: string) => fs.find((x) => x.id === id);
const GIB = 1024 ** 3;

describe('engine findings', () => {
  it('a healthy local Docker passes, names the rule that chose the endpoint, and reports the driver', () => {
    const f = engineFindings(dockerEngine(), '6.12.21-gentoo');
    expect(f.filter((x) => x.status === 'fail' || x.status === 'warn')).toEqual([]);
    expect(get(f, 'conn.resolve')!.title).toBe('Endpoint unix:///var/run/docker.sock, chosen by the default');
    expect(get(f, 'conn.engine')).toMatchObject({ value: 'docker', title: 'Docker 27.3.1' });
    expect(get(f, 'eng.storage')).toMatchObject({ status: 'pass', value: 'overlay2', title: 'Storage driver overlay2 on extfs' });
    expect(get(f, 'eng.kernelMatch')!.title).toBe('Engine runs on this kernel (6.12.21-gentoo)');
  });

  it('an engine that does not answer fails with start commands for its socket', () => {
    const f = engineFindings({ reachable: false, endpoint: { host: 'unix:///var/run/docker.sock', source: 'default', context: 'default', warnings: [] }, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED /var/run/docker.sock' }, null);
    const ping = get(f, 'conn.ping')!;
    expect(ping.status).toBe('fail');
    expect(ping.title).toBe('No engine answers at unix:///var/run/docker.sock (connection refused)');
    expect(ping.fix[0]).toMatch(/^rc-service docker start/);
    expect(get(f, 'eng.storage')).toBeUndefined();
  });

  it('vfs, missing d_type, low disk, warnings, forwarding off and cgroup driver none', () => {
    expect(get(engineFindings(dockerEngine({ storageDriver: 'vfs', driverStatus: [] }), null), 'eng.storage')!.status).toBe('warn');
    expect(get(engineFindings(dockerEngine({ driverStatus: [['Backing Filesystem', 'xfs'], ['Supports d_type', 'false']] }), null), 'eng.storage')!.status).toBe('fail');
    expect(get(engineFindings(dockerEngine({ disk: { path: '/var/lib/docker', freeBytes: 5 * GIB, totalBytes: 50 * GIB } }), null), 'eng.disk')!.status).toBe('fail');
    expect(get(engineFindings(dockerEngine({ disk: { path: '/var/lib/docker', freeBytes: 20 * GIB, totalBytes: 50 * GIB } }), null), 'eng.disk')!.status).toBe('warn');
    const warned = get(engineFindings(dockerEngine({ warnings: ['WARNING: No swap limit support'] }), null), 'eng.warnings')!;
    expect(warned).toMatchObject({ status: 'warn', detail: 'WARNING: No swap limit support' });
    const fwd = get(engineFindings(dockerEngine({ ipv4Forwarding: false }), null), 'eng.ipfwd')!;
    expect(fwd.status).toBe('warn');
    expect(fwd.fix[0]).toBe('sysctl -w net.ipv4.ip_forward=1');
    const none = engineFindings(dockerEngine({ cgroupDriver: 'none', limits: { MemoryLimit: false } }), null);
    expect(get(none, 'eng.cgroup')!.title).toBe('Cgroup driver none: limits are ignored');
    expect(none.some((x) => x.id.startsWith('eng.limits'))).toBe(false);
  });

  it('warns once per unsupported limit, and on cgroup v1', () => {
    const f = engineFindings(dockerEngine({ cgroupVersion: '1', limits: { MemoryLimit: true, SwapLimit: false, PidsLimit: false } }), null);
    expect(f.filter((x) => x.id.startsWith('eng.limits')).map((x) => x.id)).toEqual(['eng.limits.SwapLimit', 'eng.limits.PidsLimit']);
    expect(get(f, 'eng.cgroup')!.status).toBe('warn');
  });

  it('endpoint warnings make the resolve finding a warning; a remote kernel is flagged', () => {
    const e = dockerEngine({ endpoint: { host: 'tcp://10.0.0.5:2376', source: 'DOCKER_HOST', context: null, warnings: ['DOCKER_HOST and DOCKER_CONTEXT are both set'] }, kernelVersion: '6.1.0-26-amd64', disk: null });
    const f = engineFindings(e, '6.12.21-gentoo');
    expect(get(f, 'conn.resolve')).toMatchObject({ status: 'warn', detail: 'DOCKER_HOST and DOCKER_CONTEXT are both set' });
    expect(get(f, 'eng.kernelMatch')!.status).toBe('warn');
    expect(get(f, 'eng.disk')!.status).toBe('info');
  });
});
