// Scratch: the image is the destination tree and nothing else. The tree streams out of the stopped
// builder, its leading folder is cut off each name, and the re-packed archive streams into import
// with the recipe's config — no temporary file, no copy of the builder.
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import type { FinishStep } from '../../../core/plan/plan-types.js';
import type { FinishContext } from '../finish-context.js';
import { importResult } from './result-image.js';
import { forEachTreeEntry, inTreePath, openTreeArchive } from './tree-archive.js';

/** A header renamed into the image root; PAX path overrides are dropped (they would restore the old name). */
function rehome(header: tar.Header, path: string, linkPath: string | null): tar.Header {
  const pax: Record<string, string> = { ...((header.pax ?? {}) as Record<string, string>) };
  delete pax.path;
  delete pax.linkpath;
  const name = header.type === 'directory' ? `${path.slice(1)}/` : path.slice(1);
  const linkname = header.type === 'link' ? (linkPath ?? inTreePath(header.linkname ?? '')).slice(1) : header.linkname;
  return { ...header, name, linkname, pax: Object.keys(pax).length > 0 ? pax : null };
}

/** The tree as a tar stream with names relative to the tree. */
function retarTree(archive: Readable): Readable {
  const pack = tar.pack();
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  pack.on('error', (err) => out.destroy(err));
  pack.pipe(out);
  void forEachTreeEntry(archive, async (entry) => {
    if (entry.path === '/') {
      entry.stream.resume();
      return;
    }
    const header = rehome(entry.header, entry.path, entry.linkPath);
    if (header.type === 'file' || header.type === 'contiguous-file') {
      await pipeline(entry.stream, pack.entry(header));
    } else {
      entry.stream.resume();
      await new Promise<void>((resolve, reject) => pack.entry(header, (err) => (err ? reject(err) : resolve())));
    }
  }).then(
    () => pack.finalize(),
    (err: Error) => {
      archive.destroy();
      out.destroy(err);
    },
  );
  out.on('close', () => archive.destroy());
  return out;
}

/** Finish handler: import the tree as the image. */
export async function importTree(ctx: FinishContext, step: Extract<FinishStep, { kind: 'import-tree' }>): Promise<void> {
  const archive = await openTreeArchive(ctx.docker, ctx.containerId, step.path);
  const imported = await importResult(ctx, retarTree(archive), step.config, null, `gentoo-wb build ${ctx.state.id}: ${step.path} only (scratch)`);
  ctx.emit([{ type: 'log', text: `scratch image: ${step.path} imported as ${imported.id.slice(7, 19)} (${imported.bytes} bytes of tree, nothing else from the builder)`, t: Date.now() }]);
}
