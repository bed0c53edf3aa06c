// GENTOO_WB_NAMESPACE on the real engine: what gentoo-wb creates carries the namespace (label and name),
// and `clean` in one namespace neither lists nor touches another namespace's objects or unlabelled
// (default-namespace) ones.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, inject, it } from 'vitest';
import { register } from '../../../src/commands/clean.js';
import { gentooWbLabels, LABEL } from '../../../src/core/labels.js';
import { createContainer, inspectContainer, removeContainer } from '../../../src/engine/docker/containers.js';
import { inspectImage, removeImage } from '../../../src/engine/docker/images.js';
import { currentNamespace } from '../../../src/engine/docker/object-names.js';
import { ensurePortageSnapshot } from '../../../src/engine/docker/portage-snapshot.js';
import { createVolume, inspectVolume, removeVolume } from '../../../src/engine/docker/volumes.js';
import { runCli } from '../../commands/helpers/cli.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { importBusybox, uniqueRef } from './helpers/busybox.js';

const VERSION = '0.0.0-test';
const runNamespace = inject('namespace');

describeDocker('namespaces on the engine', () => {
  const suffix = randomBytes(3).toString('hex');
  const nsA = `${runNamespace}-a`;
  const nsB = `${runNamespace}-b`;
  let base = '';
  const containers: string[] = [];
  const volumes: string[] = [];
  const images: string[] = [];

  beforeAll(async () => {
    base = uniqueRef('ns-base');
    await importBusybox(testDocker(), base, ['CMD ["/bin/true"]', 'VOLUME ["/var/db/repos/gentoo"]'], [
      { name: 'var/db/repos/gentoo/profiles/repo_name', content: 'gentoo\n' },
    ]);
    images.push(base);
  });
  afterEach(() => {
    process.env.GENTOO_WB_NAMESPACE = runNamespace;
  });
  afterAll(async () => {
    const docker = testDocker();
    for (const id of containers) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    for (const v of volumes) await removeVolume(docker, v, { force: true }).catch(() => undefined);
    for (const ref of images) await removeImage(docker, ref, { force: true }).catch(() => undefined);
  });

  it('the run has a namespace every worker uses', () => {
    expect(runNamespace).toMatch(/^test-[0-9a-f]{6}$/);
    expect(currentNamespace()).toBe(runNamespace);
  });

  it('labels containers and volumes into the current namespace and names the Portage snapshot after it', async () => {
    const docker = testDocker();
    process.env.GENTOO_WB_NAMESPACE = nsA;
    const id = await createContainer(docker, { image: base, network: 'none', labels: gentooWbLabels({ version: VERSION, role: 'probe' }) });
    containers.push(id);
    expect((await inspectContainer(docker, id)).labels[LABEL.namespace]).toBe(nsA);
    const volume = `gwb-test-ns-${suffix}`;
    volumes.push(volume);
    expect((await createVolume(docker, { name: volume, labels: gentooWbLabels({ version: VERSION, role: 'cache' }) })).labels[LABEL.namespace]).toBe(nsA);
    // Objects that are not gentoo-wb's keep the labels they were given (beside their image's own).
    const other = await createContainer(docker, { image: base, network: 'none', labels: { 'org.example.mine': 'yes' } });
    containers.push(other);
    expect((await inspectContainer(docker, other)).labels).toEqual({ ...(await inspectImage(docker, base)).labels, 'org.example.mine': 'yes' });

    const snapA = await ensurePortageSnapshot(docker, { image: base, toolVersion: VERSION });
    containers.push(snapA.containerId);
    expect(snapA.containerName).toMatch(new RegExp(`^gentoo-wb-${nsA}-portage-[0-9a-f]{12}$`));
    expect((await inspectContainer(docker, snapA.containerId)).labels[LABEL.namespace]).toBe(nsA);
    // Another namespace does not reuse A's snapshot: it makes its own.
    process.env.GENTOO_WB_NAMESPACE = nsB;
    const snapB = await ensurePortageSnapshot(docker, { image: base, toolVersion: VERSION });
    containers.push(snapB.containerId);
    expect(snapB.reused).toBe(false);
    expect(snapB.containerId).not.toBe(snapA.containerId);
    expect(snapB.containerName).toMatch(new RegExp(`^gentoo-wb-${nsB}-portage-`));
    process.env.GENTOO_WB_NAMESPACE = nsA;
    expect((await ensurePortageSnapshot(docker, { image: base, toolVersion: VERSION })).containerId).toBe(snapA.containerId);
  });

  it('clean in namespace A lists and removes only A\'s objects, not B\'s nor unlabelled ones', async () => {
    const docker = testDocker();
    const buildId = `ns-clean-${suffix}`;
    const labels = (namespace: string | null) => gentooWbLabels({ version: VERSION, role: 'builder', buildId, namespace });
    const inA = await createContainer(docker, { image: base, network: 'none', labels: labels(nsA) });
    const inB = await createContainer(docker, { image: base, network: 'none', labels: labels(nsB) });
    // The default namespace's objects (no namespace label), made the way an older gentoo-wb made them.
    const unlabelled = (await docker.createContainer({ Image: base, Labels: labels(null), HostConfig: { NetworkMode: 'none' } })).id;
    containers.push(inA, inB, unlabelled);
    const volA = `gwb-test-ns-a-${suffix}`;
    const volB = `gwb-test-ns-b-${suffix}`;
    const volDefault = `gwb-test-ns-default-${suffix}`;
    volumes.push(volA, volB, volDefault);
    await createVolume(docker, { name: volA, labels: gentooWbLabels({ version: VERSION, role: 'cache', buildId, namespace: nsA }) });
    await createVolume(docker, { name: volB, labels: gentooWbLabels({ version: VERSION, role: 'cache', buildId, namespace: nsB }) });
    await docker.createVolume({ Name: volDefault, Labels: gentooWbLabels({ version: VERSION, role: 'cache', buildId }) });

    process.env.GENTOO_WB_NAMESPACE = nsA;
    const dry = await runCli([register], ['clean', '--dry-run', '--volumes', '--build', buildId, '--json']);
    expect(dry.code).toBe(0);
    const listed = JSON.parse(dry.stdout) as { namespace: string; remove: { id: string }[]; kept: { object: { id: string } }[] };
    expect(listed.namespace).toBe(nsA);
    expect(listed.remove.map((o) => o.id).sort()).toEqual([inA, volA].sort());
    expect(listed.kept).toEqual([]);

    const done = await runCli([register], ['clean', '--volumes', '--build', buildId]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/removed 2 of 2/);
    await expect(inspectContainer(docker, inA)).rejects.toMatchObject({ kind: 'container-not-found' });
    await expect(inspectVolume(docker, volA)).rejects.toMatchObject({ kind: 'volume-not-found' });
    expect((await inspectContainer(docker, inB)).labels[LABEL.namespace]).toBe(nsB);
    expect((await inspectContainer(docker, unlabelled)).labels[LABEL.namespace]).toBeUndefined();
    expect((await inspectVolume(docker, volB)).name).toBe(volB);
    expect((await inspectVolume(docker, volDefault)).name).toBe(volDefault);

    // The default namespace (variable unset) sees only the unlabelled objects.
    delete process.env.GENTOO_WB_NAMESPACE;
    const defaults = JSON.parse((await runCli([register], ['clean', '--dry-run', '--volumes', '--build', buildId, '--json'])).stdout) as { namespace: string | null; remove: { id: string }[] };
    expect(defaults.namespace).toBeNull();
    expect(defaults.remove.map((o) => o.id).sort()).toEqual([unlabelled, volDefault].sort());
  });

  it('an unusable namespace stops clean with a clear message before it looks at the engine', async () => {
    process.env.GENTOO_WB_NAMESPACE = 'Not_Valid';
    const result = await runCli([register], ['clean', '--dry-run']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/GENTOO_WB_NAMESPACE="Not_Valid" cannot be a namespace: .*characters other than lowercase letters/);
    expect(result.stdout).toBe('');
  });
});
