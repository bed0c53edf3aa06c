// The image's own versions of the engine's container files, read from its layers on the real engine:
// images built here layer by layer (whiteouts, opaque folders, a folder replaced by a link) and
// loaded, then a container's export filtered by withoutEngineFiles. The topmost version of each path
// wins, and a deletion in a layer hides what lies below it, never the layer's own entries.
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gentooWbLabels } from '../../../src/core/labels.js';
import { createContainer, removeContainer } from '../../../src/engine/docker/containers.js';
import { withoutEngineFiles } from '../../../src/engine/docker/engine-files.js';
import { removeImage } from '../../../src/engine/docker/images.js';
import { loadImages } from '../../../src/engine/docker/save-load.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { tarFiles, tarOf } from '../../helpers/tar-entries.js';
import { imageIdOf, legacyArchive } from '../inspect/helpers/archive-builder.js';
import { uniqueRef } from './helpers/busybox.js';

type Entry = Partial<tar.Header> & { name: string; body?: string };

function layer(entries: Entry[]): Promise<Buffer> {
  const mtime = new Date('2026-01-01T00:00:00Z');
  return tarOf(entries.map(({ body, ...header }) => ({ header: { mode: 0o644, mtime, ...header }, body })));
}

interface Facts { type: string; mode: number; body: string; devmajor: number; devminor: number }

/** The archive's entries by path, with what this test checks of each. */
const files = (archive: Readable): Promise<Map<string, Facts>> => tarFiles(archive, ({ header: h, body }) => (
  { type: h.type ?? 'file', mode: (h.mode ?? 0) & 0o7777, body: body.toString(), devmajor: h.devmajor ?? 0, devminor: h.devminor ?? 0 }
));

// The test's own list, so that it fails if the code's list loses one.
const ENGINE_FILES = ['.dockerenv', 'dev/console', 'etc/hostname', 'etc/hosts', 'etc/mtab', 'etc/resolv.conf'];

describeDocker('the image\'s own engine-file entries, from layers loaded into the engine', () => {
  const labels = gentooWbLabels({ version: '0.0.0-test', role: 'export-temp' });
  const images: string[] = [];
  const containers: string[] = [];
  const built: Record<'whiteouts' | 'opaqueEtc' | 'etcLink', { ref: string; id: string }> = {} as never;

  beforeAll(async () => {
    const docker = testDocker();
    const bottom = await layer([
      { name: 'bin/', type: 'directory', mode: 0o755 },
      { name: 'bin/tool', mode: 0o755, body: 'tool\n' },
      { name: 'dev/', type: 'directory', mode: 0o755 },
      { name: 'dev/console', type: 'character-device', mode: 0o600, devmajor: 5, devminor: 1 },
      { name: 'etc/', type: 'directory', mode: 0o755 },
      { name: 'etc/hosts', body: '127.0.0.1 bottom\n' },
      { name: 'etc/hostname', body: 'bottom\n' },
      { name: 'etc/resolv.conf', body: 'nameserver 10.0.0.1\n' },
      { name: '.dockerenv', mode: 0o755 },
    ]);
    const middle = await layer([
      { name: 'etc/', type: 'directory', mode: 0o755 },
      { name: 'etc/hosts', body: '127.0.0.1 middle\n' },
      { name: 'etc/.wh.hostname' },
      { name: '.wh..dockerenv' },
    ]);
    // An opaque /dev hides the lower /dev/console.
    const top = await layer([
      { name: 'dev/', type: 'directory', mode: 0o755 },
      { name: 'dev/.wh..wh..opq' },
      { name: 'etc/', type: 'directory', mode: 0o755 },
      { name: 'etc/resolv.conf', mode: 0o600, body: 'nameserver 10.0.0.2\n' },
    ]);
    // An opaque /etc hides every lower /etc entry, not the layer's own (whatever their order in its tar).
    const opaqueEtc = await layer([
      { name: 'etc/', type: 'directory', mode: 0o755 },
      { name: 'etc/hostname', body: 'own\n' },
      { name: 'etc/.wh..wh..opq' },
    ]);
    const etcLink = await layer([{ name: 'private/', type: 'directory', mode: 0o755 }, { name: 'etc', type: 'symlink', linkname: 'private/etc' }]);
    const specs = { whiteouts: [bottom, middle, top], opaqueEtc: [bottom, middle, opaqueEtc], etcLink: [bottom, etcLink] };
    for (const [name, layers] of Object.entries(specs) as [keyof typeof built, Buffer[]][]) {
      const spec = { layers, tag: uniqueRef(`engine-files-${name.toLowerCase()}`), labels };
      images.push(spec.tag);
      await loadImages(docker, Readable.from([await legacyArchive(spec)]));
      built[name] = { ref: spec.tag, id: imageIdOf(spec) };
    }
  }, 60_000);

  afterAll(async () => {
    const docker = testDocker();
    for (const id of containers) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    for (const ref of images) await removeImage(docker, ref, { force: true }).catch(() => undefined);
  });

  /** A never-started container of the image (the engine's files in it), its export filtered. */
  async function flattened(docker: Dockerode, which: keyof typeof built): Promise<Map<string, Facts>> {
    const id = await createContainer(docker, { image: built[which].ref, labels, network: 'none' });
    containers.push(id);
    const exported = await docker.getContainer(id).export() as Readable;
    return files(await withoutEngineFiles(docker, id, built[which].id, exported));
  }

  describe('withoutEngineFiles', () => {
    it('keeps the topmost version and honours whiteouts, opaque folders and folders replaced by links', async () => {
      const docker = testDocker();
      const [whiteouts, opaque, linked] = await Promise.all([flattened(docker, 'whiteouts'), flattened(docker, 'opaqueEtc'), flattened(docker, 'etcLink')]);
      const own = (fs: Map<string, Facts>) => ENGINE_FILES.filter((f) => fs.has(f));

      expect(own(whiteouts)).toEqual(['etc/hosts', 'etc/resolv.conf']);
      expect(whiteouts.get('etc/hosts')).toMatchObject({ type: 'file', body: '127.0.0.1 middle\n', mode: 0o644 });
      expect(whiteouts.get('etc/resolv.conf')).toMatchObject({ type: 'file', body: 'nameserver 10.0.0.2\n', mode: 0o600 });
      expect(whiteouts.get('bin/tool')).toMatchObject({ body: 'tool\n', mode: 0o755 });

      expect(own(opaque)).toEqual(['dev/console', 'etc/hostname']);
      expect(opaque.get('etc/hostname')?.body).toBe('own\n');
      expect(opaque.get('dev/console')).toMatchObject({ type: 'character-device', devmajor: 5, devminor: 1 });

      // The image's /etc is a link; the lower /etc/hosts and the like are not the image's any more.
      // (The container's export shows a folder there: the engine's init layer makes one.)
      expect(own(linked)).toEqual(['.dockerenv', 'dev/console']);
    }, 60_000);
  });
});
