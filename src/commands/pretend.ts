// `gentoo-wb pretend RECIPE`: the merge list Portage would run for a recipe, its problems in words
// and the changes it asks for. Exit 0 mergeable, 1 Portage refuses, 2 usage or invalid recipe.
import type { Command } from 'commander';
import type { PretendFlags } from './pretend-command.js';

/** Register `pretend`. */
export function register(program: Command): void {
  program
    .command('pretend')
    .description('run emerge --pretend for a recipe in a throwaway container: merge list, problems in words, requested changes')
    .argument('<recipe>', 'recipe file')
    .option('--json', 'print the merge list, problems and changes as JSON, each package with its forecast (from, reason, seconds) and the forecast totals')
    .option('--tree', 'show the dependency tree (emerge --tree)')
    .option('--engine <name>', 'pretend on this configured engine (`gentoo-wb engines list`)')
    .option('--apply', "write Portage's requested USE/keyword/unmask/licence changes into the recipe file, then pretend again")
    .exitOverride()
    .action(async (recipe: string, _opts: PretendFlags, command: Command) => {
      const { runPretendCommand } = await import('./pretend-command.js');
      await runPretendCommand(recipe, command.optsWithGlobals<PretendFlags>());
    });
}
