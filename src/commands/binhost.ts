// `gentoo-wb binhost serve|status|stop`: serve the binary package cache of a CHOST/CFLAGS key over HTTP
// from a long-running labelled container, list what is served, stop it (the cache volume stays).
import type { Command } from 'commander';
import type { ServeFlags } from './binhost-command.js';
import type { EngineFlags } from './output.js';

/** Register `binhost` and its subcommands. */
export function register(program: Command): void {
  const binhost = program.command('binhost').description('serve binary packages of your builds over HTTP to other builds and hosts');
  binhost
    .command('serve')
    .description('serve the binary package cache of a recipe (or cache key) over HTTP from a container that restarts with the engine')
    .option('--recipe <file>', 'serve the cache this recipe\'s builds fill (key from its base\'s CHOST and CFLAGS)')
    .option('--key <cachekey>', 'serve the cache of this key (12 hex digits, as in gentoo-wb-binpkgs-KEY)')
    .option('--name <name>', 'the binhost\'s name, which a recipe gives as --binhost NAME (default: default)')
    .option('--port <n>', 'host port to publish (default 8000; 0: the engine picks a free one)')
    .option('--network <net>', 'also join this Docker network, where containers reach the binhost by its container name')
    .option('--image <image>', 'image to serve from (needs python3; default: the recipe\'s base, or the base of the newest build using --key)')
    .option('--json', 'print the served binhost as a JSON document')
    .action(async (_opts: ServeFlags, command: Command) => {
      const { runServeCommand } = await import('./binhost-command.js');
      await runServeCommand(command.optsWithGlobals<ServeFlags>());
    });
  binhost
    .command('status')
    .description('list the served binhosts: key, volume, state, URLs, packages in the index, whether it answers')
    .option('--json', 'print a JSON array')
    .action(async (_opts: EngineFlags & { json?: boolean }, command: Command) => {
      const { runStatusCommand } = await import('./binhost-command.js');
      await runStatusCommand(command.optsWithGlobals<EngineFlags & { json?: boolean }>());
    });
  binhost
    .command('stop')
    .description('stop a served binhost and remove its container (the cache volume stays)')
    .argument('[name]', 'which binhost (optional when only one is served)')
    .action(async (name: string | undefined, _opts: EngineFlags, command: Command) => {
      const { runStopCommand } = await import('./binhost-command.js');
      await runStopCommand(name, command.optsWithGlobals<EngineFlags>());
    });
}
