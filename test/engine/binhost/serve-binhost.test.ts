// `binhost serve` on the real engine with a cache filled by real Portage: Portage keeps the Packages index
// current by itself after every --buildpkg (binarytree.inject), the server answers by container name on a
// network of the test's, status probes it, refusals come before any work, and stop keeps the volume.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LABEL } from '../../../src/core/labels.js';
import { binhostContainerName } from '../../../src/engine/binhost/binhost-names.js';
import { binhostStatuses } from '../../../src/engine/binhost/binhost-status.js';
import { findServedBinhost, listServedBinhosts } from '../../../src/engine/binhost/find-served-binhost.js';
import { serveBinhost } from '../../../src/engine/binhost/serve-binhost.js';
import { chooseBinhost, stopBinhost } from '../../../src/engine/binhost/stop-binhost.js';
import { dialJson } from '../../../src/engine/docker/dial.js';
import { containerLogs, findLeftovers, inspectVolume, listContainers, removeContainerSurely } from '../../../src/engine/docker/index.js';
import { currentNamespace } from '../../../src/engine/docker/object-names.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';
import { cpvs, makeFixture, type BinhostFixture } from './binhost-fixture.js';

interface RawContainer {
  Path: string;
  Args: string[];
  Config: { Labels: Record<string, string>; ExposedPorts?: Record<string, unknown> };
  HostConfig: { RestartPolicy?: { Name?: string }; NetworkMode?: string };
  Mounts: { Name?: string; Destination: string; RW: boolean }[];
}

