// A tiny runnable image for probe tests, made here without a registry: the host's static busybox
// with /bin/sh pointing at it.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { packTar } from '../../helpers/tar-entries.js';

async function rootfs(): Promise<Buffer> {
  const busybox = readFileSync('/bin/busybox');
  return packTar((pack) => {
    pack.entry({ name: 'bin/', type: 'directory', mode: 0o755 });
    pack.entry({ name: 'bin/busybox', type: 'file', mode: 0o755, size: busybox.length }, busybox);
    pack.entry({ name: 'bin/sh', type: 'symlink', linkname: 'busybox', mode: 0o777 });
    pack.entry({ name: 'tmp/', type: 'directory', mode: 0o1777 });
  });
}

/** Import the image under a name of its own; returns the reference. */
export async function importProbeImage(docker: Dockerode): Promise<string> {
  const repo = `gwb-test-${randomBytes(4).toString('hex')}/host-probe`;
  const stream = await docker.importImage(Readable.from([await rootfs()]) as unknown as NodeJS.ReadableStream, { repo, tag: 'busybox' });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
  return `${repo}:busybox`;
}
