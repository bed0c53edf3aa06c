import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { gatherEngine } from '../../../src/engine/host/engine-facts.js';
import { describeDocker } from '../../helpers/docker.js';

const run = promisify(execFile);

describeDocker('engine facts against the real engine', () => {
  it('agree with docker info', async () => {
    const { stdout } = await run('docker', ['info', '--format', '{{json .}}']);
    const info = JSON.parse(stdout) as Record<string, unknown>;
    const session = await gatherEngine({ env: process.env, timeoutMs: 5000 });
    expect(session.facts.reachable).toBe(true);
    if (!session.facts.reachable) return;
    const f = session.facts;
    expect(f.storageDriver).toBe(info.Driver);
    expect(f.cgroupVersion).toBe(info.CgroupVersion);
    expect(f.cgroupDriver).toBe(info.CgroupDriver);
    expect(f.ncpu).toBe(info.NCPU);
    expect(f.memTotalBytes).toBe(info.MemTotal);
    expect(f.ipv4Forwarding).toBe(info.IPv4Forwarding);
    expect(f.version).toBe(info.ServerVersion);
    expect(f.rootDir).toBe(info.DockerRootDir);
    expect(f.limits.MemoryLimit).toBe(info.MemoryLimit);
    expect(f.driverStatus).toEqual(info.DriverStatus);
    expect(session.docker).not.toBeNull();
  });
});

it('an endpoint with no engine is unreachable with its errno, not an exception', async () => {
  const session = await gatherEngine({ host: 'unix:///nonexistent/gentoo-wb-test.sock', env: {}, timeoutMs: 2000 });
  expect(session.facts).toMatchObject({ reachable: false, code: 'ENOENT', endpoint: { host: 'unix:///nonexistent/gentoo-wb-test.sock', source: 'flag' } });
  expect(session.socketPath).toBe('/nonexistent/gentoo-wb-test.sock');
  expect(session.docker).toBeNull();
});