describeDocker('binhost serve (real Portage cache, real HTTP server)', () => {
  let fx: BinhostFixture;
  const name = `eng-${process.pid}`;
  const namespace = currentNamespace();
  const served: string[] = [];

  beforeAll(async () => {
    fx = await makeFixture('eng');
    // No emaint here: the index the server sees is the one Portage wrote while building the package.
    const built = await fx.inBase(['sh', '-c', 'emerge --buildpkg --oneshot --color=n app-misc/newtool >/tmp/log 2>&1 || { tail -20 /tmp/log; exit 1; }; cat /var/cache/binpkgs/Packages']);
    expect(built.exitCode, built.output).toBe(0);
    expect(cpvs(built.output)).toEqual(['app-misc/newtool-2.0']);
  });

  afterAll(async () => {
    for (const c of served) await removeContainerSurely(testDocker(), c);
    await fx?.remove();
  });

  it('serves the volume read-only from a labelled unless-stopped container, by name on the network; Portage updates the index itself after --buildpkg', async () => {
    const docker = testDocker();
    const steps: string[] = [];
    const result = await serveBinhost(docker, { name, key: fx.key, volume: fx.volume, image: realPortageImages().base, port: 0, network: fx.network, namespace }, (s) => steps.push(s));
    served.push(result.binhost.containerName);
    expect(steps).toEqual(['check', 'index', 'start', 'probe']);
    expect(result.probe).toEqual({ answers: true, status: 200, packages: 1, problem: null });

    const b = result.binhost;
    expect(b).toMatchObject({ name, key: fx.key, volume: fx.volume, network: fx.network, containerName: binhostContainerName(name, namespace), running: true });
    expect(b.containerName).toBe(`gentoo-wb-${namespace}-binhost-${name}`);
    expect(b.urlInNetwork).toBe(`http://${b.containerName}:8000/`);
    expect(b.port).toBeGreaterThan(0);
    expect(b.hostUrl).toMatch(new RegExp(`^http://[^/]+:${b.port}/$`));
    expect(await findServedBinhost(docker, name, namespace)).toEqual(b);
    expect(await findServedBinhost(docker, name, 'some-other-ns')).toBeNull();

    const raw = await dialJson<RawContainer>(docker, { method: 'GET', path: `/containers/${b.containerName}/json` });
    expect([raw.Path, ...raw.Args]).toEqual(['python3', '-m', 'http.server', '8000', '--directory', '/var/cache/binpkgs']);
    expect(raw.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(raw.Mounts).toEqual([expect.objectContaining({ Name: fx.volume, Destination: '/var/cache/binpkgs', RW: false })]);
    expect(raw.Config.Labels).toMatchObject({ [LABEL.role]: 'binhost', [LABEL.namespace]: namespace, [LABEL.binhostName]: name, [LABEL.binhostKey]: fx.key, [LABEL.binhostVolume]: fx.volume, [LABEL.binhostPort]: '8000', [LABEL.binhostNetwork]: fx.network });

    const first = await fx.get(`${b.urlInNetwork!}Packages`);
    expect(first.exitCode, first.output).toBe(0);
    expect(first.output).toMatch(/^HTTP 200\n/);
    expect(cpvs(first.output)).toEqual(['app-misc/newtool-2.0']);

    // A later --buildpkg into the same cache (the volume read-write elsewhere, as a build has it): the
    // served index lists the new package with no emaint run in between.
    const more = await fx.inBase(['sh', '-c', 'emerge --buildpkg --oneshot --color=n app-misc/oldtool >/tmp/log 2>&1 || { tail -20 /tmp/log; exit 1; }']);
    expect(more.exitCode, more.output).toBe(0);
    const second = await fx.get(`${b.urlInNetwork!}Packages`);
    expect(cpvs(second.output)).toEqual(['app-misc/newtool-2.0', 'app-misc/oldtool-1.0']);
    const pkg = await fx.get(`${b.urlInNetwork!}app-misc/oldtool/oldtool-1.0-1.gpkg.tar`);
    expect(pkg.output).toMatch(/^HTTP 200\n/);

    const status = (await binhostStatuses(docker, namespace)).find((s) => s.name === name);
    expect(status).toMatchObject({ state: 'running', key: fx.key, probe: { answers: true, status: 200, packages: 2, problem: null } });
  }, 120_000);

  it('a fresh container on the network installs from it with real emerge --getbinpkgonly (binrepos.conf naming the URL)', async () => {
    const b = await findServedBinhost(testDocker(), name, namespace);
    // The URL is the script's argument, never part of its text.
    const script = 'mkdir -p /etc/portage/binrepos.conf && printf "[served]\\nsync-uri = %s\\nverify-signature = false\\n" "$1" > /etc/portage/binrepos.conf/served.conf'
      + ' && emerge --getbinpkgonly --oneshot --color=n app-misc/oldtool && /usr/bin/oldtool; grep -F "completed emerge" /var/log/emerge.log | tail -1';
    // Portage's default FETCHCOMMAND (wget, as in a stage3) downloads the package.
    const r = await fx.onNetwork(['sh', '-c', script, 'sh', b!.urlInNetwork!], {});
    expect(r.exitCode, r.output).toBe(0);
    let served = '';
    for await (const frame of containerLogs(testDocker(), b!.containerName)) served += frame.data.toString('utf8');
    expect(served).toMatch(/"GET \/app-misc\/oldtool\/oldtool-1\.0-1\.gpkg\.tar HTTP\/1\.1" 200/);
    expect(r.output).toMatch(/>>> Emerging binary \(1 of 1\) app-misc\/oldtool-1\.0/);
    expect(r.output).toContain('completed emerge (1 of 1) app-misc/oldtool-1.0');
  }, 60_000);

  it('refuses a served name, a port in use, a cache no build filled, an engine network, a missing network and an image without Portage, leaving nothing behind', async () => {
    const docker = testDocker();
    const b = await findServedBinhost(docker, name, namespace);
    expect(b, 'the first test serves it').not.toBeNull();
    const base = { key: fx.key, volume: fx.volume, image: realPortageImages().base, port: 0, network: null, namespace };
    await expect(serveBinhost(docker, { ...base, name })).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining(`a binhost called ${name} is already served`) });
    await expect(serveBinhost(docker, { ...base, name: `${name}-b`, port: b!.port })).rejects.toMatchObject({ kind: 'conflict', message: `port ${b!.port} is in use on the engine's host (by container ${b!.containerName}), so the binhost cannot publish it` });
    await expect(serveBinhost(docker, { ...base, name: `${name}-b`, key: '000000000000', volume: `${fx.volume.replace(fx.key, '000000000000')}` }))
      .rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('no binary packages to serve for key 000000000000') });
    await expect(serveBinhost(docker, { ...base, name: `${name}-b`, network: 'bridge' })).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining("one of the engine's own networks") });
    await expect(serveBinhost(docker, { ...base, name: `${name}-b`, network: `${fx.network}-none` })).rejects.toMatchObject({ kind: 'not-found', message: `there is no Docker network ${fx.network}-none` });
    await expect(serveBinhost(docker, { ...base, name: 'gentoo' })).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('reserved') });
    // An image without Portage (the tree image: busybox and the repository) stops at the index refresh.
    await expect(serveBinhost(docker, { ...base, name: `${name}-b`, image: realPortageImages().tree }))
      .rejects.toMatchObject({ kind: 'bad-request', message: `${realPortageImages().tree} has no emaint (Portage), which refreshes the cache's Packages index before serving` });
    const ours = (await listServedBinhosts(docker, namespace)).map((s) => s.name).filter((n) => n.startsWith(name));
    expect(ours).toEqual([name]);
    const leftovers = await listContainers(docker, [`${LABEL.role}=probe`, `${LABEL.namespace}=${namespace}`]);
    expect(leftovers.filter((c) => c.image === realPortageImages().tree)).toEqual([]);
  });

  it('clean keeps a served binhost and its cache volume, even with --volumes --running, and says why', async () => {
    const docker = testDocker();
    const b = await findServedBinhost(docker, name, namespace);
    const report = await findLeftovers(docker, { namespace, volumes: true, running: true });
    expect(report.remove.map((o) => o.name)).not.toContain(b!.containerName);
    expect(report.remove.map((o) => o.name)).not.toContain(fx.volume);
    expect(report.kept).toEqual(expect.arrayContaining([
      { object: expect.objectContaining({ kind: 'container', name: b!.containerName, role: 'binhost' }), reason: `serves binhost ${name}; gentoo-wb binhost stop ${name} removes it` },
      { object: expect.objectContaining({ kind: 'volume', name: fx.volume }), reason: `served by binhost ${name}; stop it first (gentoo-wb binhost stop)` },
    ]));
  });

  it('stop removes the container and keeps the cache volume', async () => {
    const docker = testDocker();
    const b = chooseBinhost(await listServedBinhosts(docker, namespace), name);
    await stopBinhost(docker, b);
    expect(await findServedBinhost(docker, name, namespace)).toBeNull();
    expect((await inspectVolume(docker, fx.volume)).name).toBe(fx.volume);
    const left = await listServedBinhosts(docker, namespace);
    expect(() => chooseBinhost(left, name)).toThrow(expect.objectContaining({ kind: 'not-found', message: expect.stringContaining(`no binhost called ${name} is served`) }));
  });
});
