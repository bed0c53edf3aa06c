// What `gentoo-wb export` was asked for: its options, and the ExportRequest they become, checked
// (names, compression, files that exist) before anything runs.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
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
  force?: boolean;
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

/** The compression a file name asks for by its extension (.gz/.tgz, .zst/.tzst), or null. */
function compressionOfName(file: string): ExportCompression | null {
  if (/\.(t?gz|gzip)$/i.test(file)) return 'gzip';
  if (/\.(t?zst|zstd)$/i.test(file)) return 'zstd';
  return null;
}

function compressionFrom(opts: ExportCommandOptions, output: string): ExportCompression {
  const named = opts.compress?.toLowerCase();
  if (named !== undefined && named !== 'gzip' && named !== 'zstd' && named !== 'none') throw new UsageError(`--compress takes gzip or zstd, not "${opts.compress}"`);
  if (opts.gzip && named !== undefined && named !== 'gzip') throw new UsageError(`--gzip and --compress ${named} contradict each other; --gzip is --compress gzip`);
  const chosen = opts.gzip ? 'gzip' : (named as ExportCompression | undefined);
  const byName = compressionOfName(output);
  // A .gz name holding a plain tar (or the other way round) fails later, in someone else's `docker load`.
  if (chosen !== undefined && byName !== null && chosen !== byName) {
    throw new UsageError(`${output} names a ${byName} file but --compress ${chosen} was asked for: rename the file or drop the option`);
  }
  return chosen ?? byName ?? 'none';
}

/**
 * Every file the export will write: its folder must exist and be writable, it must not be a folder,
 * and an existing file is replaced only with --force — all checked before any work starts.
 */
function checkOutputFiles(files: { file: string; what: string }[], force: boolean): void {
  for (const { file, what } of files) {
    const dir = path.dirname(path.resolve(file));
    const dirStat = statSync(dir, { throwIfNoEntry: false });
    if (!dirStat) throw new UsageError(`cannot write the ${what} ${file}: the folder ${dir} does not exist`);
    if (!dirStat.isDirectory()) throw new UsageError(`cannot write the ${what} ${file}: ${dir} is not a folder`);
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      throw new UsageError(`cannot write the ${what} ${file}: the folder ${dir} is not writable`);
    }
    const existing = statSync(file, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new UsageError(`cannot write the ${what} to ${file}: it is a folder; give a file name`);
    if (existing && !force) throw new UsageError(`${file} exists; add --force to replace it (the ${what} is written beside it first and replaces it only when complete)`);
  }
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
  const named = [
    { file: opts.output, what: 'archive' },
    { file: opts.sbom, what: 'SBOM' },
    { file: opts.dockerfile, what: 'Dockerfile' },
    { file: opts.recipe, what: 'recipe' },
  ].filter((f): f is { file: string; what: string } => f.file !== undefined);
  if (new Set(named.map((f) => path.resolve(f.file))).size !== named.length) throw new UsageError('the archive, --sbom, --dockerfile and --recipe must be different files');
  const compression = compressionFrom(opts, opts.output);
  checkOutputFiles(named, opts.force === true);
  return {
    image,
    output: opts.output,
    flatten: opts.flatten === true,
    compression,
    sbom: opts.sbom ? { file: opts.sbom, format: sbomFormatFrom(opts) } : null,
    dockerfile: opts.dockerfile ?? null,
    recipe: opts.recipe ?? null,
  };
}
