// Finish handler: the ROOT check. The tree streams out of the stopped builder; every ELF file must
// find its loader and libraries inside it. Missing ones fail the build before an image exists,
// naming the file and the library (the breakage a scratch image otherwise shows only at run time).
import { checkRoot, describeMissing, rootCheckFailure } from '../../../core/elf/root-check.js';
import type { FinishStep } from '../../../core/plan/plan-types.js';
import type { FinishContext } from '../finish-context.js';
import { openTreeArchive } from './tree-archive.js';
import { scanTree } from './tree-scan.js';

/** LD_LIBRARY_PATH the image will run with (the recipe's ENV), split into folders. */
function imageLibraryPath(ctx: FinishContext): string[] {
  for (const step of ctx.plan.finish) {
    if ('config' in step) return (step.config.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  }
  return [];
}

/** Check the tree at `step.path`; records the result in extras.rootCheck and throws on missing libraries. */
export async function rootCheck(ctx: FinishContext, step: Extract<FinishStep, { kind: 'root-check' }>): Promise<void> {
  const scan = await scanTree(await openTreeArchive(ctx.docker, ctx.containerId, step.path));
  const result = checkRoot({ tree: scan.tree, loaderConfig: scan.loaderConfig, libraryPath: imageLibraryPath(ctx), unreadable: scan.unreadable });
  ctx.extras.rootCheck = { files: scan.files, bytes: scan.bytes, ...result };
  const t = Date.now();
  const lines = [`ROOT check: ${scan.files} files, ${result.elfFiles} ELF, ${result.checked} dynamically linked; ${result.missing.length === 0 ? 'every library found' : `${result.missing.length} missing`}`];
  for (const m of result.missing) lines.push(`ROOT check: ${describeMissing(m)}`);
  for (const u of result.unreadable) lines.push(`ROOT check: could not read ${u.file} (${u.problem}); not checked`);
  ctx.emit(lines.map((text) => ({ type: 'log' as const, text, t })));
  const failure = rootCheckFailure(result);
  if (failure) throw new Error(failure);
}
