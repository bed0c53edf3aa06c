// `gentoo-wb inspect IMAGE [--json] [--layers|--packages|--dirs] [--diff OTHER]`: where every
// megabyte of an image comes from — layers, packages, directories, dive's efficiency and wasted
// bytes, the base image's share — and a diff against another image, the base or the previous build.
import type { Command } from 'commander';
import { inspectRequestFrom, type InspectFlags } from './inspect-request.js';

/** Register `inspect` on the program. */
export function register(program: Command): void {
  program
    .command('inspect')
    .description('show where the size of an image comes from: layers, packages, directories, wasted bytes, efficiency, base share')
    .argument('<image>', 'image name or ID')
    .option('--json', 'print {id, size, layers, packages, dirs, wastedBytes, efficiency, …} (sizes in bytes)')
    .option('--layers', 'only the layers: size, files added/changed/removed, created by')
    .option('--packages', 'only the packages, largest first')
    .option('--dirs', 'only the directories, largest first (see --depth)')
    .option('--depth <n>', 'directory levels for --dirs and --json (default 2, 3 with --json)')
    .option('--diff <other>', 'compare with another image, or "base" (the base image), or "previous" (the previous build of the same recipe)')
    .option('-q, --quiet', 'no progress line')
    .option('--engine <name>', 'inspect an image of this configured engine (`gentoo-wb engines list`)')
    .action(async (image: string, _opts: InspectFlags, command: Command) => {
      const flags = command.optsWithGlobals<InspectFlags>();
      const request = inspectRequestFrom(image, flags);
      const { runInspectCommand } = await import('./inspect-command.js');
      await runInspectCommand(request, flags);
    });
}
