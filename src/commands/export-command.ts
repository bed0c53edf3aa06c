// The body of `gentoo-wb export`: check what goes beside the archive first (a missing build is
// reported before the long write), export with byte progress, then the SBOM (read from the image)
// and the other files, each written atomically. Modules for the files beside are loaded only when
// some are asked for, so a plain export starts as fast as it can.
import type { ExportCommandOptions, ExportRequest } from './export-request.js';
import { connectForCommand, createProgress, humanSize, printJson, runCommand } from './output.js';
import { zstdLoadWarning } from '../core/export/zstd-load.js';

/** Run an export request. */
export async function runExportCommand(request: ExportRequest, opts: ExportCommandOptions): Promise<void> {
  await runCommand(async (signal) => {
    const wantsExtras = request.sbom !== null || request.dockerfile !== null || request.recipe !== null;
    if (request.compression === 'zstd') (await import('../engine/inspect/zstd.js')).requireZstd();
    // The engine is asked who it is while the export's modules load; kind and API version are all
    // a plain export needs of it.
    const [{ docker }, { exportImage }, { appVersion }, extras] = await Promise.all([
      connectForCommand(opts, 'basics'),
      import('../engine/docker/export.js'),
      import('../engine/app-info.js'),
      wantsExtras ? import('../engine/inspect/export-extras.js') : Promise.resolve(null),
    ]);
    if (request.compression === 'zstd') {
      const { identifyEngine } = await import('../engine/docker/engine-info.js');
      const warning = zstdLoadWarning(await identifyEngine(docker, signal));
      if (warning) process.stderr.write(`gentoo-wb: warning: ${warning}\n`);
    }
    const toolVersion = appVersion();
    const prepared = extras ? await extras.prepareExtras(docker, request.image, { recipe: request.recipe, dockerfile: request.dockerfile, sbom: request.sbom }, { toolVersion }) : null;
    const progress = createProgress(process.stderr, { quiet: opts.quiet === true || opts.json === true });
    const result = await exportImage(docker, request.image, {
      output: request.output,
      flatten: request.flatten,
      compression: request.compression,
      toolVersion,
      signal,
      onStep: (step) => progress.step(step === 'flatten' ? `flattening ${request.image} to one layer` : `writing ${request.output}`),
      onProgress: (_step, p) => progress.update(p.bytes, p.totalBytes),
    });
    progress.done(`wrote ${result.file} (${humanSize(result.fileBytes)}${result.flattened ? ', one layer' : `, ${result.layers} layer${result.layers === 1 ? '' : 's'}`})`);
    for (const field of result.lost) process.stderr.write(`gentoo-wb: warning: ${field} could not be carried into the flattened image\n`);
    const written = [];
    if (extras && prepared) {
      let inspection = null;
      if (prepared.sbom) {
        const { inspectImageContents } = await import('../engine/inspect/inspect-image.js');
        progress.step(`reading ${request.image} for the SBOM`);
        const inspected = await inspectImageContents(docker, prepared.image.id, { signal, onProgress: (p) => progress.update(p.bytes, p.totalBytes) });
        inspection = inspected.inspection;
        progress.clear();
        for (const note of inspected.notes) process.stderr.write(`gentoo-wb: note: ${note}\n`);
      }
      written.push(...(await extras.writeExtras(prepared, inspection, { toolVersion, signal })));
      for (const w of written) {
        const what = w.kind === 'sbom' ? `SBOM (${w.format === 'spdx' ? 'SPDX 2.3' : 'CycloneDX 1.5'}, ${inspection?.packages.packages.length ?? 0} packages)` : w.kind === 'dockerfile' ? 'Dockerfile' : 'recipe';
        progress.done(`wrote ${w.file} (${what}, ${humanSize(w.bytes)})`);
      }
    }
    if (opts.json) printJson({ ...result, compression: request.compression, extras: written.map((w) => ({ kind: w.kind, file: w.file, bytes: w.bytes, ...(w.format ? { format: w.format } : {}) })) });
  });
}
