// Volumes, the Portage snapshot and cleanup against the real engines. Cleanup is scoped to this
// test's build ID, and unlabelled objects created beside the labelled ones must survive it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gentooWbLabels, LABEL } from '../../../src/core/labels.js';
import { findLeftovers, removeLeftovers } from '../../../src/engine/docker/cleanup.js';
import { createContainer, inspectContainer, removeContainer, startContainer } from '../../../src/engine/docker/containers.js';
import { runToEnd } from '../../../src/engine/docker/run-to-end.js';
import { execCapture } from '../../../src/engine/docker/exec.js';
import { imageExists, removeImage } from '../../../src/engine/docker/images.js';
import { ensurePortageSnapshot } from '../../../src/engine/docker/portage-snapshot.js';
import { createVolume, inspectVolume, listVolumes, removeVolume } from '../../../src/engine/docker/volumes.js';
import { importBusybox, uniqueRef } from './helpers/busybox.js';
import { describeEngines } from '../../helpers/podman.js';

const VERSION = '0.0.0-test';

describeEngines('volumes, Portage snapshot and cleanup', (engine) => {
  let base = '';
  const containers: string[] = [];
  const images: string[] = [];
  const volumes: string[] = [];

  beforeAll(async () => {
    base = uniqueRef('base');
    await importBusybox(engine().docker, base);
    images.push(base);
  });

  afterAll(async () => {
    const { docker } = engine();
    for (const id of containers) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    for (const ref of images.reverse()) await removeImage(docker, ref, { force: true }).catch(() => undefined);
    for (const v of volumes) await removeVolume(docker, v, { force: true }).catch(() => undefined);
  });

  it('creates, lists by label, inspects and removes volumes', async () => {
    const { docker } = engine();
    const key = `cache-${randomBytes(3).toString('hex')}`;
    const name = `gwb-test-${key}`;
    volumes.push(name);
    const created = await createVolume(docker, { name, labels: gentooWbLabels({ version: VERSION, role: 'cache', cacheKey: key }) });
    expect(created.name).toBe(name);
    expect(created.labels[LABEL.cacheKey]).toBe(key);
    expect((await inspectVolume(docker, name)).labels[LABEL.role]).toBe('cache');
    expect((await listVolumes(docker, [`${LABEL.cacheKey}=${key}`])).map((v) => v.name)).toEqual([name]);
    const user = await createContainer(docker, { image: base, labels: gentooWbLabels({ version: VERSION, role: 'probe' }), network: 'none', mounts: [{ kind: 'volume', name, target: '/cache' }] });
    containers.push(user);
    await expect(removeVolume(docker, name)).rejects.toMatchObject({ kind: 'conflict' });
    await removeContainer(docker, user);
    await removeVolume(docker, name);
    await expect(inspectVolume(docker, name)).rejects.toMatchObject({ kind: 'volume-not-found' });
  });

  it('creates the Portage snapshot once, shares it read-only through VolumesFrom, and reuses it', async () => {
    const { docker } = engine();
    const portage = uniqueRef('portage', '20260101');
    await importBusybox(docker, portage, ['CMD ["/bin/true"]', 'VOLUME ["/var/db/repos/gentoo"]'], [
      { name: 'var/db/repos/gentoo/profiles/repo_name', content: 'gentoo\n' },
      { name: 'var/db/repos/gentoo/metadata/timestamp.chk', content: 'Thu, 01 Jan 2026 00:45:00 +0000\n' },
    ]);
    images.push(portage);
    const first = await ensurePortageSnapshot(docker, { image: portage, toolVersion: VERSION });
    containers.push(first.containerId);
    expect(first).toMatchObject({ reused: false, repoPath: '/var/db/repos/gentoo', volumesFrom: `${first.containerName}:ro` });
    const again = await ensurePortageSnapshot(docker, { image: portage, toolVersion: VERSION });
    expect(again).toMatchObject({ reused: true, containerId: first.containerId });
    const state = await inspectContainer(docker, first.containerId);
    expect(state.labels[LABEL.role]).toBe('portage-snapshot');
    expect(state.labels[LABEL.sourceImage]).toBe(first.imageId);

    const builder = await createContainer(docker, {
      image: base, network: 'none', cmd: ['/bin/sleep', '300'], volumesFrom: [first.volumesFrom],
      labels: gentooWbLabels({ version: VERSION, role: 'builder' }),
    });
    containers.push(builder);
    await startContainer(docker, builder);
    const read = await execCapture(docker, builder, { argv: ['/bin/cat', '/var/db/repos/gentoo/profiles/repo_name', '/var/db/repos/gentoo/metadata/timestamp.chk'] });
    expect(read.stdout.toString()).toBe('gentoo\nThu, 01 Jan 2026 00:45:00 +0000\n');
    const write = await execCapture(docker, builder, { argv: ['/bin/touch', '/var/db/repos/gentoo/new'] });
    expect(write.exitCode).not.toBe(0);
    expect(write.stderr.toString()).toMatch(/read-only/i);

    const noVolume = uniqueRef('novolume');
    await importBusybox(docker, noVolume);
    images.push(noVolume);
    await expect(ensurePortageSnapshot(docker, { image: noVolume, toolVersion: VERSION })).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('declares no VOLUME') });
  });

  it('clean removes exactly the labelled leftovers of a build and nothing unlabelled', async () => {
    const { docker } = engine();
    const buildId = `clean-${randomBytes(4).toString('hex')}`;
    const otherBuild = `clean-other-${randomBytes(4).toString('hex')}`;
    const label = (role: Parameters<typeof gentooWbLabels>[0]['role'], build = buildId) => gentooWbLabels({ version: VERSION, role, buildId: build });

    const stopped = await createContainer(docker, { image: base, network: 'none', labels: label('builder') });
    const runningId = await createContainer(docker, { image: base, network: 'none', cmd: ['/bin/sleep', '300'], labels: label('builder') });
    await startContainer(docker, runningId);
    const intermediate = uniqueRef('intermediate');
    // Images made here carry the run's namespace by hand (a build's commit inherits it from its container).
    const inNamespace = `LABEL ${LABEL.namespace}=${process.env.GENTOO_WB_NAMESPACE ?? ''}`;
    await importBusybox(docker, intermediate, ['CMD ["/bin/sh"]', `LABEL ${LABEL.role}=intermediate`, `LABEL ${LABEL.buildId}=${buildId}`, inNamespace]);
    const result = uniqueRef('result');
    await importBusybox(docker, result, ['CMD ["/bin/sh"]', `LABEL ${LABEL.role}=result`, `LABEL ${LABEL.buildId}=${buildId}`, inNamespace]);
    const cache = `gwb-test-${buildId}-distfiles`;
    await createVolume(docker, { name: cache, labels: label('cache') });
    // Controls: unlabelled objects, and a labelled one of another build.
    const plainContainer = await createContainer(docker, { image: base, network: 'none', labels: {} });
    const plainImage = uniqueRef('plain');
    await importBusybox(docker, plainImage);
    const plainVolume = `gwb-test-${buildId}-plain`;
    await createVolume(docker, { name: plainVolume, labels: {} });
    const other = await createContainer(docker, { image: base, network: 'none', labels: label('builder', otherBuild) });
    containers.push(stopped, runningId, plainContainer, other);
    images.push(intermediate, result, plainImage);
    volumes.push(cache, plainVolume);

    // A container someone runs from our result image inherits its labels, role included.
    const usersRun = await createContainer(docker, { image: result, network: 'none', labels: {} });
    containers.push(usersRun);
    const intermediateId = (await docker.getImage(intermediate).inspect()).Id;
    const mine = new Set([stopped, runningId, intermediateId, cache, usersRun]);
    // Other suites' host probes may run from our labelled images and inherit the build ID: their
    // containers (role probe) are theirs to remove, so this test leaves them alone.
    const own = <T extends { id: string }>(list: T[]): T[] => list.filter((o) => mine.has(o.id));
    const foreignOk = (list: { id: string; kind: string; role: string }[]) => list.filter((o) => !mine.has(o.id)).every((o) => o.kind === 'container' && o.role === 'probe');

    const gentle = await findLeftovers(docker, { buildId });
    expect(foreignOk(gentle.remove)).toBe(true);
    expect(own(gentle.remove).map((o) => `${o.kind}:${o.id}`).sort()).toEqual([`container:${stopped}`, `image:${intermediateId}`].sort());
    const kept = new Map(own(gentle.kept.map((k) => ({ ...k.object, reason: k.reason }))).map((o) => [o.id, o.reason]));
    expect(kept.get(runningId)).toMatch(/running/);
    expect(kept.get(usersRun)).toMatch(/made by someone else from a gentoo-wb image/);
    expect(kept.get(cache)).toMatch(/--volumes/);

    const thorough = await findLeftovers(docker, { buildId, volumes: true, running: true });
    expect(foreignOk(thorough.remove)).toBe(true);
    const targets = own(thorough.remove);
    expect(targets.map((o) => o.kind).sort()).toEqual(['container', 'container', 'image', 'volume']);
    const removedNames: string[] = [];
    let outcome = await removeLeftovers(docker, targets, (o) => removedNames.push(o.name));
    // A probe still running from the intermediate image holds it for a moment.
    for (let i = 0; i < 20 && outcome.failed.some((f) => f.error.kind === 'conflict'); i++) {
      await new Promise((r) => setTimeout(r, 300));
      outcome = await removeLeftovers(docker, outcome.failed.map((f) => f.object), (o) => removedNames.push(o.name));
    }
    expect(outcome.failed).toEqual([]);
    expect(removedNames).toHaveLength(4);

    await expect(inspectContainer(docker, stopped)).rejects.toMatchObject({ kind: 'container-not-found' });
    await expect(inspectContainer(docker, runningId)).rejects.toMatchObject({ kind: 'container-not-found' });
    expect(await imageExists(docker, intermediate)).toBe(false);
    await expect(inspectVolume(docker, cache)).rejects.toMatchObject({ kind: 'volume-not-found' });
    // Kept: the result image, the user's container from it, every unlabelled object, the other build's container.
    expect(await imageExists(docker, result)).toBe(true);
    expect((await inspectContainer(docker, usersRun)).labels[LABEL.role]).toBe('result');
    expect((await inspectContainer(docker, plainContainer)).id).toBe(plainContainer);
    expect(await imageExists(docker, plainImage)).toBe(true);
    expect((await inspectVolume(docker, plainVolume)).name).toBe(plainVolume);
    expect((await inspectContainer(docker, other)).labels[LABEL.buildId]).toBe(otherBuild);
    expect(own((await findLeftovers(docker, { buildId, volumes: true, running: true })).remove)).toEqual([]);
    // A finished labelled container is a leftover too, whatever its exit.
    const done = await runToEnd(docker, { image: base, network: 'none', cmd: ['/bin/true'], labels: label('probe') }, { keep: true });
    containers.push(done.id);
    mine.add(done.id);
    expect(own((await findLeftovers(docker, { buildId })).remove).map((o) => o.id)).toEqual([done.id]);
  });
  it('keeps an image that a kept container runs (a distcc helper image under its running helper), and removes both with --running', async () => {
    const { docker } = engine();
    const buildId = `clean-held-${randomBytes(4).toString('hex')}`;
    const helperImage = uniqueRef('helper-image');
    const inNamespace = `LABEL ${LABEL.namespace}=${process.env.GENTOO_WB_NAMESPACE ?? ''}`;
    await importBusybox(docker, helperImage, ['CMD ["/bin/sh"]', `LABEL ${LABEL.role}=distcc-image`, `LABEL ${LABEL.buildId}=${buildId}`, inNamespace]);
    images.push(helperImage);
    const helper = await createContainer(docker, { image: helperImage, network: 'none', cmd: ['/bin/sleep', '300'], labels: gentooWbLabels({ version: VERSION, role: 'distcc-helper', buildId }) });
    containers.push(helper);
    await startContainer(docker, helper);
    const imageId = (await docker.getImage(helperImage).inspect()).Id;

    const gentle = await findLeftovers(docker, { buildId });
    expect(gentle.remove.filter((o) => o.id === imageId || o.id === helper)).toEqual([]);
    const reasons = new Map(gentle.kept.map((k) => [k.object.id, k.reason]));
    expect(reasons.get(helper)).toMatch(/^running/);
    expect(reasons.get(imageId)).toMatch(/^in use by container .+, which is kept$/);
    // `clean` exits 0 then: nothing it tries is refused by the engine.
    expect((await removeLeftovers(docker, gentle.remove.filter((o) => o.id === imageId || o.id === helper))).failed).toEqual([]);

    const thorough = await findLeftovers(docker, { buildId, running: true });
    const both = thorough.remove.filter((o) => o.id === imageId || o.id === helper);
    expect(both.map((o) => o.kind).sort()).toEqual(['container', 'image']);
    expect((await removeLeftovers(docker, both)).failed).toEqual([]);
    expect(await imageExists(docker, helperImage)).toBe(false);
  });
});
