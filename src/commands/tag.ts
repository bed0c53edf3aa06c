// `gentoo-wb tag SRC DST`: give an image another name.
import type { Command } from 'commander';
import { connectForCommand, runCommand, type EngineFlags } from './output.js';
import { UsageError } from './usage-error.js';

/** Register `tag` on the program. */
export function register(program: Command): void {
  program
    .command('tag')
    .description('give image SRC the additional name DST (NAME[:TAG])')
    .argument('<src>', 'image name or ID')
    .argument('<dst>', 'new name, NAME[:TAG]')
    .action(async (src: string, dst: string, _opts: EngineFlags, command: Command) => {
      const opts = command.optsWithGlobals<EngineFlags>();
      await runCommand(async () => {
        const [{ tagImage }, { invalidTagReason, withDefaultTag }] = await Promise.all([import('../engine/docker/images.js'), import('../engine/docker/image-ref.js')]);
        const reason = invalidTagReason(dst);
        if (reason !== null) throw new UsageError(`cannot tag as ${dst}: ${reason}`);
        const { docker } = await connectForCommand(opts, 'basics');
        await tagImage(docker, src, dst);
        process.stdout.write(`${withDefaultTag(dst)}\n`);
      });
    });
}
