// `gentoo-wb export IMAGE -o FILE [--flatten] [--compress gzip|zstd] [--sbom FILE] [--dockerfile FILE]
// [--recipe FILE]`: a `docker load`-able archive, written atomically, and beside it the recipe, a
// Dockerfile that reproduces the build, and an SBOM. Options become an ExportRequest first
// (export-request.ts, checked before anything runs); the body is in export-command.ts.
import type { Command } from 'commander';
import { exportRequestFrom, type ExportCommandOptions } from './export-request.js';

/** Register `export` on the program. */
export function register(program: Command): void {
  program
    .command('export')
    .description('write an image to a loadable archive (docker/podman load), optionally flattened and compressed, with its recipe, a Dockerfile and an SBOM beside it')
    .argument('<image>', 'image name or ID')
    .option('-o, --output <file>', 'the archive to write (appears only when complete)')
    .option('--flatten', 'squash to one layer, keeping CMD, ENTRYPOINT, ENV, EXPOSE, USER, WORKDIR, VOLUME and labels')
    .option('--compress <kind>', 'gzip or zstd (zstd needs the zstd command); by default the -o name decides (.gz, .tgz, .zst)')
    .option('--gzip', 'the same as --compress gzip')
    .option('--sbom <file>', 'also write an SBOM: every package with version, USE, licence and size')
    .option('--sbom-format <format>', 'cyclonedx (1.5 JSON, the default) or spdx (2.3 JSON; also chosen by a .spdx.json name)')
    .option('--dockerfile <file>', 'also write a Dockerfile that reproduces the build without gentoo-wb')
    .option('--recipe <file>', 'also write the recipe the image was built from')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress lines')
    .option('--force', 'replace files that already exist')
    .option('--engine <name>', 'export an image of this configured engine (`gentoo-wb engines list`)')
    .action(async (image: string, _opts: ExportCommandOptions, command: Command) => {
      const opts = command.optsWithGlobals<ExportCommandOptions>();
      const request = exportRequestFrom(image, opts);
      const { runExportCommand } = await import('./export-command.js');
      await runExportCommand(request, opts);
    });
}
