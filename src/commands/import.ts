// `gentoo-wb import FILE --tag NAME [--change '…']…`: a root file system tarball (.tar, .tar.gz,
// .tar.xz — a stage3, or `docker export` output) becomes a tagged image.
import type { Command } from 'commander';
import { connectForCommand, createProgress, humanSize, printJson, runCommand, type EngineFlags } from './output.js';
import { UsageError } from './usage-error.js';

interface ImportCommandOptions extends EngineFlags {
  tag: string;
  change?: string[];
  message?: string;
  json?: boolean;
  quiet?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Register `import` on the program. */
export function register(program: Command): void {
  program
    .command('import')
    .description('import a root file system tarball (.tar, .tar.gz, .tar.xz) as an image')
    .argument('<file>', 'the tarball')
    .requiredOption('-t, --tag <name>', 'name for the image, NAME[:TAG]')
    .option('-c, --change <instruction>', 'Dockerfile instruction to apply: CMD, ENTRYPOINT, ENV, EXPOSE, USER, WORKDIR, VOLUME, LABEL, ONBUILD (repeatable)', collect)
    .option('-m, --message <text>', 'commit message for the image history')
    .option('--json', 'print {id, tag, bytes} when done')
    .option('-q, --quiet', 'no progress, only the image ID')
    .action(async (file: string, _opts: ImportCommandOptions, command: Command) => {
      const opts = command.optsWithGlobals<ImportCommandOptions>();
      await runCommand(async (signal) => {
        const [{ importTarball }, { checkChange, changesFor }, { invalidTagReason }, { gentooWbLabels }, { appVersion }] = await Promise.all([
          import('../engine/docker/import.js'),
          import('../engine/docker/image-changes.js'),
          import('../engine/docker/image-ref.js'),
          import('../core/labels.js'),
          import('../engine/app-info.js'),
        ]);
        const reason = invalidTagReason(opts.tag);
        if (reason !== null) throw new UsageError(`--tag ${opts.tag}: ${reason}`);
        const changes: string[] = [];
        for (const raw of opts.change ?? []) {
          const checked = checkChange(raw);
          if (!checked.ok) throw new UsageError(`--change: ${checked.message}`);
          changes.push(checked.change);
        }
        const { docker, basics } = await connectForCommand(opts, 'basics');
        // Every image gentoo-wb makes carries our labels; an imported one is the user's to keep.
        changes.push(...changesFor({ labels: gentooWbLabels({ version: appVersion(), role: 'imported' }) }, basics.kind));
        const progress = createProgress(process.stderr, { quiet: opts.quiet === true || opts.json === true });
        progress.step(`importing ${file}`);
        const result = await importTarball(docker, file, {
          tag: opts.tag, changes, signal,
          ...(opts.message ? { message: opts.message } : {}),
          onProgress: (p) => progress.update(p.bytes, p.totalBytes),
        });
        progress.done(`imported ${humanSize(result.bytes)} as ${opts.tag}`);
        if (opts.json) printJson(result);
        else process.stdout.write(`${result.id}\n`);
      });
    });
}
