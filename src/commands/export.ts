// `gentoo-wb export IMAGE -o FILE [--flatten] [--compress gzip|zstd] [--sbom FILE] [--dockerfile FILE]
// [--recipe FILE]`: a `docker load`-able archive, written atomically, and beside it the recipe, a
// Dockerfile that reproduces the build, and an SBOM. Options become an ExportRequest first, checked
// before anything runs; the body is in export-command.ts.
import type { Command } from 'commander';
import type { EngineFlags } from './output.js';
import { UsageError } from './usage-error.js';

export interface ExportCommandOptions extends EngineFlags {
  output?: string;
  flatten?: boolean;
  gzip?: boolean;
  compress?: string;
  sbom?: string;
  sbomFormat?: string;
  dockerfile?: string;
  recipe?: string;
  json?: boolean;
  quiet?: boolean;
}

export type ExportCompression = 'none' | 'gzip' | 'zstd';
export type SbomFormatOption = 'cyclonedx' | 'spdx';

/** What the user asked for, checked. */
export interface ExportRequest {
  image: string;
  output: string;
  flatten: boolean;
  compression: ExportCompression;
  sbom: { file: string; format: SbomFormatOption } | null;
  dockerfile: string | null;
  recipe: string | null;
}

function compressionFrom(opts: ExportCommandOptions): ExportCompression {
  const named = opts.compress?.toLowerCase();
  if (named !== undefined && named !== 'gzip' && named !== 'zstd' && named !== 'none') throw new UsageError(`--compress takes gzip or zstd, not "${opts.compress}"`);
  if (opts.gzip && named !== undefined && named !== 'gzip') throw new UsageError(`--gzip and --compress ${named} contradict each other; --gzip is --compress gzip`);
  if (opts.gzip) return 'gzip';
  return (named as ExportCompression | undefined) ?? 'none';
}

function sbomFormatFrom(opts: ExportCommandOptions): SbomFormatOption {
  const f = opts.sbomFormat?.toLowerCase();
  if (f === undefined) return opts.sbom && /\.spdx(\.json)?$/i.test(opts.sbom) ? 'spdx' : 'cyclonedx';
  if (f === 'cyclonedx' || f === 'cdx') return 'cyclonedx';
  if (f === 'spdx') return 'spdx';
  throw new UsageError(`--sbom-format takes cyclonedx or spdx, not "${opts.sbomFormat}"`);
}

/** Turn options into a request, or explain the usage mistake. */
export function exportRequestFrom(image: string, opts: ExportCommandOptions): ExportRequest {
  if (!opts.output) throw new UsageError('export needs -o FILE (the archive to write)');
  if (opts.output === '-') throw new UsageError('export writes a file (atomically); "-" for stdout is not supported');
  if (opts.sbomFormat && !opts.sbom) throw new UsageError('--sbom-format needs --sbom FILE');
  const files = [opts.output, opts.sbom, opts.dockerfile, opts.recipe].filter((f): f is string => f !== undefined);
  if (new Set(files).size !== files.length) throw new UsageError('the archive, --sbom, --dockerfile and --recipe must be different files');
  return {
    image,
    output: opts.output,
    flatten: opts.flatten === true,
    compression: compressionFrom(opts),
    sbom: opts.sbom ? { file: opts.sbom, format: sbomFormatFrom(opts) } : null,
    dockerfile: opts.dockerfile ?? null,
    recipe: opts.recipe ?? null,
  };
}

/** Register `export` on the program. */
export function register(program: Command): void {
  program
    .command('export')
    .description('write an image to a loadable archive (docker/podman load), optionally flattened and compressed, with its recipe, a Dockerfile and an SBOM beside it')
    .argument('<image>', 'image name or ID')
    .option('-o, --output <file>', 'the archive to write (appears only when complete)')
    .option('--flatten', 'squash to one layer, keeping CMD, ENTRYPOINT, ENV, EXPOSE, USER, WORKDIR, VOLUME and labels')
    .option('--compress <kind>', 'gzip or zstd (zstd needs the zstd command)')
    .option('--gzip', 'the same as --compress gzip')
    .option('--sbom <file>', 'also write an SBOM: every package with version, USE, licence and size')
    .option('--sbom-format <format>', 'cyclonedx (1.5 JSON, the default) or spdx (2.3 JSON; also chosen by a .spdx.json name)')
    .option('--dockerfile <file>', 'also write a Dockerfile that reproduces the build without gentoo-wb')
    .option('--recipe <file>', 'also write the recipe the image was built from')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress lines')
    .action(async (image: string, _opts: ExportCommandOptions, command: Command) => {
      const opts = command.optsWithGlobals<ExportCommandOptions>();
      const request = exportRequestFrom(image, opts);
      const { runExportCommand } = await import('./export-command.js');
      await runExportCommand(request, opts);
    });
}
