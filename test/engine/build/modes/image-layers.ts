// The files of an image's layers at the paths the engine puts into every container, read from the
// engine's image archive (a container would show the engine's own there), for flatten tests.
import { createReadStream } from 'node:fs';
import * as tar from 'tar-stream';
import { openImageArchive } from '../../../../src/engine/docker/save-load.js';
import { testDocker } from '../../../helpers/docker.js';
import { entryPath, tarEntries } from '../../../helpers/tar-entries.js';

/** What the engine puts into every container (paths inside an image layer, no leading slash). */
export const ENGINE_PATHS = ['.dockerenv', 'dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf', 'etc/mtab'] as const;

/**
 * The entries at the engine's paths in each layer of an image, bottom layer first, read from the
 * engine's image archive (not from a container, where the engine puts its own there): type and content.
 * (Docker's archive layout, `<id>/layer.tar`, as the engine of these tests writes it.) Given a file
 * instead of a name, that archive is read (one the engine saved or loaded, e.g. an export file).
 */
export async function layerEnginePaths(ref: string | { file: string }): Promise<Map<string, { type: string; content: string; linkname: string | null }>[]> {
  const archive = typeof ref === 'string' ? await openImageArchive(testDocker(), [ref]) : createReadStream(ref.file);
  const byMember = new Map<string, Map<string, { type: string; content: string; linkname: string | null }>>();
  let manifest: { Layers: string[] }[] = [];
  const outer = tar.extract();
  archive.pipe(outer);
  for await (const member of outer) {
    const name = member.header.name;
    if (name === 'manifest.json') {
      const chunks: Buffer[] = [];
      for await (const c of member) chunks.push(c as Buffer);
      manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Layers: string[] }[];
    } else if (name.endsWith('/layer.tar') && member.header.type === 'file') {
      const found = new Map<string, { type: string; content: string; linkname: string | null }>();
      for await (const { header, body } of tarEntries(member)) {
        const path = entryPath(header.name);
        if ((ENGINE_PATHS as readonly string[]).includes(path)) found.set(path, { type: header.type, content: body.toString('utf8'), linkname: header.linkname ?? null });
      }
      byMember.set(name, found);
    } else {
      member.resume();
    }
  }
  return (manifest[0]?.Layers ?? []).map((l) => byMember.get(l) ?? new Map());
}
