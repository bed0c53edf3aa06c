// Finish handler: the package database of a scratch image, captured in the builder before stripping
// (the image itself keeps no /var/db/pkg), read into the build record as extras.packages — the shape
// src/core/inspect reads back for package sizes and SBOMs — with each file's size from the capture.
import { packagesFromVdbFiles, toRecordedPackages } from '../../../core/inspect/package-db.js';
import type { FinishStep } from '../../../core/plan/plan-types.js';
import { downloadPath } from '../../docker/index.js';
import type { FinishContext } from '../finish-context.js';

/** `SIZE ./path` lines (the capture helper runs stat from ROOT) → sizes by absolute path. */
function parseSizes(text: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\d+) \.(\/.*)$/.exec(line);
    if (m) sizes.set(m[2]!, Number(m[1]));
  }
  return sizes;
}

/** Read the capture at `step.vdbPath` (pkg/ and sizes) into extras.packages. */
export async function capturePackages(ctx: FinishContext, step: Extract<FinishStep, { kind: 'capture-packages' }>): Promise<void> {
  const entries = await downloadPath(ctx.docker, ctx.containerId, step.vdbPath, { maxBytes: 512 * 1024 * 1024 });
  const vdb = new Map<string, string>();
  let sizes = new Map<string, number>();
  for (const entry of entries) {
    if (entry.type !== 'file' || !entry.content) continue;
    // Names are "capture/pkg/CAT/PF/KEY" and "capture/sizes".
    const rel = entry.path.split('/').slice(1).join('/');
    if (rel === 'sizes') sizes = parseSizes(entry.content.toString('utf8'));
    else if (rel.startsWith('pkg/')) vdb.set(`/var/db/${rel}`, entry.content.toString('utf8'));
  }
  const packages = packagesFromVdbFiles(vdb).map((p) => ({ ...p, files: p.files.map((f) => ({ path: f.path, size: sizes.get(f.path) ?? null })) }));
  if (packages.length === 0) throw new Error(`the package capture at ${step.vdbPath} holds no packages: the emerge into ROOT installed nothing, or the capture step failed`);
  ctx.extras.packages = toRecordedPackages(packages);
  const measured = packages.flatMap((p) => p.files).reduce((sum, f) => sum + (f.size ?? 0), 0);
  ctx.emit([{ type: 'log', text: `package capture: ${packages.length} packages, ${packages.reduce((n, p) => n + p.files.length, 0)} files, ${measured} bytes before stripping (kept in the build record)`, t: Date.now() }]);
}
