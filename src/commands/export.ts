// `gentoo-wb export IMAGE -o FILE [--flatten] [--gzip]`: a `docker load`-able archive, written
// atomically. Options become an ExportRequest first, so later ones (--compress zstd, --sbom,
// --dockerfile) extend the request and its checks without touching the flow.
import type { Command } from 'commander';
import { connectForCommand, createProgress, humanSize, printJson, runCommand, type EngineFlags } from './output.js';
import { UsageError } from './usage-error.js';

interface ExportCommandOptions extends EngineFlags {
  output?: string;
  flatten?: boolean;
  gzip?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** What the user asked for, checked. */
export interface ExportRequest {
  image: string;
  output: string;
  flatten: boolean;
  compression: 'none' | 'gzip';
}

/** Turn options into a request, or explain the usage mistake. */
export function exportRequestFrom(image: string, opts: ExportCommandOptions): ExportRequest {
  if (!opts.output) throw new UsageError('export needs -o FILE (the archive to write)');
  if (opts.output === '-') throw new UsageError('export writes a file (atomically); "-" for stdout is not supported');
  return { image, output: opts.output, flatten: opts.flatten === true, compression: opts.gzip ? 'gzip' : 'none' };
}

/** Register `export` on the program. */
export function register(program: Command): void {
  program
    .command('export')
    .description('write an image to a loadable archive (docker/podman load), optionally flattened to one layer')
    .argument('<image>', 'image name or ID')
    .option('-o, --output <file>', 'the archive to write (appears only when complete)')
    .option('--flatten', 'squash to one layer, keeping CMD, ENTRYPOINT, ENV, EXPOSE, USER, WORKDIR, VOLUME and labels')
    .option('--gzip', 'gzip the archive (docker load and gentoo-wb load read it)')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress lines')
    .action(async (image: string, _opts: ExportCommandOptions, command: Command) => {
      const opts = command.optsWithGlobals<ExportCommandOptions>();
      await runCommand(async (signal) => {
        const request = exportRequestFrom(image, opts);
        const [{ exportImage }, { appVersion }] = await Promise.all([import('../engine/docker/export.js'), import('../engine/app-info.js')]);
        const { docker } = await connectForCommand(opts);
        const progress = createProgress(process.stderr, { quiet: opts.quiet === true || opts.json === true });
        const result = await exportImage(docker, request.image, {
          output: request.output,
          flatten: request.flatten,
          compression: request.compression,
          toolVersion: appVersion(),
          signal,
          onStep: (step) => progress.step(step === 'flatten' ? `flattening ${request.image} to one layer` : `writing ${request.output}`),
          onProgress: (_step, p) => progress.update(p.bytes, p.totalBytes),
        });
        progress.done(`wrote ${result.file} (${humanSize(result.fileBytes)}${result.flattened ? ', one layer' : `, ${result.layers} layers`})`);
        for (const field of result.lost) process.stderr.write(`gentoo-wb: warning: ${field} could not be carried into the flattened image\n`);
        if (opts.json) printJson(result);
      });
    });
}
