// Commit and import carry the image config as values: a trailing backslash, `$`, quotes and spaces
// in USER, WORKDIR, ENV, LABEL and VOLUME arrive as typed and never run into the next instruction
// (the report: USER `root\` became `rootLABEL org.gentoo-wb.version=…`).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gentooWbLabels, LABEL } from '../../../src/core/labels.js';
import { commitContainer } from '../../../src/engine/docker/commit.js';
import { createContainer, removeContainer } from '../../../src/engine/docker/containers.js';
import { engineKindFor } from '../../../src/engine/docker/engine-kind.js';
import { changesFor, type ConfigChanges } from '../../../src/engine/docker/image-changes.js';
import { importStream } from '../../../src/engine/docker/import.js';
import { inspectImage, removeImage } from '../../../src/engine/docker/images.js';
import { busyboxRootfs, importBusybox, uniqueRef } from './helpers/busybox.js';
import { describeEngines } from '../../helpers/podman.js';

const BUILD = `commit-test-${randomBytes(4).toString('hex')}`;

// Each value would change meaning if it were written into Dockerfile text unescaped.
const HOSTILE: ConfigChanges = {
  cmd: ['/bin/echo', 'a\\'],
  entrypoint: [],
  env: ['GREETING=say "hi" $HOME \\', 'EMPTY='],
  exposedPorts: ['8080/tcp'],
  user: 'root\\',
  workdir: '/app dir/$HOME\\',
  volumes: ['/data\\', '/v $x'],
  labels: { 'org.example.note': 'a\\', 'org.example.q': '"$(id)" `id`' },
};

function expectHostileConfig(config: Awaited<ReturnType<typeof inspectImage>>['config']): void {
  expect(config.User).toBe('root\\');
  expect(config.WorkingDir).toBe('/app dir/$HOME\\');
  expect(config.Env).toEqual(expect.arrayContaining(['GREETING=say "hi" $HOME \\', 'EMPTY=']));
  expect(config.Cmd).toEqual(['/bin/echo', 'a\\']);
  expect(Object.keys(config.Volumes ?? {}).sort()).toEqual(['/data\\', '/v $x']);
  expect(config.Labels?.['org.example.note']).toBe('a\\');
  expect(config.Labels?.['org.example.q']).toBe('"$(id)" `id`');
}

describeEngines('commit and import config values', (engine) => {
  const images: string[] = [];
  const containers: string[] = [];
  let image = '';

  beforeAll(async () => {
    image = uniqueRef('commit-base');
    await importBusybox(engine().docker, image);
    images.push(image);
  });

  afterAll(async () => {
    const { docker } = engine();
    for (const c of containers) await removeContainer(docker, c, { force: true }).catch(() => undefined);
    for (const i of images.reverse()) await removeImage(docker, i, { force: true }).catch(() => undefined);
  });

  it('commit: values with a trailing backslash, $ and quotes arrive as typed; our labels are intact', async () => {
    const { docker } = engine();
    const id = await createContainer(docker, { image, labels: gentooWbLabels({ version: '0.0.0-test', role: 'builder', buildId: BUILD }), network: 'none', cmd: ['/bin/true'] });
    containers.push(id);
    const tag = uniqueRef('committed');
    await commitContainer(docker, id, { tag, pause: false, config: HOSTILE, labels: gentooWbLabels({ version: '0.1.0', role: 'result', buildId: BUILD }) });
    images.push(tag);
    const details = await inspectImage(docker, tag);
    expectHostileConfig(details.config);
    expect(details.labels[LABEL.version]).toBe('0.1.0');
    expect(details.labels[LABEL.role]).toBe('result');
  });

  it('import: the same values through changes (the only form the API takes) arrive as typed', async () => {
    const { docker } = engine();
    const tag = uniqueRef('imported');
    const changes = changesFor(HOSTILE, await engineKindFor(docker));
    await importStream(docker, Readable.from([await busyboxRootfs()]), { tag, changes });
    images.push(tag);
    expectHostileConfig((await inspectImage(docker, tag)).config);
  });
});
