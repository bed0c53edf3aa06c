// `gentoo-wb copy IMAGE --from A --to B`: an image from one engine to another (save | load, streamed).
// Light at load time: the work is in copy-command.ts.
import type { Command } from 'commander';
import type { CopyFlags } from './copy-command.js';

/** Register `copy` on the program. */
export function register(program: Command): void {
  program
    .command('copy')
    .description('copy an image between engines (docker save | docker load, streamed, tags kept)')
    .argument('<image>', 'image name or ID on the source engine')
    .requiredOption('--from <engine>', 'a configured engine (`gentoo-wb engines list`), or "local" for the default one')
    .requiredOption('--to <engine>', 'a configured engine, or "local" for the default one')
    .option('-q, --quiet', 'no progress line')
    .option('--json', 'print {image, tags, bytes, seconds, copied} for scripts')
    .action(async (image: string, _opts: CopyFlags, command: Command) => {
      const { runCopyCommand } = await import('./copy-command.js');
      await runCopyCommand(image, command.optsWithGlobals<CopyFlags>());
    });
}
