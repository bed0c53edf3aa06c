// A runnable image without a registry: Debian's static busybox plus its applet links, packed into
// a root file system tarball in the test and imported.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, inject } from 'vitest';
import { removeImage } from '../../../../src/engine/docker/images.js';
import { importStream } from '../../../../src/engine/docker/import.js';
import { Readable } from 'node:stream';
import { testDocker } from '../../../helpers/docker.js';
import { packTar } from '../../../helpers/tar-entries.js';
import { TEST_IMAGE_LABEL } from '../../../helpers/test-image-label.js';

export const BUSYBOX = '/usr/bin/busybox';

/** Extra things to put in the root file system. */
export interface RootfsFile { name: string; content: string | Buffer; mode?: number; uid?: number; gid?: number }

let applets: string[] | undefined;

function busyboxApplets(): string[] {
  applets ??= spawnSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter((a) => a !== '' && a !== 'busybox');
  return applets;
}

/** A tar of a minimal root: /bin/busybox, /bin/<applet> links, /etc/passwd, /tmp, plus `extra`. */
export function busyboxRootfs(extra: RootfsFile[] = []): Promise<Buffer> {
  return packTar((pack) => {
    const mtime = new Date('2026-01-01T00:00:00Z');
    for (const d of ['bin', 'etc', 'root', 'var', 'usr']) pack.entry({ name: `${d}/`, type: 'directory', mode: 0o755, mtime });
    pack.entry({ name: 'tmp/', type: 'directory', mode: 0o1777, mtime });
    const bin = readFileSync(BUSYBOX);
    pack.entry({ name: 'bin/busybox', type: 'file', mode: 0o755, size: bin.length, mtime }, bin);
    for (const a of busyboxApplets()) pack.entry({ name: `bin/${a}`, type: 'symlink', linkname: 'busybox', mode: 0o777, mtime });
    const passwd = 'root:x:0:0:root:/root:/bin/sh\nportage:x:250:250:portage:/var/tmp/portage:/bin/false\nnobody:x:65534:65534:nobody:/:/bin/false\n';
    const group = 'root:x:0:\nportage:x:250:\nnogroup:x:65534:\n';
    pack.entry({ name: 'etc/passwd', type: 'file', mode: 0o644, mtime }, passwd);
    pack.entry({ name: 'etc/group', type: 'file', mode: 0o644, mtime }, group);
    const dirs = new Set<string>();
    for (const f of extra) {
      const parts = f.name.split('/').slice(0, -1);
      for (let i = 1; i <= parts.length; i++) {
        const d = parts.slice(0, i).join('/');
        if (!dirs.has(d) && !['bin', 'etc', 'root', 'var', 'usr', 'tmp'].includes(d)) {
          dirs.add(d);
          pack.entry({ name: `${d}/`, type: 'directory', mode: 0o755, mtime });
        }
      }
      const body = typeof f.content === 'string' ? Buffer.from(f.content) : f.content;
      pack.entry({ name: f.name, type: 'file', mode: f.mode ?? 0o644, size: body.length, uid: f.uid ?? 0, gid: f.gid ?? 0, mtime }, body);
    }
  });
}

/** A name no other test run (or colleague) uses: `gwb-test-<random>/<what>:<tag>`. */
export function uniqueRef(what: string, tag = 'test'): string {
  return `gwb-test-${randomBytes(4).toString('hex')}/${what}:${tag}`;
}

/** Import a busybox root as an image; returns its ID. */
export async function importBusybox(docker: Dockerode, tag: string, changes: string[] = ['CMD ["/bin/sh"]'], extra: RootfsFile[] = []): Promise<string> {
  const tarball = await busyboxRootfs(extra);
  const labelled = [...changes, `LABEL ${TEST_IMAGE_LABEL.run}=${inject('namespace')}`, `LABEL ${TEST_IMAGE_LABEL.ref}=${tag}`];
  const result = await importStream(docker, Readable.from([tarball]), { tag, changes: labelled });
  return result.id;
}

/** A busybox image of the calling describe block's own on the test engine: imported before its tests, removed after them. */
export function useBusyboxImage(what: string): () => string {
  let ref = '';
  beforeAll(async () => {
    ref = uniqueRef(what);
    await importBusybox(testDocker(), ref);
  });
  afterAll(async () => {
    if (ref) await removeImage(testDocker(), ref, { force: true }).catch(() => undefined);
  });
  return () => ref;
}
