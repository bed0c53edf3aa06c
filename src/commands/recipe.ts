// `gentoo-wb recipe new|show|validate`: write a recipe without the TUI, print one with the exact
// /etc/portage files a build uploads, check one. `new` and `validate` also check the atoms against the
// base's tree (unless --offline). Exit 0 ok, 1 failed (cannot write, an atom matches nothing in the
// tree…), 2 usage or an invalid recipe (field-level messages on stderr).
import type { Command } from 'commander';
import type { RecipeNewFlags, TreeCheckFlags } from './recipe-actions.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const OFFLINE_HELP = 'do not read the base\'s tree: check the recipe\'s syntax only (no engine needed)';

const FILE_HELP = 'recipe file; a bare name (no "/", no ".json") means NAME.json in the recipes folder ($XDG_DATA_HOME/gentoo-wb/recipes)';

/** Register `recipe` and its subcommands. */
export function register(program: Command): void {
  const recipe = program.command('recipe').description('create, show and validate recipe files');

  recipe
    .command('new')
    .description('write a new recipe with the usual make.conf defaults and this host\'s job sizing')
    .argument('<file>', FILE_HELP)
    .requiredOption('-b, --base <image>', 'base image, e.g. gentoo/stage3:amd64-openrc')
    .option('-n, --name <name>', 'recipe name (default: the file name)')
    .option('-p, --package <atom>', 'package atom to build (repeatable)', collect)
    .option('-m, --mode <mode>', 'build mode: commit, scratch, stage4 or minimal', 'commit')
    .option('-t, --tag <name>', 'tag for the image, NAME[:TAG] (repeatable)', collect)
    .option('--use <flags>', 'make.conf USE, e.g. "-X ssl"')
    .option('--portage-image <image>', 'Portage tree from this snapshot image (e.g. gentoo/portage:latest); default: the base\'s own')
    .option('--entrypoint <path>', 'ENTRYPOINT of the image')
    .option('--cmd <arg>', 'CMD of the image, one argument per --cmd (repeatable)', collect)
    .option('--binhost <source>', 'binary packages from: gentoo or gentoo-v3 (Gentoo\'s signed binhost, x86-64 or x86-64-v3), an http(s) URL, or the NAME of a `gentoo-wb binhost serve` binhost (repeatable; first preferred)', collect)
    .option('--on-missing <what>', 'a package no binhost has: compile (default) or fail (binary packages only)')
    .option('--engine <name>', 'build on this configured engine unless `build --engine` says otherwise (also reads the base\'s tree there)')
    .option('--distcc <engine>', 'spread compile jobs over a distccd helper on this engine (`local` or a configured name; repeatable)', collect)
    .option('-f, --force', 'overwrite an existing file')
    .option('--parents', 'create the file\'s folder when it does not exist')
    .option('--offline', OFFLINE_HELP)
    .action(async (file: string, _opts: RecipeNewFlags, command: Command) => {
      const { runRecipeNew } = await import('./recipe-actions.js');
      await runRecipeNew(file, command.optsWithGlobals<RecipeNewFlags>());
    });

  recipe
    .command('show')
    .description('print the recipe summary and the /etc/portage files a build writes')
    .argument('<file>', FILE_HELP)
    .option('--json', 'print {path, recipe, hash, files: [{path, mode, content}]}')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { runRecipeShow } = await import('./recipe-actions.js');
      await runRecipeShow(file, opts);
    });

  recipe
    .command('validate')
    .description('check a recipe and its atoms against the base\'s tree: exit 0 when it can be built, 2 with one line per syntax problem, 1 when atoms match nothing in the tree')
    .argument('<file>', FILE_HELP)
    .option('--offline', OFFLINE_HELP)
    .action(async (file: string, _opts: TreeCheckFlags, command: Command) => {
      const { runRecipeValidate } = await import('./recipe-actions.js');
      await runRecipeValidate(file, command.optsWithGlobals<TreeCheckFlags>());
    });
}
