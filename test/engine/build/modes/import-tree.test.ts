// Scratch's last step on the real engine: the tree at /destination of a builder is re-homed and
// imported as the image (long PAX names, hard links, links, modes kept; the folder itself left out),
// and a tree archive that breaks off fails the import instead of making an image of what came before.
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildState } from '../../../../src/core/build/build-record.js';
import { gentooWbLabels } from '../../../../src/core/labels.js';
import type { BuildPlan, FinishStep } from '../../../../src/core/plan/plan-types.js';
import type { FinishContext } from '../../../../src/engine/build/finish-context.js';
import { importTree } from '../../../../src/engine/build/modes/import-tree.js';
import { createContainer, execCapture, imageExists, removeContainer, removeImage, startContainer } from '../../../../src/engine/docker/index.js';
import { describeDocker, testDocker } from '../../../helpers/docker.js';
import { tarFiles } from '../../../helpers/tar-entries.js';
import { importBusybox, uniqueRef } from '../../docker/helpers/busybox.js';

const labels = gentooWbLabels({ version: '0.0.0-test', role: 'builder', buildId: 'import-tree-test' });
const longDir = `usr/share/${'deep/'.repeat(60)}`;
// The builder's tree, made in the container by a fixed script: a program, a hard link to it, a link,
// and a file under a path too long for a plain tar header.
const MAKE_TREE = `mkdir -p /destination/usr/bin /destination/${longDir} && printf 'ELF?' > /destination/usr/bin/hello && chmod 0755 /destination/usr/bin/hello`
  + ` && ln /destination/usr/bin/hello /destination/usr/bin/hi && ln -s usr/lib64 /destination/lib64 && printf deep > /destination/${longDir}file.txt`;

interface Facts { type: string; linkname: string | null; body: string; mode: number }

/** The archive's entries by path, with what this test checks of each. */
const entries = (archive: Readable | Buffer): Promise<Map<string, Facts>> => tarFiles(archive, ({ header: h, body }) => (
  { type: h.type ?? 'file', linkname: h.linkname ?? null, body: body.toString('latin1'), mode: (h.mode ?? 0) & 0o7777 }
));

describeDocker('importTree (scratch: the tree alone becomes the image)', () => {
  const busybox = uniqueRef('busybox-import-tree');
  const images: string[] = [busybox];
  const containers: string[] = [];
  let builder = '';

  beforeAll(async () => {
    const docker = testDocker();
    await importBusybox(docker, busybox);
    builder = await createContainer(docker, { image: busybox, labels, cmd: ['/bin/sleep', '300'], network: 'none' });
    containers.push(builder);
    await startContainer(docker, builder);
    const made = await execCapture(docker, builder, { argv: ['/bin/sh', '-c', MAKE_TREE] });
    expect(made.exitCode, made.stderr.toString()).toBe(0);
  });

  afterAll(async () => {
    const docker = testDocker();
    for (const id of containers) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    for (const ref of images.reverse()) await removeImage(docker, ref, { force: true }).catch(() => undefined);
  });

  function context(docker: Dockerode, tag: string): FinishContext & { events: unknown[] } {
    images.push(tag);
    const events: unknown[] = [];
    const plan = { tags: [tag], recipeHash: '0'.repeat(64), mode: 'scratch' } as unknown as BuildPlan;
    const state = { id: `import-tree-${tag.slice(9, 17)}`, image: null } as unknown as BuildState;
    return { docker, containerId: builder, plan, state, baseImageId: busybox, emit: (e) => events.push(...e), save: async () => undefined, smokeTest: null, extras: {}, events };
  }

  const step: Extract<FinishStep, { kind: 'import-tree' }> = { kind: 'import-tree', id: 'import', title: 'import the tree', path: '/destination', config: { tags: [], env: {}, expose: [], volumes: [], labels: {}, cmd: ['/usr/bin/hello'] } };

  it('re-homes every entry (long PAX names and hard links included) and leaves the folder itself out', async () => {
    const docker = testDocker();
    const ctx = context(docker, uniqueRef('scratch-result'));
    await importTree(ctx, step);
    expect(ctx.state.image?.tags).toEqual(ctx.plan.tags);
    const details = await docker.getImage(ctx.state.image!.id).inspect();
    expect(details.RootFS.Layers).toHaveLength(1);
    expect(details.Config.Cmd).toEqual(['/usr/bin/hello']);

    // The image's one layer, as the engine saves it: what the import wrote, nothing a container adds.
    const saved = await entries(await docker.getImage(ctx.state.image!.id).get() as unknown as Readable);
    const layerName = [...saved.keys()].find((n) => n.endsWith('layer.tar'))!;
    const files = await entries(Buffer.from(saved.get(layerName)!.body, 'latin1'));
    expect([...files.keys()].filter((n) => n === 'destination' || n.startsWith('destination/'))).toEqual([]);
    const deepDirs = Array.from({ length: 60 }, (_, i) => `usr/share/${'deep/'.repeat(i + 1).slice(0, -1)}`);
    expect([...files.keys()].sort()).toEqual(['lib64', 'usr', 'usr/bin', 'usr/bin/hello', 'usr/bin/hi', 'usr/share', ...deepDirs, `${longDir}file.txt`].sort());
    expect(files.get('lib64')).toMatchObject({ type: 'symlink', linkname: 'usr/lib64' });
    // One holds the bytes, the other is a hard link to it (which of the two comes first is the engine's walk).
    const [file, link] = ['usr/bin/hello', 'usr/bin/hi'].sort((a, b) => (files.get(a)!.type === 'link' ? 1 : 0) - (files.get(b)!.type === 'link' ? 1 : 0));
    expect(files.get(file!)).toMatchObject({ type: 'file', body: 'ELF?', mode: 0o755 });
    expect(files.get(link!)).toMatchObject({ type: 'link', linkname: file });
    expect(files.get(`${longDir}file.txt`)).toMatchObject({ type: 'file', body: 'deep' });
  }, 60_000);

  it('a tree archive that breaks off fails the import instead of making an image of what came before', async () => {
    const real = testDocker();
    // The engine's connection breaks off 700 bytes into the tree archive; everything else is the real engine.
    const docker = Object.create(real) as Dockerode;
    docker.getContainer = (id: string) => {
      const container = real.getContainer(id);
      const getArchive = container.getArchive.bind(container);
      return Object.assign(Object.create(container) as Dockerode.Container, {
        getArchive: async (options: { path: string }) => {
          const whole = (await getArchive(options)) as unknown as Readable;
          let kept = Buffer.alloc(0);
          for await (const c of whole) kept = Buffer.concat([kept, c as Buffer]);
          return Readable.from([kept.subarray(0, 700)]);
        },
      });
    };
    const ctx = context(docker, uniqueRef('scratch-cut'));
    await expect(importTree(ctx, step)).rejects.toThrow(/Unexpected end of data/);
    expect(ctx.state.image).toBeNull();
    expect(await imageExists(real, ctx.plan.tags[0]!)).toBe(false);
  }, 60_000);
});
