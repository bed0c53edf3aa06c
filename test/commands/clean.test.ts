// `gentoo-wb clean`: lists, then removes only labelled leftovers of the given build.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/commands/clean.js';
import { gentooWbLabels } from '../../src/core/labels.js';
import { createContainer, inspectContainer, removeContainer } from '../../src/engine/docker/containers.js';
import { removeImage } from '../../src/engine/docker/images.js';
import { createVolume, inspectVolume, removeVolume } from '../../src/engine/docker/volumes.js';
import { importBusybox, uniqueRef } from '../engine/docker/helpers/busybox.js';
import { describeEngines } from '../helpers/podman.js';
import { runCli } from './helpers/cli.js';

describeEngines('gentoo-wb clean', (engine) => {
  let base = '';
  const containers: string[] = [];
  const volumes: string[] = [];
  beforeAll(async () => {
    base = uniqueRef('clean-base');
    await importBusybox(engine().docker, base);
  });
  afterAll(async () => {
    const { docker } = engine();
    for (const id of containers) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    for (const v of volumes) await removeVolume(docker, v, { force: true }).catch(() => undefined);
    await removeImage(docker, base, { force: true }).catch(() => undefined);
  });
  const cli = (...args: string[]) => runCli([register], ['-H', engine().endpoint.host, ...args]);

  it('--dry-run lists, then clean removes the build\'s containers and (with --volumes) volumes only', async () => {
    const { docker } = engine();
    const buildId = `cmd-clean-${randomBytes(4).toString('hex')}`;
    const labels = gentooWbLabels({ version: '0.0.0-test', role: 'builder', buildId });
    const leftover = await createContainer(docker, { image: base, network: 'none', labels });
    const control = await createContainer(docker, { image: base, network: 'none', labels: { 'org.example.mine': 'yes' } });
    const cache = `gwb-test-${buildId}`;
    await createVolume(docker, { name: cache, labels: gentooWbLabels({ version: '0.0.0-test', role: 'cache', buildId }) });
    containers.push(leftover, control);
    volumes.push(cache);

    const dry = await cli('clean', '--dry-run', '--build', buildId, '--json');
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout) as { dryRun: boolean; remove: { id: string }[]; kept: { object: { id: string } }[] };
    expect(plan.dryRun).toBe(true);
    expect(plan.remove.map((o) => o.id)).toEqual([leftover]);
    expect(plan.kept.map((k) => k.object.id)).toEqual([cache]);
    expect((await inspectContainer(docker, leftover)).id).toBe(leftover);

    const human = await cli('clean', '--build', buildId, '--volumes');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/removing:\nKIND +NAME +ROLE +BUILD/);
    expect(human.stdout).toMatch(/removed 2 of 2/);
    await expect(inspectContainer(docker, leftover)).rejects.toMatchObject({ kind: 'container-not-found' });
    await expect(inspectVolume(docker, cache)).rejects.toMatchObject({ kind: 'volume-not-found' });
    expect((await inspectContainer(docker, control)).id).toBe(control);
    expect((await cli('clean', '--build', buildId)).stdout).toBe('nothing to remove\n');
  });
});
