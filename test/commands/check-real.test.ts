// `gentoo-wb check --json` on this machine must say what `docker info` and /proc/config.gz say.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/host/report-json.js';
import { runCli } from '../helpers/cli.js';
import { describeDocker } from '../helpers/docker.js';

const run = promisify(execFile);

/** The cgroup layout read straight from /proc/mounts, independently of the code under test. */
function cgroupLayout(): 'v1' | 'v2' | 'hybrid' {
  const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' '));
  if (mounts.some((m) => m[1] === '/sys/fs/cgroup' && m[2] === 'cgroup2')) return 'v2';
  return mounts.some((m) => m[1] === '/sys/fs/cgroup/unified' && m[2] === 'cgroup2') ? 'hybrid' : 'v1';
}

async function probeContainers(): Promise<Array<{ id: string; image: string; buildId: string }>> {
  const { stdout } = await run('docker', ['ps', '-a', '--filter', 'label=org.gentoo-wb.role=probe', '--format', '{{.ID}}\t{{.Image}}\t{{.Label "org.gentoo-wb.build-id"}}']);
  return stdout.split('\n').filter((l) => l !== '').map((l) => {
    const [id = '', image = '', buildId = ''] = l.split('\t');
    return { id, image, buildId };
  });
}

describeDocker('gentoo-wb check on this machine', () => {
  it('reports the engine, storage driver, cgroup mode and kernel options that docker info and /proc/config.gz show', async () => {
    const probesBefore = await probeContainers();
    const [{ stdout: infoJson }, r] = await Promise.all([run('docker', ['info', '--format', '{{json .}}']), runCli(['check', '--json'])]);
    const info = JSON.parse(infoJson) as Record<string, unknown>;
    const report = JSON.parse(r.stdout) as JsonReport;
    const byId = new Map(report.findings.map((f) => [f.id, f]));

    // 0 nothing failed; 3 only kernel options are missing while the engine runs containers; 1 otherwise.
    const failed = report.findings.filter((f) => f.status === 'fail');
    const kernelOnly = failed.length > 0 && failed.every((f) => f.id.startsWith('kernel.CONFIG_'));
    expect(r.code, JSON.stringify(failed.map((f) => f.id))).toBe(failed.length === 0 ? 0 : kernelOnly ? 3 : 1);
    expect(byId.get('conn.ping')!.status).toBe('pass');
    expect(byId.get('conn.engine')!.value).toBe('docker');
    expect(byId.get('conn.engine')!.title).toContain(String(info.ServerVersion));
    expect(byId.get('eng.storage')!.value).toBe(info.Driver);
    expect(byId.get('eng.cgroup')!.value).toBe(info.CgroupVersion);
    expect(byId.get('eng.ipfwd')!.value).toBe(info.IPv4Forwarding);
    const mode = byId.get('cg.mode')!.value;
    expect(mode).toBe(cgroupLayout());
    expect(info.CgroupVersion === '2' ? ['v2'] : ['v1', 'hybrid']).toContain(mode);
    expect(byId.get('size.makeopts')!.detail).toContain(`${String(info.NCPU)} CPUs`);

    if (existsSync('/proc/config.gz')) {
      const config = new Map<string, string>();
      for (const line of gunzipSync(readFileSync('/proc/config.gz')).toString('utf8').split('\n')) {
        const m = /^CONFIG_(\w+)=(.*)$/.exec(line);
        if (m) config.set(m[1]!, m[2]!);
      }
      const kernelOptions = report.findings.filter((f) => f.id.startsWith('kernel.CONFIG_'));
      expect(kernelOptions.length).toBeGreaterThan(80);
      for (const f of kernelOptions) {
        const v = config.get(f.id.slice('kernel.CONFIG_'.length));
        expect(f.value, f.id).toBe(v === 'y' || v === 'm' ? v : null);
        expect(f.status === 'pass', f.id).toBe(f.value !== null);
      }
      expect(byId.get('kernel.config')!.value).toBe('/proc/config.gz');
    }
    // The probe must not leave containers behind (other tests may have probe-labelled containers of their own).
    const image = byId.get('probe.run')!.value;
    const left = (await probeContainers()).filter((c) => !probesBefore.some((b) => b.id === c.id) && c.image === image && c.buildId === '');
    expect(left).toEqual([]);
    expect(report.summary.elapsedMs).toBeLessThan(2000);
  });
});
