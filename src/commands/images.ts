// `gentoo-wb images`: local images with tags, size, age and labels; JSON for scripts.
import type { Command } from 'commander';
import { formatTable, humanAge, humanSize, printJson, runCommand, connectForCommand, type EngineFlags } from './output.js';
import { shortId } from '../core/format/short-id.js';

interface ImagesOptions extends EngineFlags {
  json?: boolean;
  ours?: boolean;
}

/** Register `images` on the program. */
export function register(program: Command): void {
  program
    .command('images')
    .description('list local images (tags, size, created, labels)')
    .option('--json', 'print [{id, tags, size, created, labels}] for scripts (size in bytes, created in ISO 8601)')
    .option('--ours', 'only images made by gentoo-wb (org.gentoo-wb.* labels)')
    .option('--engine <name>', 'list the images of this configured engine (`gentoo-wb engines list`)')
    .action(async (_opts: ImagesOptions, command: Command) => {
      const opts = command.optsWithGlobals<ImagesOptions>();
      await runCommand(async () => {
        const [{ listImages }, { gentooWbLabelFilters }] = await Promise.all([import('../engine/docker/images.js'), import('../core/labels.js')]);
        const { docker } = await connectForCommand(opts, 'basics');
        const images = await listImages(docker, opts.ours ? { labels: gentooWbLabelFilters() } : {});
        if (opts.json) {
          printJson(images.map(({ id, tags, size, created, labels }) => ({ id, tags, size, created, labels })));
          return;
        }
        const rows = images.flatMap((i) => (i.tags.length > 0 ? i.tags : ['<none>']).map((tag) => [
          tag, shortId(i.id), humanAge(i.created), humanSize(i.size),
        ]));
        process.stdout.write(formatTable(['IMAGE', 'ID', 'CREATED', 'SIZE'], rows));
      });
    });
}
