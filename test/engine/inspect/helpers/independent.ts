// An independent view of an image for checking the inspection: the engine's container export (one
// flat tar of the final file system, nothing of ours in between) read into path → size and the
// package database's CONTENTS, counted the simple way.
import type Dockerode from 'dockerode';
import { createContainer, removeContainer } from '../../../../src/engine/docker/containers.js';
import { entryPath, tarEntries } from '../../../helpers/tar-entries.js';

export interface FlatImage {
  /** Absolute path → size (files: length; symlinks: target length). */
  sizes: Map<string, number>;
  /** cat/pf → the obj/sym paths of its CONTENTS. */
  contents: Map<string, string[]>;
}

/** Read an image's final file system through a container export. */
export async function flatImage(docker: Dockerode, image: string, labels: Record<string, string>): Promise<FlatImage> {
  const id = await createContainer(docker, { image, labels, cmd: ['/bin/true'], network: 'none' });
  try {
    const stream = await docker.getContainer(id).export();
    const sizes = new Map<string, number>();
    const contents = new Map<string, string[]>();
    for await (const { header: h, body } of tarEntries(stream)) {
      const path = `/${entryPath(h.name)}`;
      if (h.type === 'file') sizes.set(path, h.size ?? 0);
      else if (h.type === 'symlink') sizes.set(path, Buffer.byteLength(h.linkname ?? ''));
      const m = /^\/var\/db\/pkg\/([^/]+\/[^/]+)\/CONTENTS$/.exec(path);
      if (m) {
        const owned = body.toString('utf8').split('\n').flatMap((line) => {
          const obj = /^obj (.+) [0-9a-f]{32} \d+$/.exec(line);
          const sym = /^sym (.+?) -> .+ \d+$/.exec(line);
          return obj ? [obj[1]!] : sym ? [sym[1]!] : [];
        });
        contents.set(m[1]!, owned);
      }
    }
    return { sizes, contents };
  } finally {
    await removeContainer(docker, id, { force: true }).catch(() => undefined);
  }
}

/** Bytes of the distinct paths some package owns that the image holds. */
export function ownedBytes(flat: FlatImage, packages?: string[]): number {
  const paths = new Set<string>();
  for (const [cpv, owned] of flat.contents) if (!packages || packages.includes(cpv)) for (const p of owned) paths.add(p);
  let sum = 0;
  for (const p of paths) sum += flat.sizes.get(p) ?? 0;
  return sum;
}
